import {
  buildBalanceReport,
  pickText,
  type BalancePlan,
  type BalanceStatus,
  type Scenario,
  type SeedOutcome,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../security/secrets.ts';
import { WorkerFailure, type WorkerPool } from '../workers/pool.ts';
import { TASK_TIMEOUT_MS } from '../workers/pools.ts';

/** Finished checks kept (the oldest are forgotten first). */
const KEEP = 20;

interface Job {
  address: string;
  status: BalanceStatus;
  startedAt: number;
  stop: boolean;
  ended: Promise<void>;
}

export interface BalanceLimits {
  /** Checks running at once for one client address, and on the whole server. */
  perAddress: number;
  global: number;
  /** Heavy jobs (look-aheads and checks together) running at once for one client address. */
  jobsPerAddress: number;
}

/** Why a check was not started. */
export type BalanceRefusal = 'address' | 'server';

/**
 * Balance checks of a scenario (README, "Balance report"): every (variant, seed) game runs as one task
 * on the pool look-aheads use, at most a worker's worth at a time per check, so that a check and a
 * look-ahead share the threads in turn. Polled for progress and, once done, the report; cancellable
 * (the games still running finish, no other starts). In memory only: a restart forgets them.
 */
export class BalanceJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly limits: BalanceLimits,
    /** Look-aheads this address has running (they count against `jobsPerAddress` too). */
    private readonly otherJobs: (address: string) => number,
  ) {}

  /** Checks running for `address`. */
  runningFor(address: string): number {
    return [...this.jobs.values()].filter((j) => j.address === address && j.status.status === 'running')
      .length;
  }

  start(
    address: string,
    scenario: Scenario,
    plan: BalancePlan,
    ask: { seeds: number[]; turns: number },
  ): BalanceStatus | BalanceRefusal {
    const running = [...this.jobs.values()].filter((j) => j.status.status === 'running');
    const mine = this.runningFor(address);
    if (mine >= this.limits.perAddress || mine + this.otherJobs(address) >= this.limits.jobsPerAddress)
      return 'address';
    if (running.length >= this.limits.global) return 'server';
    this.forgetOld();
    const games = plan.all.flatMap((variant) => ask.seeds.map((seed) => ({ variant, seed })));
    const job: Job = {
      address,
      startedAt: this.clock.now(),
      stop: false,
      ended: Promise.resolve(),
      status: {
        job: newId(12),
        status: 'running',
        done: 0,
        total: games.length,
        scenario: { id: scenario.meta.id, title: pickText(scenario.meta.title, 'en') },
      },
    };
    this.jobs.set(job.status.job, job);
    const results = new Map<string, SeedOutcome[]>(plan.all.map((v) => [v.id, []]));
    let next = 0;
    const lane = async () => {
      while (!job.stop && next < games.length) {
        const { variant, seed } = games[next++]!;
        const outcome = await this.pool.call(
          'balanceSeed',
          { scenario, variant, seed, turns: ask.turns },
          TASK_TIMEOUT_MS.balanceSeed,
        );
        results.get(variant.id)!.push(outcome);
        if (job.status.status === 'running') job.status.done++;
      }
    };
    const lanes = Array.from({ length: Math.min(this.pool.size, games.length) }, lane);
    job.ended = Promise.all(lanes)
      .then(() => {
        if (job.stop) return;
        for (const runs of results.values()) runs.sort((a, b) => a.seed - b.seed);
        const report = buildBalanceReport(
          scenario,
          ask.turns,
          ask.seeds,
          plan.base.id,
          results,
          plan.ablations,
        );
        job.status = { ...job.status, status: 'done', report, elapsedMs: this.clock.now() - job.startedAt };
      })
      .catch((err: unknown) => {
        job.stop = true;
        if (job.status.status !== 'running') return;
        const reason = err instanceof WorkerFailure ? err.reason : 'failed';
        this.logger.error('balance check failed', {
          scenario: scenario.meta.id,
          error: err instanceof Error ? err.message : String(err),
        });
        const message =
          reason === 'busy' || reason === 'closed'
            ? 'The server is busy with other work; try again soon.'
            : reason === 'timeout' || reason === 'memory'
              ? 'A game of this scenario took longer or more memory than allowed.'
              : 'The balance check could not finish.';
        job.status = { ...job.status, status: 'failed', message };
      });
    return { ...job.status };
  }

  get(jobId: string): BalanceStatus | undefined {
    const job = this.jobs.get(jobId);
    return job && { ...job.status };
  }

  /** Stops a running check: no further game starts; the answer is its final status. */
  async cancel(jobId: string): Promise<BalanceStatus | undefined> {
    const job = this.jobs.get(jobId);
    if (!job) return undefined;
    if (job.status.status === 'running') {
      job.stop = true;
      job.status = { ...job.status, status: 'cancelled', message: 'The balance check was cancelled.' };
    }
    await job.ended;
    return { ...job.status };
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP + 1)))
      this.jobs.delete(j.status.job);
  }
}
