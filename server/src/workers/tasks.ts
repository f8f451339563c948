import {
  buildReport,
  reportCsv,
  reportHtml,
  lookaheadTrials,
  parseScenarioText,
  planFork,
  Timeline,
  verifyLog,
  type ExerciseSetup,
  type ExerciseState,
  type ForkOptions,
  type ForkPlan,
  type ImportRefusal,
  type LoggedCommand,
  type Scenario,
  type ScenarioResult,
  type TimerDefaults,
  type TrialOutcome,
  type Violation,
} from '../shared.ts';

/**
 * The work that must not run on the event loop (it would stall every live exercise): parsing uploaded
 * scenarios, verifying imported files, folding whole logs for reports and forks, look-ahead trials.
 * Each task is a pure function of its input; `worker.ts` runs them on worker threads.
 */

/** A verified import, as plain data. */
export type Verified =
  | ImportRefusal
  | {
      ok: true;
      scenario: Scenario;
      setup: ExerciseSetup;
      entries: LoggedCommand[];
      final: ExerciseState;
      finalHash: string;
      genesis: string;
      title: string;
      timer: TimerDefaults | undefined;
    };

export interface LogInput {
  scenario: Scenario;
  setup: ExerciseSetup;
  log: LoggedCommand[];
}

/** One-shot tasks by kind: input and result. */
export interface Tasks {
  scenario: { input: { text: string }; result: ScenarioResult };
  verify: { input: { text: string }; result: Verified };
  /** The after-action report, rendered on the worker too (a flagship's HTML takes ~100 ms to write). */
  report: { input: LogInput & { format: 'html' | 'csv' }; result: string };
  fork: { input: LogInput & { options: ForkOptions }; result: ForkPlan | Violation };
}
export type TaskKind = keyof Tasks;

export const TASKS: { [K in TaskKind]: (input: Tasks[K]['input']) => Tasks[K]['result'] } = {
  scenario: ({ text }) => parseScenarioText(text),
  verify: ({ text }) => {
    const r = verifyLog(text);
    if (!r.ok) return r;
    return {
      ok: true,
      scenario: r.scenario,
      setup: r.setup,
      entries: r.entries,
      final: r.final,
      finalHash: r.finalHash,
      genesis: r.envelope.genesis,
      title: r.envelope.title,
      timer: r.envelope.timer,
    };
  },
  report: ({ scenario, setup, log, format }) => {
    const report = buildReport(scenario, setup, log);
    return format === 'csv' ? reportCsv(scenario, report) : reportHtml(scenario, report);
  },
  fork: ({ scenario, setup, log, options }) =>
    planFork(new Timeline(scenario, setup, log, { trusted: true }), options),
};

/** A chunk of a look-ahead: these seeds from this state, each outcome reported as it finishes. */
export interface TrialInput {
  scenario: Scenario;
  state: ExerciseState;
  months: number;
  seeds: number[];
}

export function runTrials(t: TrialInput, onOutcome: (o: TrialOutcome) => void): void {
  lookaheadTrials(t.scenario, t.state, t.months, t.seeds, onOutcome);
}
