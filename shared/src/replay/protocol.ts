import { z } from 'zod';
import { id } from '../schema/scenario.ts';
import type { CreatedExercise } from '../protocol/http.ts';
import type { Spread } from '../bots/lookahead.ts';

/**
 * The HTTP API of replays (README, "Replays, forks and the after-action report"). Facilitator routes
 * take the facilitator's seat token as `Authorization: Bearer …`, like the export.
 */
export const REPLAY_API = {
  /** POST `forkBody` → 201 `ForkCreated`. */
  fork: (exerciseId: string) => `/api/exercises/${encodeURIComponent(exerciseId)}/fork`,
  /** POST `lookaheadBody` → 202 `LookaheadStatus`; GET `…/lookahead/:job` → `LookaheadStatus`; DELETE cancels. */
  lookahead: (exerciseId: string, job?: string) =>
    `/api/exercises/${encodeURIComponent(exerciseId)}/lookahead${job ? `/${encodeURIComponent(job)}` : ''}`,
  /** GET: the after-action report as printable HTML, the KPIs as CSV, or the log (the export) as JSON. */
  report: (exerciseId: string, format: 'html' | 'csv' | 'json') =>
    `/api/exercises/${encodeURIComponent(exerciseId)}/report.${format}`,
  /** POST an export file → 201 `Imported` (a new exercise with new seats), or 422 naming the bad entry. */
  import: '/api/imports',
} as const;

const uint32 = z.number().int().min(0).max(0xffffffff);

export const forkBody = z.strictObject({
  /** Fork after this month's publication; 0 starts again from the lobby with the same setup. */
  month: z.number().int().min(0).max(600),
  /** New dice from the fork point on; omit (or null) to keep the original dice. */
  seed: uint32.nullable().optional(),
  /** Teams the server plays in the fork: a list, 'all', or omitted to keep the original's bots. */
  bots: z.union([z.literal('all'), z.array(id).max(64)]).optional(),
  title: z.string().trim().min(1).max(120).optional(),
});
export type ForkBody = z.input<typeof forkBody>;

export interface ForkCreated extends CreatedExercise {
  forkOf: string;
  month: number;
  /** Entries 1…fromSeq are a copy of the original's (with the same hashes). */
  fromSeq: number;
  /** The seed of the fork's new dice, or null when it kept the original's. */
  seed: number | null;
}

export const lookaheadBody = z.strictObject({
  /** Months each trial plays (1: the next month). */
  months: z.number().int().min(1).max(36).default(1),
  /** Trials, each with its own dice. */
  seeds: z.number().int().min(1).max(5000).default(100),
  /** Trial i re-seeds the dice with `firstSeed + i`. */
  firstSeed: uint32.default(1),
});
export type LookaheadBody = z.input<typeof lookaheadBody>;

export interface LookaheadStatus {
  job: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** Trials finished so far, of `total`. */
  done: number;
  total: number;
  months: number;
  /** The state the trials start from: the exercise's seq and month when the job was asked for. */
  fromSeq: number;
  fromMonth: number;
  /** Spread of each outcome (`territory.<front>`, `output.<product>`, `money.<team>`, `fireRatio.<front>`). */
  summary?: Record<string, Spread>;
  /** Wall time of the run in ms, once done. */
  elapsedMs?: number;
  message?: string;
}

export interface Imported extends CreatedExercise {
  verified: { entries: number; stateHash: string; finished: boolean };
}
