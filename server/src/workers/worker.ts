import { parentPort } from 'node:worker_threads';
import type { ExerciseState, Scenario, TrialOutcome } from '../shared.ts';
import { runTrials, TASKS, type TaskKind } from './tasks.ts';

/** A worker thread of the pool (`pool.ts`): one task at a time. */

export type WorkerTask =
  | { kind: 'call'; task: number; name: TaskKind; input: unknown }
  | {
      kind: 'trials';
      task: number;
      job: number;
      /** Sent with a job's first chunk to each worker only: later chunks reuse it (and its caches). */
      start?: { scenario: Scenario; state: ExerciseState };
      months: number;
      seeds: number[];
    };

export type WorkerAnswer =
  | { task: number; kind: 'ready' }
  | { task: number; kind: 'trial'; outcome: TrialOutcome }
  | { task: number; kind: 'result'; result: unknown }
  | { task: number; kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const answer = (a: WorkerAnswer) => port.postMessage(a);

let current: { job: number; scenario: Scenario; state: ExerciseState } | null = null;

function run(t: WorkerTask): unknown {
  if (t.kind === 'call') return (TASKS[t.name] as (input: unknown) => unknown)(t.input);
  if (t.start) current = { job: t.job, ...t.start };
  if (!current || current.job !== t.job) throw new Error(`no start state for job ${t.job}`);
  runTrials({ ...current, months: t.months, seeds: t.seeds }, (outcome) =>
    answer({ task: t.task, kind: 'trial', outcome }),
  );
  return null;
}

port.on('message', (t: WorkerTask) => {
  try {
    answer({ task: t.task, kind: 'result', result: run(t) });
  } catch (err) {
    answer({ task: t.task, kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
answer({ task: -1, kind: 'ready' });
