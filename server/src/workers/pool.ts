import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ExerciseState, Scenario, TrialOutcome } from '../shared.ts';
import type { TaskKind, Tasks } from './tasks.ts';
import type { WorkerAnswer, WorkerTask } from './worker.ts';

const ENTRY = new URL('./worker.mjs', import.meta.url);

/** Why pool work did not give a result. */
export type FailureReason = 'timeout' | 'memory' | 'crashed' | 'closed' | 'busy' | 'cancelled' | 'failed';

export class WorkerFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

interface Settle {
  settled: boolean;
  resolve: (v: never) => void;
  reject: (err: WorkerFailure) => void;
}

interface CallJob extends Settle {
  kind: 'call';
  id: number;
  name: TaskKind;
  input: unknown;
  timeoutMs: number;
}

interface TrialsJob extends Settle {
  kind: 'trials';
  id: number;
  scenario: Scenario;
  state: ExerciseState;
  months: number;
  chunks: number[][];
  pending: number;
  results: TrialOutcome[];
  onTrial: (done: number) => void;
}

type Job = CallJob | TrialsJob;

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  task: number;
  /** The trials job whose start state this worker holds. */
  holds: number;
  timer: NodeJS.Timeout | null;
}

export interface PoolOptions {
  size: number;
  /** Workers stop after this long with nothing to do (ms); they start again on demand. */
  idleMs?: number;
  /** Jobs waiting beyond this are refused (`busy`) rather than queued. */
  maxQueued?: number;
  /** Heap limits of each worker: a task that needs more fails (`memory`) and the worker is replaced. */
  resourceLimits?: ResourceLimits;
}

/** A running look-ahead: its trials in seed order, or a failure; `cancel` drops what has not run. */
export interface TrialsRun {
  done: Promise<TrialOutcome[]>;
  cancel(): void;
}

