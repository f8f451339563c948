import { Worker } from 'node:worker_threads';
import type { ExerciseState, Scenario, TrialOutcome } from '../shared.ts';
import type { TrialTask, WorkerAnswer } from './lookahead-worker.ts';

const ENTRY = new URL('./lookahead-worker.mjs', import.meta.url);

interface Job {
  id: number;
  scenario: Scenario;
  state: ExerciseState;
  months: number;
  results: TrialOutcome[];
  pending: number;
  failed: boolean;
  onTrial: (done: number) => void;
  resolve: (trials: TrialOutcome[]) => void;
  reject: (err: Error) => void;
}

interface Chunk {
  job: Job;
  seeds: number[];
}

interface Slot {
  worker: Worker;
  ready: boolean;
  chunk: Chunk | null;
  task: number;
  /** The job whose start state this worker holds. */
  job: number;
}

/**
 * Look-ahead trials on worker threads, so that the event loop keeps serving sockets while bots play
 * out hundreds of months. Trials are split in chunks handed to whichever worker is free; each trial
 * reports as it finishes (progress). Workers start on first use and stop after a while idle.
 */
export class TrialPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Chunk[] = [];
  private idle: NodeJS.Timeout | null = null;
  private nextTask = 0;
  private nextJob = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly idleMs = 600_000,
  ) {}

  /** Plays one trial per seed from `state`; `onTrial` gets the count finished so far. */
  run(
    scenario: Scenario,
    state: ExerciseState,
    months: number,
    seeds: readonly number[],
    onTrial: (done: number) => void = () => {},
  ): Promise<TrialOutcome[]> {
    if (this.closed) return Promise.reject(new Error('the trial pool is closed'));
    return new Promise((resolve, reject) => {
      const order = new Map(seeds.map((s, i) => [s, i]));
      const job: Job = {
        id: this.nextJob++,
        scenario,
        state,
        months,
        results: [],
        pending: 0,
        failed: false,
        onTrial,
        resolve: (trials) =>
          resolve(trials.sort((a, b) => (order.get(a.seed) ?? 0) - (order.get(b.seed) ?? 0))),
        reject,
      };
      const per = Math.max(1, Math.min(50, Math.ceil(seeds.length / (this.size * 4))));
      for (let i = 0; i < seeds.length; i += per) {
        this.queue.push({ job, seeds: seeds.slice(i, i + per) });
        job.pending++;
      }
      if (job.pending === 0) return resolve([]);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    for (const chunk of this.queue.splice(0)) this.fail(chunk.job, 'the trial pool closed');
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    while (this.slots.length < this.size && this.slots.length < this.queue.length) this.spawn();
    for (const slot of this.slots) {
      if (!slot.ready || slot.chunk) continue;
      let chunk = this.queue.shift();
      while (chunk?.job.failed) chunk = this.queue.shift();
      if (!chunk) break;
      slot.chunk = chunk;
      slot.task = this.nextTask++;
      const job = chunk.job;
      const task: TrialTask = {
        task: slot.task,
        job: job.id,
        ...(slot.job === job.id ? {} : { start: { scenario: job.scenario, state: job.state } }),
        months: job.months,
        seeds: chunk.seeds,
      };
      slot.job = job.id;
      slot.worker.postMessage(task);
    }
    if (!this.queue.length && this.slots.every((s) => !s.chunk)) {
      this.idle = setTimeout(() => void this.stopIdle(), this.idleMs);
      this.idle.unref();
    }
  }

  private spawn(): void {
    const worker = new Worker(ENTRY);
    worker.unref();
    const slot: Slot = { worker, ready: false, chunk: null, task: -1, job: -1 };
    this.slots.push(slot);
    worker.on('message', (a: WorkerAnswer) => this.answer(slot, a));
    worker.on('error', (err) => this.lost(slot, err.message));
    worker.on('exit', (code) => this.lost(slot, `worker exited with code ${code}`));
  }

  private answer(slot: Slot, a: WorkerAnswer): void {
    if (a.task === -1) {
      slot.ready = true;
      return this.pump();
    }
    const chunk = slot.chunk;
    if (!chunk || a.task !== slot.task) return;
    const job = chunk.job;
    if (a.kind === 'trial') {
      if (job.failed) return;
      job.results.push(a.outcome);
      job.onTrial(job.results.length);
      return;
    }
    slot.chunk = null;
    if (a.kind === 'failed') this.fail(job, a.message);
    else if (--job.pending === 0 && !job.failed) job.resolve(job.results);
    this.pump();
  }

  private lost(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.chunk) this.fail(slot.chunk.job, message);
    if (!this.closed && this.queue.length) this.pump();
  }

  private fail(job: Job, message: string): void {
    if (job.failed) return;
    job.failed = true;
    job.reject(new Error(message));
  }

  private async stopIdle(): Promise<void> {
    if (this.queue.length || this.slots.some((s) => s.chunk)) return;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
