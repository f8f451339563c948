import { parentPort } from 'node:worker_threads';
import {
  lookaheadTrials,
  verifyExport,
  type ExerciseSetup,
  type ExerciseState,
  type ImportRefusal,
  type LogEntry,
  type Scenario,
  type TimerDefaults,
  type TrialOutcome,
} from '../shared.ts';

/**
 * Work that would hold the event loop for long: look-ahead trials, and the verification of an
 * imported file (a full untrusted replay). One task at a time per worker.
 */

/**
 * Play these trials from this state. The scenario and the state come with a job's first task to each
 * worker only: later tasks of the job reuse them (and the engine's caches, keyed by the scenario).
 */
export interface TrialTask {
  kind: 'trials';
  task: number;
  job: number;
  start?: { scenario: Scenario; state: ExerciseState };
  months: number;
  seeds: number[];
}

/** Verify an export file's text. */
export interface VerifyTask {
  kind: 'verify';
  task: number;
  text: string;
}

export type WorkerTask = TrialTask | VerifyTask;

/** A verified import, as plain data (the timeline stays in the worker). */
export type Verified =
  | ImportRefusal
  | {
      ok: true;
      scenario: Scenario;
      setup: ExerciseSetup;
      entries: LogEntry[];
      final: ExerciseState;
      finalHash: string;
      title: string;
      timer: TimerDefaults | undefined;
    };

/** Answers: each trial as it finishes, a verification, then the end of the task (or its failure). */
export type WorkerAnswer =
  | { task: number; kind: 'trial'; outcome: TrialOutcome }
  | { task: number; kind: 'verified'; result: Verified }
  | { task: number; kind: 'done' }
  | { task: number; kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const answer = (a: WorkerAnswer) => port.postMessage(a);

let current: { job: number; scenario: Scenario; state: ExerciseState } | null = null;

function trials(t: TrialTask): void {
  if (t.start) current = { job: t.job, ...t.start };
  if (!current || current.job !== t.job) throw new Error(`no start state for job ${t.job}`);
  lookaheadTrials(current.scenario, current.state, t.months, t.seeds, (outcome) =>
    answer({ task: t.task, kind: 'trial', outcome }),
  );
}

function verify(t: VerifyTask): void {
  const r = verifyExport(t.text);
  const result: Verified = r.ok
    ? {
        ok: true,
        scenario: r.scenario,
        setup: r.setup,
        entries: r.entries,
        final: r.timeline.final,
        finalHash: r.finalHash,
        title: r.envelope.title,
        timer: r.envelope.timer,
      }
    : r;
  answer({ task: t.task, kind: 'verified', result });
}

port.on('message', (t: WorkerTask) => {
  try {
    if (t.kind === 'trials') trials(t);
    else verify(t);
    answer({ task: t.task, kind: 'done' });
  } catch (err) {
    answer({ task: t.task, kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
answer({ task: -1, kind: 'done' });
