import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { Command } from '../schema/commands.ts';
import { applyCommand, type ExerciseSetup } from '../machine/exercise.ts';
import type { ExerciseState, LoggedCommand } from '../exercise/types.ts';
import type { Timeline } from './timeline.ts';

export interface ForkOptions {
  /** Fork after this month's publication (0: from the very start, before anything was logged). */
  month: number;
  /**
   * New dice for the forked part; absent or null keeps the original dice. The seed is part of the
   * setup and the dice's state is part of the game state, so the copied prefix must replay with the
   * original seed to reach the same state: new dice are a logged `reseed` command right after the
   * prefix (the PRNG state becomes `seedState(seed ^ state)`, as in a look-ahead trial with that seed).
   */
  seed?: number | null;
  /** Teams the computer plays in the fork (the whole list); absent keeps who was a bot at that point. */
  bots?: readonly string[];
  /** Wall-clock ms stamped on the entries the fork adds (never earlier than the prefix's last). */
  at: number;
}

export interface ForkPlan {
  /** The setup of the fork: the original's, so the copied prefix replays (and hashes) identically. */
  setup: ExerciseSetup;
  /** The fork's whole log: a copy of the original's entries up to `fromSeq`, then the fork's own. */
  log: LoggedCommand[];
  /** The last seq copied from the original. */
  fromSeq: number;
  /** Entries the fork adds after the prefix (reseed, bot seats), as the facilitator. */
  added: LoggedCommand[];
  /** The fork's state after its log. */
  state: ExerciseState;
}

const facilitator = { role: 'facilitator' } as const;

/**
 * Plans a counterfactual: a new exercise whose log starts with a copy of this one's prefix up to the
 * end of `month`, then (as the facilitator) new dice and bot seats if asked. Pure: the caller stores it.
 */
export function planFork(timeline: Timeline, options: ForkOptions): ForkPlan | Violation {
  const fromSeq = timeline.endOfMonth(options.month);
  if (fromSeq === null)
    return violation(ErrorCode.WrongPhase, `Month ${options.month} has not been published.`, 'month');
  let state = timeline.stateAt(fromSeq);
  if (state.phase === 'finished')
    return violation(ErrorCode.Finished, 'The exercise ended there: fork from an earlier month.', 'month');
  const teams = new Set(timeline.scenario.teams.map((t) => t.id));
  const unknown = options.bots?.find((b) => !teams.has(b));
  if (unknown !== undefined)
    return violation(ErrorCode.UnknownTeam, `There is no team "${unknown}".`, 'bots');

  const commands: Command[] = [];
  if (options.seed !== undefined && options.seed !== null)
    commands.push({ type: 'reseed', seed: options.seed });
  if (options.bots) {
    const wanted = new Set(options.bots);
    for (const t of timeline.scenario.teams) {
      const now = state.context.bots.includes(t.id);
      if (now !== wanted.has(t.id)) commands.push({ type: 'setBot', team: t.id, bot: !now });
    }
  }
  const prefix = timeline.log.slice(0, fromSeq).map(({ seq, at, actor, command }) => ({
    seq,
    at,
    actor,
    command,
  }));
  const at = Math.max(options.at, state.context.lastAt);
  const added: LoggedCommand[] = [];
  for (const command of commands) {
    const entry: LoggedCommand = { seq: state.context.seq + 1, at, actor: facilitator, command };
    const r = applyCommand(timeline.scenario, state, entry);
    if (!r.ok) return r;
    state = r.state;
    added.push(entry);
  }
  return {
    setup: { seed: timeline.setup.seed, bots: [...timeline.setup.bots] },
    log: [...prefix, ...added],
    fromSeq,
    added,
    state,
  };
}