/**
 * Worker threads for work that would otherwise hold the event loop. Jobs wait in one queue served
 * round-robin: a look-ahead is split in chunks and goes back to the end of the queue after each chunk,
 * so one big job never starves the others. One-shot tasks have a time limit, after which their worker
 * is terminated (and replaced): a hostile input cannot keep a worker forever.
 *
 * Why not piscina (issue 11 weighed it): piscina would cover lazy threads, the idle stop, the queue
 * bound, heap limits and, through an AbortSignal, the time limit (it terminates a running task's
 * worker), about half of this file. It has no worker affinity, though: a look-ahead's start state
 * (a whole exercise state) would be cloned on the event loop and sent again with every chunk instead
 * of once per worker (`holds`), and each trial's progress would need a MessagePort per chunk. What is
 * left here (the round-robin of chunks, affinity, failure reasons) would stay on top of it, so the
 * change would add a dependency without removing the part that needs care. Revisit if the pool grows
 * features piscina has and this lacks (e.g. task priorities, thread scaling by load).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private idle: NodeJS.Timeout | null = null;
  private nextTask = 0;
  private nextJob = 0;
  private closed = false;
  readonly size: number;

  constructor(private readonly options: PoolOptions) {
    this.size = Math.max(1, options.size);
  }

  /** Jobs waiting or running. */
  get load(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  call<K extends TaskKind>(
    name: K,
    input: Tasks[K]['input'],
    timeoutMs: number,
  ): Promise<Tasks[K]['result']> {
    return new Promise((resolve, reject) => {
      const job: CallJob = {
        kind: 'call',
        id: this.nextJob++,
        name,
        input,
        timeoutMs,
        settled: false,
        resolve: resolve as (v: never) => void,
        reject,
      };
      this.enqueue(job);
    });
  }

  /** Plays one trial per seed from `state`; `onTrial` gets the count finished so far. */
  trials(
    scenario: Scenario,
    state: ExerciseState,
    months: number,
    seeds: readonly number[],
    onTrial: (done: number) => void = () => {},
  ): TrialsRun {
    let job: TrialsJob | null = null;
    const done = new Promise<TrialOutcome[]>((resolve, reject) => {
      const order = new Map(seeds.map((s, i) => [s, i]));
      const per = Math.max(1, Math.min(50, Math.ceil(seeds.length / (this.size * 4))));
      const chunks: number[][] = [];
      for (let i = 0; i < seeds.length; i += per) chunks.push(seeds.slice(i, i + per));
      job = {
        kind: 'trials',
        id: this.nextJob++,
        scenario,
        state,
        months,
        chunks,
        pending: chunks.length,
        results: [],
        onTrial,
        settled: false,
        resolve: ((trials: TrialOutcome[]) =>
          resolve(trials.sort((a, b) => (order.get(a.seed) ?? 0) - (order.get(b.seed) ?? 0)))) as (
          v: never,
        ) => void,
        reject,
      };
      if (!chunks.length) return resolve([]);
      this.enqueue(job);
    });
    return {
      done,
      cancel: () => {
        if (job) this.fail(job, new WorkerFailure('cancelled', 'The look-ahead was cancelled.'));
      },
    };
  }

  /** Refuses what waits and what runs (`closed`: each caller gets an answer), and stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    const running = this.slots.flatMap((s) => (s.job ? [s.job] : []));
    for (const job of [...this.queue.splice(0), ...running])
      this.fail(job, new WorkerFailure('closed', 'The server is stopping.'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }

  private enqueue(job: Job): void {
    if (this.closed) return this.fail(job, new WorkerFailure('closed', 'The server is stopping.'));
    if (this.queue.length >= (this.options.maxQueued ?? Infinity))
      return this.fail(job, new WorkerFailure('busy', 'The server is busy with other work; try again soon.'));
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    let free = this.slots.filter((s) => !s.job).length;
    for (; !this.closed && this.slots.length < this.size && free < this.queue.length; free++) this.spawn();
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const task = this.next(slot);
      if (!task) break;
      slot.worker.postMessage(task);
    }
    if (!this.queue.length && this.slots.every((s) => !s.job)) {
      this.idle = setTimeout(() => void this.stopIdle(), this.options.idleMs ?? 600_000);
      this.idle.unref();
    }
  }

  /** The next piece of work for a free worker, round-robin over the waiting jobs. */
  private next(slot: Slot): WorkerTask | null {
    while (this.queue.length) {
      const job = this.queue.shift()!;
      if (job.settled) continue;
      slot.job = job;
      slot.task = this.nextTask++;
      if (job.kind === 'call') {
        slot.timer = setTimeout(() => this.timedOut(slot), job.timeoutMs);
        return { kind: 'call', task: slot.task, name: job.name, input: job.input };
      }
      const seeds = job.chunks.shift()!;
      if (job.chunks.length) this.queue.push(job);
      const start = slot.holds === job.id ? {} : { start: { scenario: job.scenario, state: job.state } };
      slot.holds = job.id;
      return { kind: 'trials', task: slot.task, job: job.id, ...start, months: job.months, seeds };
    }
    return null;
  }

  private spawn(): void {
    const worker = new Worker(ENTRY, { resourceLimits: this.options.resourceLimits });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, task: -1, holds: -1, timer: null };
    this.slots.push(slot);
    worker.on('message', (a: WorkerAnswer) => this.answer(slot, a));
    worker.on('error', (err: Error & { code?: string }) =>
      this.lost(
        slot,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new WorkerFailure('memory', 'The work needed more memory than a worker may use.')
          : new WorkerFailure('crashed', err.message),
      ),
    );
    worker.on('exit', (code) =>
      this.lost(slot, new WorkerFailure('crashed', `worker exited with code ${code}`)),
    );
  }

  private answer(slot: Slot, a: WorkerAnswer): void {
    if (a.kind === 'ready') {
      slot.ready = true;
      return this.pump();
    }
    const job = slot.job;
    if (!job || a.task !== slot.task) return;
    if (a.kind === 'trial') {
      if (job.kind === 'trials' && !job.settled) {
        job.results.push(a.outcome);
        job.onTrial(job.results.length);
      }
      return;
    }
    this.release(slot);
    if (a.kind === 'failed') this.fail(job, new WorkerFailure('failed', a.message));
    else if (job.kind === 'call') this.succeed(job, a.result);
    else if (--job.pending === 0) this.succeed(job, job.results);
    this.pump();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private timedOut(slot: Slot): void {
    const job = slot.job;
    this.release(slot);
    if (job) this.fail(job, new WorkerFailure('timeout', 'The work took longer than allowed.'));
    this.remove(slot);
    void slot.worker.terminate();
    this.pump();
  }

  private lost(slot: Slot, failure: WorkerFailure): void {
    if (!this.remove(slot)) return;
    const job = slot.job;
    this.release(slot);
    if (job) this.fail(job, failure);
    if (!this.closed && this.queue.length) this.pump();
  }

  private remove(slot: Slot): boolean {
    const i = this.slots.indexOf(slot);
    if (i < 0) return false;
    this.slots.splice(i, 1);
    return true;
  }

  private succeed(job: Job, value: unknown): void {
    if (job.settled) return;
    job.settled = true;
    (job.resolve as (v: unknown) => void)(value);
  }

  private fail(job: Job, failure: WorkerFailure): void {
    if (job.settled) return;
    job.settled = true;
    job.reject(failure);
  }

  private async stop(slot: Slot): Promise<void> {
    this.release(slot);
    await slot.worker.terminate();
  }

  private async stopIdle(): Promise<void> {
    if (this.queue.length || this.slots.some((s) => s.job)) return;
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }
}
