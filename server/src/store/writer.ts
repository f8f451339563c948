import { Worker } from 'node:worker_threads';
import type { SeatKey } from '../shared.ts';
import type { ExerciseRecord, ExerciseWrite, NewToken, Store } from './store.ts';

/**
 * A batch stored only in part: the exercises named here were refused (with why), all the others of
 * the batch are stored.
 */
export class PartialWrite extends Error {
  constructor(readonly refused: Map<string, Error>) {
    super(`${refused.size} exercise(s) of the batch were refused`);
  }
}

/**
 * Stores batches of log writes; resolves once they are durable (committed with fsync). Rejects if
 * nothing was stored, or with `PartialWrite` if only some exercises' writes were.
 */
export interface LogWriter {
  write(writes: ExerciseWrite[]): Promise<void>;
  close(): Promise<void>;
}

/** A new exercise with its whole log, as `Store.createCopy` takes it. */
export interface Copy {
  rec: ExerciseRecord;
  tokens: NewToken[];
  codes: { codeHash: string; seat: SeatKey }[];
  write: ExerciseWrite;
}

/** The messages between the store and its writer thread (writer-worker.ts). */
export type WriterRequest = { id: number; writes: ExerciseWrite[] } | { id: number; copy: Copy };
export type WriterAnswer = { id: number; error: string | null };

const ENTRY = new URL('./writer-worker.mjs', import.meta.url);

/**
 * Commits on a worker thread with its own SQLite connection to `DATA_DIR/arsenal.db`: the event loop
 * never waits for an fsync, at the price of a round trip per batch (`LOG_WRITER=thread`, for disks
 * whose fsyncs are slow). `copy` stores a new exercise with its whole log there (`Store.createCopy`).
 */
export function threadWriter(dataDir: string): LogWriter & { copy(copy: Copy): Promise<void> } {
  const worker = new Worker(ENTRY, { workerData: { dataDir } });
  const waiting = new Map<number, { resolve(): void; reject(err: Error): void }>();
  let next = 0;
  let broken: Error | null = null;
  const failAll = (err: Error) => {
    broken = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', ({ id, error }: WriterAnswer) => {
    const w = waiting.get(id);
    waiting.delete(id);
    if (error === null) w?.resolve();
    else w?.reject(new Error(error));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`log writer stopped (${code})`)));
  const send = (request: WriterRequest): Promise<void> => {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  };
  return {
    write: (writes) => send({ id: next++, writes }),
    copy: (copy) => send({ id: next++, copy }),
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * Commits through the store's own connection (the default). SQLite: on the event loop, one fsync per
 * batch, which on an ordinary disk costs less than a round trip to a thread. PostgreSQL: sent to the
 * store's database thread, the event loop goes on meanwhile.
 */
export function inlineWriter(store: Store): LogWriter {
  return {
    write: (writes) => store.commit(writes),
    close: async () => undefined,
  };
}
