import { summariseTrials, type ExerciseState, type LookaheadStatus, type Scenario } from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../security/secrets.ts';
import type { WorkerPool } from './pool.ts';

/** Jobs kept per exercise (the oldest finished ones are forgotten first). */
const KEEP = 10;

interface Job {
  exerciseId: string;
  status: LookaheadStatus;
  startedAt: number;
}

/**
 * Look-ahead jobs: each runs its trials on the pool and is polled for its progress and, once done,
 * the spread of outcomes. Jobs live in memory: a restart forgets them (they are cheap to run again).
 */
export class LookaheadJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(
    exerciseId: string,
    scenario: Scenario,
    state: ExerciseState,
    ask: { months: number; seeds: number; firstSeed: number },
  ): LookaheadStatus {
    this.forgetOld(exerciseId);
    const job: Job = {
      exerciseId,
      startedAt: this.clock.now(),
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
    this.jobs.set(job.status.job, job);
    const seeds = Array.from({ length: ask.seeds }, (_, i) => (ask.firstSeed + i) >>> 0);
    this.pool
      .run(scenario, state, ask.months, seeds, (done) => (job.status.done = done))
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
        this.logger.error('look-ahead failed', {
          exercise: exerciseId,
          error: err instanceof Error ? err.message : String(err),
        });
        job.status = { ...job.status, status: 'failed', message: 'The look-ahead could not finish.' };
      });
    return { ...job.status };
  }

  get(exerciseId: string, jobId: string): LookaheadStatus | undefined {
    const job = this.jobs.get(jobId);
    return job && job.exerciseId === exerciseId ? { ...job.status } : undefined;
  }

  private forgetOld(exerciseId: string): void {
    const mine = [...this.jobs.values()].filter((j) => j.exerciseId === exerciseId);
    const finished = mine.filter((j) => j.status.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, mine.length - KEEP + 1))) this.jobs.delete(j.status.job);
  }
}
