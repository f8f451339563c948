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

/**
 * The code of a request PostgreSQL did not answer within the deadline: it may or may not have been
 * done (a commit's COMMIT may have reached the database).
 */
export const PG_TIMEOUT = 'arsenal/timeout';
/** The code of a request refused without being sent: the database stopped answering, not back yet. */
export const PG_DOWN = 'arsenal/db_down';

/** How long the bridge waits past the thread's own deadline before it gives up on the thread. */
const GRACE_MS = 1000;
/** How often a database that stopped answering is asked again whether it is back. */
const PROBE_MS = 500;

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
 * calling thread until the answer comes: the store's reads are synchronous like SQLite's, each
 * costing one round trip to the database on the event loop. `run` does not block: log commits take
 * that door, so the event loop never waits for the database's fsync.
 *
 * Every request has a deadline (`timeoutMs`, `DATABASE_TIMEOUT_MS`), kept by the thread (which then
 * destroys the request's connection) and, should the thread itself not answer, here. Once a request
 * timed out the database counts as down: requests are refused at once with `PG_DOWN` (the event loop
 * does not block a deadline long on each read, nothing waits behind a hung socket) while a probe asks
 * the database every `PROBE_MS` on a new connection; its first answer brings the bridge back.
 */
export class PgBridge {
  private worker!: Worker;
  private port!: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiting = new Map<number, { resolve(rows: Rows[]): void; reject(err: Error): void }>();
  private next = 0;
  private closed = false;
  /** Set while the database is not answering: since when (for the message). */
  private downSince: number | null = null;

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
      workerData: {
        url: this.url,
        syncPort: port2,
        flag: this.signal.buffer,
        poolSize: this.poolSize,
        timeoutMs: this.timeoutMs,
      },
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

  /** Whether the database answers (false from a timeout until a probe gets an answer). */
  get up(): boolean {
    return this.downSince === null;
  }

  /** Why a request is refused before it is sent, if it is. */
  private refusal(): PgError | null {
    if (this.closed) return new PgError('the store is closed', null);
    if (this.downSince === null) return null;
    const s = Math.round((performance.now() - this.downSince) / 1000);
    return new PgError(`the database has not answered for ${s} s`, PG_DOWN);
  }

  /** Runs the request and waits for its rows (one list per statement). */
  runSync(request: Request): Rows[] {
    const refused = this.refusal();
    if (refused) throw refused;
    const id = this.next++;
    const seen = Atomics.load(this.signal, 0);
    this.port.postMessage({ id, request });
    const deadline = performance.now() + this.timeoutMs + GRACE_MS;
    let last = seen;
    for (;;) {
      for (let got = receiveMessageOnPort(this.port); got; got = receiveMessageOnPort(this.port)) {
        const answer = got.message as Answer;
        // An answer to a request that timed out earlier is dropped.
        if (answer.id !== id) continue;
        if ('error' in answer) throw this.failed(new PgError(answer.error.message, answer.error.code));
        return answer.rows;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw this.failed(this.timedOut());
      Atomics.wait(this.signal, 0, last, left);
      last = Atomics.load(this.signal, 0);
    }
  }

  /** Runs the request without blocking. */
  run(request: Request): Promise<Rows[]> {
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    return this.send(request).catch((err: unknown) => {
      throw err instanceof PgError ? this.failed(err) : err;
    });
  }

  private send(request: Request): Promise<Rows[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(this.timedOut());
      }, this.timeoutMs + GRACE_MS);
      timer.unref();
      this.waiting.set(id, {
        resolve: (rows) => (clearTimeout(timer), resolve(rows)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      this.worker.postMessage({ id, request });
    });
  }

  private timedOut(): PgError {
    return new PgError(`the database did not answer within ${this.timeoutMs} ms`, PG_TIMEOUT);
  }

  /** A failure as it is passed on; a timeout marks the database down until a probe gets an answer. */
  private failed(err: PgError): PgError {
    if (err.code === PG_TIMEOUT && this.downSince === null && !this.closed) {
      this.downSince = performance.now();
      this.probe();
    }
    return err;
  }

  private probe(): void {
    const timer = setTimeout(() => {
      if (this.closed) return;
      this.send({ statements: [{ sql: 'SELECT 1' }], tx: false }).then(
        () => (this.downSince = null),
        () => this.probe(),
      );
    }, PROBE_MS);
    timer.unref();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
  }
}
