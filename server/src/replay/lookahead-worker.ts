import { parentPort } from 'node:worker_threads';
import { lookaheadTrial, type ExerciseState, type Scenario, type TrialOutcome } from '../shared.ts';

/** What the pool asks of a worker: play these trials from this state. */
export interface TrialTask {
  task: number;
  scenario: Scenario;
  state: ExerciseState;
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

port.on('message', (t: TrialTask) => {
  try {
    for (const seed of t.seeds) {
      const outcome = lookaheadTrial(t.scenario, t.state, t.months, seed);
      port.postMessage({ task: t.task, kind: 'trial', outcome } satisfies WorkerAnswer);
    }
    port.postMessage({ task: t.task, kind: 'done' } satisfies WorkerAnswer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ task: t.task, kind: 'failed', message } satisfies WorkerAnswer);
  }
});
port.postMessage({ task: -1, kind: 'done' } satisfies WorkerAnswer);
