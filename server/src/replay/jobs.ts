import { summariseTrials, type ExerciseState, type LookaheadStatus, type Scenario } from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../security/secrets.ts';
import { WorkerFailure, type TrialsRun, type WorkerPool } from '../workers/pool.ts';

/** Jobs kept per exercise (the oldest finished ones are forgotten first). */
const KEEP = 10;

interface Job {
  exerciseId: string;
  address: string;
  status: LookaheadStatus;
  startedAt: number;
  run: TrialsRun | null;
  /** Settles once the status says how the run ended. */
  ended: Promise<void>;
}

export interface JobLimits {
  /** Jobs running at once for one exercise, and for one client address. */
  perExercise: number;
  perAddress: number;
}

/** Why a job was not started. */
export type Refusal = 'exercise' | 'address';

/**
 * Look-ahead jobs: each runs its trials on the trials pool and is polled for its progress and, once
 * done, the spread of outcomes; it can be cancelled. Jobs live in memory: a restart forgets them
 * (they are cheap to run again).
 */
export class LookaheadJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly limits: JobLimits,
    /** Other heavy jobs (balance checks) this address has running: they count against `perAddress`. */
    private readonly otherJobs: (address: string) => number = () => 0,
  ) {}

  /** Look-aheads running for `address`. */
  runningFor(address: string): number {
    return [...this.jobs.values()].filter((j) => j.address === address && j.status.status === 'running')
      .length;
  }

  start(
    exerciseId: string,
    address: string,
    scenario: Scenario,
    state: ExerciseState,
    ask: { months: number; seeds: number; firstSeed: number },
  ): LookaheadStatus | Refusal {
    const running = [...this.jobs.values()].filter((j) => j.status.status === 'running');
    if (running.filter((j) => j.exerciseId === exerciseId).length >= this.limits.perExercise)
      return 'exercise';
    if (this.runningFor(address) + this.otherJobs(address) >= this.limits.perAddress) return 'address';
    this.forgetOld(exerciseId);
    const job: Job = {
      exerciseId,
      address,
      startedAt: this.clock.now(),
      run: null,
      ended: Promise.resolve(),
      status: {
        job: newId(12),
        status: 'running',
        done: 0,
        total: ask.seeds,
        months: ask.months,
        fromSeq: state.context.seq,
        fromMonth: state.context.game.month,
      },
    };
    const seeds = Array.from({ length: ask.seeds }, (_, i) => (ask.firstSeed + i) >>> 0);
    job.run = this.pool.trials(scenario, state, ask.months, seeds, (done) => (job.status.done = done));
    this.jobs.set(job.status.job, job);
    job.ended = job.run.done
      .then((trials) => {
        job.status = {
          ...job.status,
          status: 'done',
          done: trials.length,
          summary: summariseTrials(trials),
          elapsedMs: this.clock.now() - job.startedAt,
        };
      })
      .catch((err: unknown) => {
        const reason = err instanceof WorkerFailure ? err.reason : 'failed';
        if (reason === 'cancelled') {
          job.status = { ...job.status, status: 'cancelled', message: 'The look-ahead was cancelled.' };
          return;
        }
        this.logger.error('look-ahead failed', {
          exercise: exerciseId,
          error: err instanceof Error ? err.message : String(err),
        });
        const message =
          reason === 'busy'
            ? 'The server is busy with other look-aheads; try again soon.'
            : 'The look-ahead could not finish.';
        job.status = { ...job.status, status: 'failed', message };
      })
      .finally(() => void (job.run = null));
    return { ...job.status };
  }

  get(exerciseId: string, jobId: string): LookaheadStatus | undefined {
    const job = this.jobs.get(jobId);
    return job && job.exerciseId === exerciseId ? { ...job.status } : undefined;
  }

  /** Stops a running job: its trials not yet started are dropped. */
  async cancel(exerciseId: string, jobId: string): Promise<LookaheadStatus | undefined> {
    const job = this.jobs.get(jobId);
    if (!job || job.exerciseId !== exerciseId) return undefined;
    job.run?.cancel();
    await job.ended;
    return { ...job.status };
  }

  private forgetOld(exerciseId: string): void {
    const mine = [...this.jobs.values()].filter((j) => j.exerciseId === exerciseId);
    const finished = mine.filter((j) => j.status.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, mine.length - KEEP + 1))) this.jobs.delete(j.status.job);
  }
}
