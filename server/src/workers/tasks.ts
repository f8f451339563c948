import {
  applyCommand,
  buildReport,
  canonicalJSON,
  createExercise,
  entryHash,
  genesisHash,
  hashState,
  verifyChain,
  reportCsv,
  reportHtml,
  lookaheadTrials,
  parseScenarioText,
  planFork,
  runVariantSeed,
  Timeline,
  verifyLog,
  type ExerciseSetup,
  type ExerciseState,
  type ForkOptions,
  type ForkPlan,
  type ImportRefusal,
  type LogEntry,
  type LoggedCommand,
  type Scenario,
  type ScenarioResult,
  type SeedOutcome,
  type TimerDefaults,
  type TrialOutcome,
  type Variant,
  type Violation,
} from '../shared.ts';
import { nativeSha256Hex } from '../security/secrets.ts';

/**
 * The work that must not run on the event loop (it would stall every live exercise): parsing uploaded
 * scenarios, verifying imported files, folding whole logs for reports, forks and loading an exercise,
 * hash-chaining copied logs, look-ahead trials. Each task is a pure function of its input; `worker.ts`
 * runs them on worker threads.
 */

/**
 * A log to copy into a new exercise, hash-chained from the genesis a new exercise of this scenario and
 * setup gets (`lobby.ts` computes the same: the scenario's canonical JSON, bots sorted and unique), and
 * the hash of its final state: the event loop only stores them.
 */
export interface ChainedCopy {
  genesis: string;
  entries: LogEntry[];
  finalHash: string;
}

function chainCopy(
  scenario: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
  final: ExerciseState,
): ChainedCopy {
  const bots = [...new Set(setup.bots)].sort();
  const genesis = genesisHash(nativeSha256Hex(canonicalJSON(scenario)), { seed: setup.seed, bots });
  let prev = genesis;
  const entries = log.map(({ seq, at, actor, command }): LogEntry => {
    const hash = entryHash(prev, { seq, at, actor, command }, nativeSha256Hex);
    const entry = { seq, at, actor, command, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
  return { genesis, entries, finalHash: hashState(final, nativeSha256Hex) };
}

/** What loading an exercise needs: its stored log and its latest snapshot (as stored, unparsed). */
export interface LoadInput {
  scenario: Scenario;
  setup: ExerciseSetup;
  genesis: string;
  log: LogEntry[];
  snapshot: { seq: number; state: string; stateHash: string } | null;
}

/**
 * The exercise's state: the fold of its whole log, after the hash chain is checked. The snapshot is
 * only checked against the fold; one that disagrees (edited in the database, or made by an older
 * engine) comes back as `replace`, the fold's state at its seq. `broken`: the log does not verify
 * or no longer replays (the exercise stays offline).
 */
export type Loaded =
  | {
      ok: true;
      state: ExerciseState;
      snapshot: 'none' | 'ok' | 'unmatched' | { seq: number; state: ExerciseState; stateHash: string };
    }
  | { ok: false; broken: string };

function loadExercise({ scenario, setup, genesis, log, snapshot }: LoadInput): Loaded {
  const chain = verifyChain(genesis, log, nativeSha256Hex);
  if (!chain.ok) return { ok: false, broken: `hash chain breaks at entry ${chain.index}` };
  let state = createExercise(scenario, setup);
  let atSnapshot: ExerciseState | null = null;
  for (const entry of log) {
    // The chain verified: these are commands this server accepted, so the rule checks are not rerun.
    const result = applyCommand(scenario, state, entry, { trusted: true });
    if (!result.ok)
      return { ok: false, broken: `stored command ${entry.seq} no longer applies: ${result.code}` };
    state = result.state;
    if (entry.seq === snapshot?.seq) atSnapshot = state;
  }
  if (!snapshot) return { ok: true, state, snapshot: 'none' };
  if (!atSnapshot) return { ok: true, state, snapshot: 'unmatched' };
  const expected = hashState(atSnapshot, nativeSha256Hex);
  let stored: ExerciseState | null = null;
  try {
    stored = JSON.parse(snapshot.state) as ExerciseState;
  } catch {
    // unreadable: replaced like any snapshot that disagrees
  }
  const same =
    snapshot.stateHash === expected && stored !== null && hashState(stored, nativeSha256Hex) === expected;
  return {
    ok: true,
    state,
    snapshot: same ? 'ok' : { seq: snapshot.seq, state: atSnapshot, stateHash: expected },
  };
}

/** A verified import, as plain data. */
export type Verified =
  | ImportRefusal
  | {
      ok: true;
      scenario: Scenario;
      setup: ExerciseSetup;
      final: ExerciseState;
      genesis: string;
      title: string;
      timer: TimerDefaults | undefined;
      copy: ChainedCopy;
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
  load: { input: LoadInput; result: Loaded };
  /** `hashState` of a state sent as its `JSON.stringify` text (a session's snapshot). */
  hashSnapshot: { input: { text: string }; result: string };
  /** The after-action report, rendered on the worker too (a flagship's HTML takes ~100 ms to write). */
  report: { input: LogInput & { format: 'html' | 'csv' }; result: string };
  fork: {
    input: LogInput & { options: ForkOptions };
    result: (ForkPlan & { copy: ChainedCopy }) | Violation;
  };
  /** One game of a balance check (`replay/balance.ts`): the variant is applied on the worker. */
  balanceSeed: {
    input: { scenario: Scenario; variant: Variant; seed: number; turns: number };
    result: SeedOutcome;
  };
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
      final: r.final,
      genesis: r.envelope.genesis,
      title: r.envelope.title,
      timer: r.envelope.timer,
      copy: chainCopy(r.scenario, r.setup, r.entries, r.final),
    };
  },
  load: loadExercise,
  hashSnapshot: ({ text }) => hashState(JSON.parse(text) as ExerciseState, nativeSha256Hex),
  report: ({ scenario, setup, log, format }) => {
    const report = buildReport(scenario, setup, log);
    return format === 'csv' ? reportCsv(scenario, report) : reportHtml(scenario, report);
  },
  fork: ({ scenario, setup, log, options }) => {
    const plan = planFork(new Timeline(scenario, setup, log, { trusted: true }), options);
    return 'ok' in plan ? plan : { ...plan, copy: chainCopy(scenario, plan.setup, plan.log, plan.state) };
  },
  balanceSeed: ({ scenario, variant, seed, turns }) => runVariantSeed(scenario, variant, seed, turns),
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
