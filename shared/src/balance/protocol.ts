import { z } from 'zod';
import { id } from '../schema/scenario.ts';
import { MAX_SCENARIO_TEXT } from '../protocol/http.ts';
import type { BalanceReport } from './report.ts';

/**
 * The balance report over HTTP (README, "Balance report"): a facilitator checks a scenario, bundled or
 * uploaded, before creating an exercise. The server plays the games on its worker threads; the page
 * polls the job for its progress and, once done, the report (the same one `npm run balance` prints).
 */
export const BALANCE_API = {
  /** POST `balanceBody` → 202 `BalanceStatus`; GET `/api/balance/:job` → `BalanceStatus`; DELETE cancels. */
  job: (job?: string) => `/api/balance${job ? `/${encodeURIComponent(job)}` : ''}`,
} as const;

/** Seeds one check may ask for. */
export const MAX_BALANCE_SEEDS = 50;
/** Work one check may ask for: games (seeds × variants) × months. */
export const MAX_BALANCE_GAME_MONTHS = 25_000;

export const balanceBody = z
  .strictObject({
    /** A bundled scenario (GET /api/scenarios) … */
    scenarioId: id.optional(),
    /** … or the text of a scenario file, YAML or JSON. */
    scenarioText: z.string().min(1).max(MAX_SCENARIO_TEXT).optional(),
    seeds: z.number().int().min(2).max(MAX_BALANCE_SEEDS).default(10),
    firstSeed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Months each game plays; the scenario's length when omitted. */
    turns: z.number().int().min(1).max(600).optional(),
    /** The baseline, written as the command line's `--base` (`bots=competent`, `lever.multiYear=on` …). */
    base: z.string().max(400).default('bots=competent'),
    /** One variant per lever and per inject against the baseline. */
    ablation: z.boolean().default(true),
    /** Month at which the ablation fires the injects only the facilitator can fire. */
    forceMonth: z.number().int().min(1).max(600).default(6),
  })
  .refine((b) => (b.scenarioId === undefined) !== (b.scenarioText === undefined), {
    message: 'give exactly one of scenarioId and scenarioText',
    path: ['scenarioId'],
  });
export type BalanceBody = z.input<typeof balanceBody>;

export interface BalanceStatus {
  job: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** Games played so far, of `total` (seeds × variants). */
  done: number;
  total: number;
  scenario: { id: string; title: string };
  /** The report, once done. */
  report?: BalanceReport;
  /** Wall time of the run in ms, once done. */
  elapsedMs?: number;
  message?: string;
}
