import os from 'node:os';
import { WorkerPool } from './pool.ts';

/**
 * The server's worker threads, owned by the composition root (`createApp`), which closes them on
 * shutdown. Three pools, so that look-ahead trials (long, background) never delay the work someone is
 * waiting on (parsing an upload, verifying an import, a report, a fork), and none of that delays
 * loading an exercise someone opens (its log folded, `SessionManager.open`).
 */
export interface Workers {
  /** Interactive tasks: one worker, short queue, a heap limit per worker. */
  tasks: WorkerPool;
  /** Folding an exercise's log to load it: one worker. */
  loads: WorkerPool;
  /** Look-ahead trials: the remaining cores. */
  trials: WorkerPool;
  close(): Promise<void>;
}

export function createWorkers(): Workers {
  const tasks = new WorkerPool({
    size: 1,
    maxQueued: 32,
    // a scenario or import that needs more than this is refused, not allowed to swap the machine
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
  });
  // a queue long enough for a boot's or a classroom's worth of exercises opened at once
  const loads = new WorkerPool({ size: 1, maxQueued: 1000 });
  const trials = new WorkerPool({ size: Math.max(1, os.availableParallelism() - 1), maxQueued: 64 });
  return {
    tasks,
    loads,
    trials,
    close: async () => void (await Promise.all([tasks.close(), loads.close(), trials.close()])),
  };
}

/** How long each interactive task may run before its worker is terminated (ms). */
export const TASK_TIMEOUT_MS = {
  scenario: 10_000,
  verify: 60_000,
  report: 60_000,
  fork: 60_000,
  load: 60_000,
  balanceSeed: 60_000,
  hashSnapshot: 60_000,
} as const;
