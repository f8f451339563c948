import { describe, expect, it } from 'vitest';
import { jsonLogger } from '../../server/src/logger.ts';
import { Journal, type Journaled } from '../../server/src/sessions/journal.ts';
import type { ExerciseWrite } from '../../server/src/store/store.ts';
import type { LogWriter } from '../../server/src/store/writer.ts';

/** A writer that records each batch it is given (the real ones are covered by the SQLite tests). */
function recordingWriter(): LogWriter & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    write: async (writes: ExerciseWrite[]) => void batches.push(writes.map((w) => w.exerciseId)),
    close: async () => undefined,
  };
}

/** A session with one queued command, which records when it is settled. */
function session(id: string, settled: string[]): Journaled {
  let queued = true;
  return {
    id,
    applyQueued: () => {
      if (!queued) return null;
      queued = false;
      return { exerciseId: id, entries: [], snapshots: [], finished: false };
    },
    settle: (error) => void settled.push(error === null ? id : `${id}!`),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

async function markSpread(journal: Journal, n: number, settled: string[]) {
  for (let i = 0; i < n; i++) {
    journal.mark(session(`x${i}`, settled));
    await tick();
  }
  await journal.drain();
}

describe('group commit', () => {
  const logger = jsonLogger('silent');

  it('without a minimum interval, commands arriving in different turns of the loop commit one by one', async () => {
    const writer = recordingWriter();
    const settled: string[] = [];
    await markSpread(new Journal(writer, logger), 5, settled);
    expect(writer.batches).toEqual([['x0'], ['x1'], ['x2'], ['x3'], ['x4']]);
    expect(settled).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
  });

  it('with one, a quiet server commits at once and a busy one gathers what arrives meanwhile', async () => {
    const writer = recordingWriter();
    const settled: string[] = [];
    const journal = new Journal(writer, logger, { minIntervalMs: 200 });
    await markSpread(journal, 5, settled);
    // x0 finds the journal idle and is stored at once; x1…x4 arrive within the interval and share one commit
    expect(writer.batches).toEqual([['x0'], ['x1', 'x2', 'x3', 'x4']]);
    expect(settled).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
  });

  it('what waits for the interval is committed when it ends, without being asked', async () => {
    const writer = recordingWriter();
    const settled: string[] = [];
    const journal = new Journal(writer, logger, { minIntervalMs: 30 });
    journal.mark(session('a', settled));
    await tick();
    journal.mark(session('b', settled));
    journal.mark(session('c', settled));
    expect(settled).toEqual(['a']);
    for (let i = 0; i < 100 && settled.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(writer.batches).toEqual([['a'], ['b', 'c']]);
    expect(settled).toEqual(['a', 'b', 'c']);
  });

  it('a refused batch settles each of its sessions with the error', async () => {
    const settled: string[] = [];
    const failing: LogWriter = { write: () => Promise.reject(new Error('disk full')), close: async () => {} };
    await markSpread(new Journal(failing, logger, { minIntervalMs: 5 }), 3, settled);
    expect(settled.sort()).toEqual(['x0!', 'x1!', 'x2!']);
  });
});
