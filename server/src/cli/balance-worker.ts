import { parentPort, workerData } from 'node:worker_threads';
import { runSeed, type BotStrength, type Scenario } from '@arsenal/shared';

/** A balance worker: plays the seeds it is sent and posts each outcome back (balance.ts). */
export interface BalanceWorkerData {
  turns: number;
  variants: Record<string, { scenario: Scenario; strength: Record<string, BotStrength> }>;
}
export interface BalanceJob {
  variant: string;
  seed: number;
}

const data = workerData as BalanceWorkerData;
parentPort?.on('message', (job: BalanceJob) => {
  const v = data.variants[job.variant]!;
  parentPort!.postMessage({ job, outcome: runSeed(v.scenario, job.seed, v.strength, data.turns) });
});
