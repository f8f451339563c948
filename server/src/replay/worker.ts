import { parentPort } from 'node:worker_threads';
import { lookaheadTrials, type ExerciseState, type Scenario, type TrialOutcome } from '../shared.ts';

/**
 * What the pool asks of a worker: play these trials from this state. The scenario and the state come
 * with a job's first task to each worker only: later tasks of the job reuse them (and the engine's
 * caches, which are keyed by the scenario object).
 */
export interface TrialTask {
  task: number;
  job: number;
  start?: { scenario: Scenario; state: ExerciseState };
  months: number;
  seeds: number[];
}

/** What a worker answers: each trial as it finishes, then the end of the task (or its failure). */
export type WorkerAnswer =
  | { task: number; kind: 'trial'; outcome: TrialOutcome }
  | { task: number; kind: 'done' }
  | { task: number; kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('lookahead-worker.ts runs in a worker thread');

let current: { job: number; scenario: Scenario; state: ExerciseState } | null = null;

port.on('message', (t: TrialTask) => {
  try {
    if (t.start) current = { job: t.job, ...t.start };
    if (!current || current.job !== t.job) throw new Error(`no start state for job ${t.job}`);
    lookaheadTrials(current.scenario, current.state, t.months, t.seeds, (outcome) =>
      port.postMessage({ task: t.task, kind: 'trial', outcome } satisfies WorkerAnswer),
    );
    port.postMessage({ task: t.task, kind: 'done' } satisfies WorkerAnswer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ task: t.task, kind: 'failed', message } satisfies WorkerAnswer);
  }
});
port.postMessage({ task: -1, kind: 'done' } satisfies WorkerAnswer);
