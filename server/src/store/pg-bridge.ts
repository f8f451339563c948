import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** One statement for PostgreSQL, with `$1…` parameters. */
export interface Statement {
  sql: string;
  params?: unknown[];
}

export interface Request {
  statements: Statement[];
  /** Run them in one transaction. */
  tx: boolean;
}

type Rows = Record<string, unknown>[];
type Answer = { id: number; rows: Rows[] } | { id: number; error: { message: string; code: string | null } };

/** PostgreSQL refused or could not be reached; `code` is its SQLSTATE when it answered. */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/**
 * The PostgreSQL connection pool lives on a worker thread (`pg-worker.mjs`). `runSync` blocks the
 * calling thread until the answer comes (at most `timeoutMs`): the store's reads are synchronous like
 * SQLite's, each costing one round trip to the database on the event loop. `run` does not block: log
 * commits take that door, so the event loop never waits for the database's fsync.
 */
export class PgBridge {
  private worker!: Worker;
  private port!: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiting = new Map<number, { resolve(rows: Rows[]): void; reject(err: Error): void }>();
  private next = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
    private readonly poolSize = 8,
  ) {
    this.start();
  }

  /**
   * Starts the database thread. Should it ever stop while the store is open (an uncaught error
   * there), what it was running is refused and a new one takes its place: the store never waits on a
   * thread that is gone.
   */
  private start(): void {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./pg-worker.mjs', import.meta.url), {
      workerData: { url: this.url, syncPort: port2, flag: this.signal.buffer, poolSize: this.poolSize },
      transferList: [port2],
    });
    this.worker = worker;
    this.port = port1;
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const w = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (!w) return;
      if ('error' in answer) w.reject(new PgError(answer.error.message, answer.error.code));
      else w.resolve(answer.rows);
    });
    let failed: Error | null = null;
    worker.on('error', (err) => (failed = err));
    worker.on('exit', () => {
      const err = new PgError(`the database thread stopped${failed ? `: ${failed.message}` : ''}`, null);
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      port1.close();
      if (!this.closed) this.start();
    });
  }

  /** Runs the request and waits for its rows (one list per statement). */
  runSync(request: Request): Rows[] {
    if (this.closed) throw new PgError('the store is closed', null);
    const id = this.next++;
    const seen = Atomics.load(this.signal, 0);
    this.port.postMessage({ id, request });
    const deadline = performance.now() + this.timeoutMs;
    let last = seen;
    for (;;) {
      for (let got = receiveMessageOnPort(this.port); got; got = receiveMessageOnPort(this.port)) {
        const answer = got.message as Answer;
        // An answer to a request that timed out earlier is dropped.
        if (answer.id !== id) continue;
        if ('error' in answer) throw new PgError(answer.error.message, answer.error.code);
        return answer.rows;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new PgError(`the database did not answer within ${this.timeoutMs} ms`, null);
      Atomics.wait(this.signal, 0, last, left);
      last = Atomics.load(this.signal, 0);
    }
  }

  /** Runs the request without blocking. */
  run(request: Request): Promise<Rows[]> {
    if (this.closed) return Promise.reject(new PgError('the store is closed', null));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
  }
}
