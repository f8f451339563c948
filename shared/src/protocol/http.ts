import { z } from 'zod';
import type { ScenarioError } from '../schema/validate.ts';
import type { View } from '../views/views.ts';
import { id } from '../schema/scenario.ts';
import type { LogEntry } from '../schema/commands.ts';
import type { LocalizedText } from '../schema/text.ts';
import type { Seat, SeatKey } from './seats.ts';

/** Bodies and answers of the HTTP API (README, "HTTP API"). */

export const MAX_SCENARIO_TEXT = 2_000_000;

/** The longest planning timer or extension, in minutes (a day). */
export const TIMER_MINUTES_MAX = 24 * 60;
/** The shortest timer a facilitator can set live, in minutes (a quarter: a 15-second last call). */
export const TIMER_SET_MINUTES_MIN = 0.25;

/** An exercise's timer settings; each default is written here only (`TIMER_DEFAULTS`). */
export const timerDefaults = z.strictObject({
  planningMinutes: z.number().int().min(1).max(TIMER_MINUTES_MAX).default(20),
  extendMinutes: z.number().int().min(1).max(TIMER_MINUTES_MAX).default(5),
  autoStart: z
    .boolean()
    .default(false)
    .describe('start a planning timer whenever planning begins without one'),
});
export type TimerDefaults = z.infer<typeof timerDefaults>;

/** The timer of an exercise created without one (and of an imported file that has none). */
export const TIMER_DEFAULTS: Readonly<TimerDefaults> = Object.freeze(timerDefaults.parse({}));

export const createExerciseBody = z
  .strictObject({
    /** A bundled scenario (GET /api/scenarios) … */
    scenarioId: id.optional(),
    /** … or the text of a scenario file, YAML or JSON. */
    scenarioText: z.string().min(1).max(MAX_SCENARIO_TEXT).optional(),
    title: z.string().trim().min(1).max(120).optional(),
    /** PRNG seed; random when omitted. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** Team ids whose seats the server plays. */
    bots: z.array(id).max(24).default([]),
    timer: timerDefaults.prefault({}),
  })
  .refine((b) => (b.scenarioId === undefined) !== (b.scenarioText === undefined), {
    message: 'give exactly one of scenarioId and scenarioText',
    path: ['scenarioId'],
  });
export type CreateExerciseBody = z.input<typeof createExerciseBody>;

export interface CreatedExercise {
  exerciseId: string;
  facilitator: {
    /** Seat token for the facilitator: keep it secret. */
    token: string;
    /** Opens the facilitator console; the token travels in the fragment, which browsers never send. */
    link: string;
  };
  /** One join code per team seat, and one each for observers and the room display. */
  codes: { teams: Record<string, string>; observer: string; display: string };
  /** The page where people type a join code. */
  joinLink: string;
}

export const joinBody = z.strictObject({
  code: z.string().min(1).max(64),
  /** Shown to the facilitator in presence. */
  name: z.string().trim().max(60).optional(),
});
export type JoinBody = z.input<typeof joinBody>;

export interface Joined {
  exerciseId: string;
  seat: Seat;
  seatKey: SeatKey;
  token: string;
  tokenId: string;
}

export interface ScenarioSummary {
  id: string;
  /** In each language the scenario gives; the client shows the reader's. */
  title: LocalizedText;
  summary: LocalizedText;
  turns: number;
  startMonth: string;
  language: string;
  teams: { id: string; name: string; kind: string }[];
}

export interface ExerciseSummary {
  id: string;
  title: string;
  scenario: { id: string; title: LocalizedText };
  phase: string;
  month: number;
  turns: number;
  teams: { id: string; name: string; kind: string }[];
  createdAt: number;
  finished: boolean;
}

/** The body of every HTTP error. */
export interface HttpError {
  ok: false;
  code: string;
  message: string;
  errors?: ScenarioError[];
}

/** What any other seat gets: its own view and the entries it may see, without the hash chain. */
export interface SeatExport {
  format: 'arsenal-export/1';
  audience: SeatKey;
  exerciseId: string;
  title: string;
  seq: number;
  view: View;
  entries: Omit<LogEntry, 'prevHash' | 'hash'>[];
}

/** Client pages the server links to. The client router serves them; the server falls back to index.html. */
export const ROUTES = {
  /** Facilitator console; the seat token follows in the fragment: `#token=…`. */
  facilitator: (exerciseId: string) => `/x/${exerciseId}/facilitator`,
  /** Where people type a join code; `?code=…` may prefill it. */
  join: '/join',
} as const;
