import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createExercise } from '@arsenal/shared';
import { WorkerFailure, type WorkerPool } from '../../server/src/workers/pool.ts';
import { bundled, bundledText } from '../helpers/scenarios.ts';
import { startServer } from './helpers/server.ts';

/**
 * The composition root owns the worker threads (`createApp` makes the pools, `app.close()` stops
 * them): after close no worker thread of the server is left running, and the pools take no more work.
 */

/** This process's OS threads (each worker thread is one). */
const threads = () => Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);

/** How pool work ended: `done`, the failure's reason, or `no answer` (a generous bound, not a timing). */
async function refusal(p: Promise<unknown>): Promise<string> {
  const ended = p.then(
    () => 'done',
    (err: unknown) => (err instanceof WorkerFailure ? err.reason : String(err)),
  );
  const silence = new Promise<string>((r) => setTimeout(() => r('no answer'), 60_000).unref());
  return Promise.race([ended, silence]);
}

describe('app.close() and the worker pools', () => {
  it('terminates every worker thread and refuses work afterwards, even work under way', async () => {
    const server = await startServer();
    const { tasks, loads, trials } = server.app.workers;
    const pools: [string, WorkerPool][] = [
      ['tasks', tasks],
      ['loads', loads],
      ['trials', trials],
    ];
    const text = bundledText('tutorial');
    // A thread in each pool, started by work it finishes.
    for (const [, pool] of pools) {
      const parsed = await pool.call('scenario', { text }, 60_000);
      expect(parsed.ok).toBe(true);
    }
    // Work under way when the server closes: a look-ahead of one chunk, on a worker (not queued), and
    // a longer one, part on a worker and part queued.
    const flagship = bundled('france-2025');
    const state = createExercise(flagship, { seed: 1, bots: [] });
    const single = trials.trials(flagship, state, 24, [1]);
    expect(trials.load).toBe(1);
    const seeds = Array.from({ length: 400 }, (_, i) => i + 1);
    const long = trials.trials(flagship, state, 24, seeds);
    const outcomes = [single, long].map((run) => refusal(run.done));
    const before = threads();

    await server.close();

    // The work under way is answered (not left waiting for ever) and nothing new is taken.
    expect(await Promise.all(outcomes)).toEqual(['closed', 'closed']);
    for (const [name, pool] of pools) {
      expect([name, await refusal(pool.call('scenario', { text }, 60_000))]).toEqual([name, 'closed']);
      expect([name, pool.load]).toEqual([name, 0]);
    }
    // At least one thread per pool is gone (the trials pool may have run more).
    expect(before - threads()).toBeGreaterThanOrEqual(pools.length + trials.size - 1);
  }, 180_000);
});
