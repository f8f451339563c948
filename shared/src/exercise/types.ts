import type { Actor, BotStrength, Command, Order } from '../schema/commands.ts';
import type { Effect } from '../schema/scenario.ts';
import type { GameState, NewsEvent } from '../engine/state.ts';

export const PHASES = [
  'lobby',
  'briefing',
  'planning',
  'adjudicating',
  'review',
  'paused',
  'finished',
] as const;
export type Phase = (typeof PHASES)[number];

export interface Message {
  seq: number;
  at: number;
  month: number;
  /** A team id or 'facilitator'. */
  from: string;
  /** A team id, 'facilitator' or 'all': the first recipient. */
  to: string;
  /** The further recipients of a message to several. */
  cc?: string[];
  text: string;
  /** The seq of the message this one answers. */
  replyTo?: number;
  /** The seq of its conversation's first message (absent: it starts one). */
  thread?: number;
  /** For a message to the White Cell: the seq of the White Cell's first reply (answered). */
  answered?: number;
  /** A request for information: asked → taken (by whom) → answered (the answer released to whom). */
  rfi?: RfiState;
  /** Set when an answer was released to everyone: every seat may read the question too. */
  public?: true;
}

export interface RfiState {
  status: 'asked' | 'taken' | 'answered';
  /** The facilitator's name, when their device gave one. */
  by?: string;
  release?: 'asker' | 'all';
}

/**
 * A free-form action (a matrix-game argument): proposed by a team in planning, adjudicated by the
 * White Cell, which sets the odds, rolls the exercise's dice and, on success, applies typed effects.
 */
export interface FreeFormAction {
  seq: number;
  at: number;
  month: number;
  team: string;
  title: string;
  argument: string;
  outcome?: ActionOutcome;
}

export interface ActionOutcome {
  seq: number;
  /** The month the outcome was adjudicated in (the next month when it was done in review). */
  month: number;
  /** % chance of success. */
  odds: number;
  /** Whether the odds were the scenario's default. */
  defaultOdds: boolean;
  /** d100: success when roll ≤ odds. */
  roll: number;
  success: boolean;
  /** The effects applied (none on failure). */
  effects: Effect[];
  months: number;
  narration: string;
}

export interface Note {
  seq: number;
  at: number;
  month: number;
  by: 'facilitator' | 'observer';
  kind: 'note' | 'insight' | 'annotation' | 'announcement';
  text: string;
  team?: string;
  inject?: string;
  /** For a timeline annotation: the seq of the log entry it is about (it may be earlier than `seq`). */
  about?: number;
  /** An announcement shown past its month, until unpinned (see `announcementsNow`). */
  pinned?: boolean;
}

export interface OverrideRecord {
  seq: number;
  at: number;
  month: number;
  target: string;
  /** The value this override replaced. */
  from: number;
  to: number;
  /** The figure as the engine adjudicated it, before the month's first override of it. */
  adjudicated: number;
  reason: string;
  /** Set when the facilitator told everyone, not only the team concerned. */
  tell?: 'all';
}

/** The version of a team's order set: the log entry that set it. */
export interface OrderSetStamp {
  seq: number;
  at: number;
  /** The sender's name, if their device gave one. */
  by?: string;
}

export interface Deadline {
  /** Absolute wall-clock deadline in ms since epoch, or null when no timer runs. */
  at: number | null;
  /** While the timer is paused: the ms that were left. */
  pausedRemaining: number | null;
}

/**
 * How the month under review came to be adjudicated: the White Cell's "Adjudicate now", or the planning
 * deadline running out (the server's `deadlineExpired`); `at` is that log entry's time (ms since epoch).
 * Absent from states folded before it was recorded.
 */
export interface Adjudicated {
  by: 'facilitator' | 'deadline';
  at: number;
}

/** Everything about an exercise that the log folds into. Plain JSON. */
export interface ExerciseContext {
  scenarioId: string;
  seed: number;
  /** Sequence number of the last applied command (0 before any). */
  seq: number;
  /** `at` of the last applied command. */
  lastAt: number;
  game: GameState;
  /** Orders submitted for the current month, by team. Secret to each team. */
  orders: Record<string, Order[]>;
  submitted: string[];
  /**
   * Who set each team's current order set, and when (absent until a team submits in the month; the
   * month's publication clears it). Its `seq` is the order set's version.
   */
  orderSets?: Record<string, OrderSetStamp>;
  /** Adjudicated month awaiting the facilitator's publication. */
  review: { game: GameState; news: NewsEvent[]; adjudicated?: Adjudicated } | null;
  deadline: Deadline;
  bots: string[];
  /** Strength of each bot seat that is not `plain`; absent when every bot plays plain. */
  botStrength?: Record<string, BotStrength>;
  messages: Message[];
  /** Free-form actions, in the order proposed (absent until the first). */
  actions?: FreeFormAction[];
  notes: Note[];
  overrides: OverrideRecord[];
  /** Phase to return to when paused. */
  pausedFrom: Phase | null;
}

/** The whole state of an exercise: the machine's phase plus its context. */
export interface ExerciseState {
  phase: Phase;
  context: ExerciseContext;
}

export interface LoggedCommand {
  seq: number;
  at: number;
  actor: Actor;
  command: Command;
}
