import { Worker } from 'node:worker_threads';
import type { ExerciseState, Scenario, TrialOutcome } from '../shared.ts';
import type { Verified, WorkerAnswer, WorkerTask } from './worker.ts';

const ENTRY = new URL('./worker.mjs', import.meta.url);

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

/** One unit of work for one worker: a chunk of a look-ahead job's seeds, or one file to verify. */
type Work =
  | { kind: 'trials'; job: Job; seeds: number[] }
  | {
      kind: 'verify';
      text: string;
      result: Verified | null;
      resolve: (v: Verified) => void;
      reject: (err: Error) => void;
    };

interface Slot {
  worker: Worker;
  ready: boolean;
  work: Work | null;
  task: number;
  /** The job whose start state this worker holds. */
  job: number;
}

/**
 * Worker threads for the work that would otherwise hold the event loop (and so every live exercise):
 * look-ahead trials and import verification. A job's trials are split in chunks handed to whichever
 * worker is free, each trial reporting as it finishes (progress). Workers start on first use and
 * stop after a while idle.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Work[] = [];
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
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
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
        this.queue.push({ kind: 'trials', job, seeds: seeds.slice(i, i + per) });
        job.pending++;
      }
      if (job.pending === 0) return resolve([]);
      this.pump();
    });
  }

  /** Verifies an export file's text off the event loop (`verifyExport`). */
  verify(text: string): Promise<Verified> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'verify', text, result: null, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    for (const work of this.queue.splice(0)) this.fail(work, 'the worker pool closed');
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    while (this.slots.length < this.size && this.slots.length < this.queue.length) this.spawn();
    for (const slot of this.slots) {
      if (!slot.ready || slot.work) continue;
      let work = this.queue.shift();
      while (work?.kind === 'trials' && work.job.failed) work = this.queue.shift();
      if (!work) break;
      slot.work = work;
      slot.task = this.nextTask++;
      slot.worker.postMessage(this.taskFor(slot, work));
    }
    if (!this.queue.length && this.slots.every((s) => !s.work)) {
      this.idle = setTimeout(() => void this.stopIdle(), this.idleMs);
      this.idle.unref();
    }
  }

  private taskFor(slot: Slot, work: Work): WorkerTask {
    if (work.kind === 'verify') return { kind: 'verify', task: slot.task, text: work.text };
    const { job } = work;
    const task: WorkerTask = {
      kind: 'trials',
      task: slot.task,
      job: job.id,
      ...(slot.job === job.id ? {} : { start: { scenario: job.scenario, state: job.state } }),
      months: job.months,
      seeds: work.seeds,
    };
    slot.job = job.id;
    return task;
  }

  private spawn(): void {
    const worker = new Worker(ENTRY);
    worker.unref();
    const slot: Slot = { worker, ready: false, work: null, task: -1, job: -1 };
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
    const work = slot.work;
    if (!work || a.task !== slot.task) return;
    if (a.kind === 'trial' && work.kind === 'trials') {
      if (work.job.failed) return;
      work.job.results.push(a.outcome);
      work.job.onTrial(work.job.results.length);
      return;
    }
    if (a.kind === 'verified' && work.kind === 'verify') {
      work.result = a.result;
      return;
    }
    slot.work = null;
    if (a.kind === 'failed') this.fail(work, a.message);
    else if (a.kind === 'done') this.finish(work);
    this.pump();
  }

  private finish(work: Work): void {
    if (work.kind === 'verify') {
      if (work.result) work.resolve(work.result);
      else work.reject(new Error('the worker gave no verification'));
      return;
    }
    const { job } = work;
    if (--job.pending === 0 && !job.failed) job.resolve(job.results);
  }

  private lost(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.work) this.fail(slot.work, message);
    if (!this.closed && this.queue.length) this.pump();
  }

  private fail(work: Work, message: string): void {
    if (work.kind === 'verify') return work.reject(new Error(message));
    const { job } = work;
    if (job.failed) return;
    job.failed = true;
    job.reject(new Error(message));
  }

  private async stopIdle(): Promise<void> {
    if (this.queue.length || this.slots.some((s) => s.work)) return;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
