import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from './sqlite.ts';
import type { WriterAnswer, WriterRequest } from './writer.ts';

/**
 * The log writer's thread: its own connection to the database, so that commits (one fsync each, with
 * `synchronous=FULL`) and WAL checkpoints never hold up the event loop.
 */

const port = parentPort;
if (!port) throw new Error('writer-worker.ts runs in a worker thread');
// The main thread's store runs the checkpoints.
const store = openSqliteStore((workerData as { dataDir: string }).dataDir, {
  checkpoints: false,
  check: false,
});

port.on('message', (request: WriterRequest) => {
  const id = request.id;
  let error: string | null = null;
  try {
    if ('copy' in request) {
      const { rec, tokens, codes, write } = request.copy;
      store.createWithLog(rec, tokens, codes, write);
    } else store.appendBatch(request.writes);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  port.postMessage({ id, error } satisfies WriterAnswer);
});
