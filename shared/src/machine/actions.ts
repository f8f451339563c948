import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { Command } from '../schema/commands.ts';
import type { Effect, Inject, Scenario } from '../schema/scenario.ts';
import { say } from '../engine/finance.ts';
import { activateInject } from '../engine/injects.ts';
import { indexOf } from '../engine/lookup.ts';
import type { GameState, NewsEvent } from '../engine/state.ts';
import { cloneJSON } from '../util/canonical.ts';
import { Dice } from '../util/rng.ts';
import type { ActionOutcome, ExerciseContext, FreeFormAction } from '../exercise/types.ts';

/**
 * Free-form actions (the matrix-game mechanic): a team argues for something the rules do not list;
 * the White Cell sets the odds (or takes the scenario's default), rolls the exercise's seeded dice
 * (their state lives in the game, so a replay or a fork rolls the same) and, on success, applies
 * effects from the scenario's closed set, as an inject of the action's own would.
 */

type Propose = Extract<Command, { type: 'proposeAction' }>;
type Adjudicate = Extract<Command, { type: 'adjudicateAction' }>;

export function proposeAction(
  ctx: ExerciseContext,
  team: string,
  c: Propose,
  seq: number,
  at: number,
): FreeFormAction[] {
  const action: FreeFormAction = {
    seq,
    at,
    month: ctx.game.month,
    team,
    title: c.title,
    argument: c.argument,
  };
  return [...(ctx.actions ?? []), action];
}

/** Every id an effect names must exist in the scenario; the error names the field. */
export function checkEffects(s: Scenario, effects: readonly Effect[]): Violation | null {
  const ix = indexOf(s);
  const known: [string, ReadonlyMap<string, unknown>][] = [
    ['team', ix.teams],
    ['plant', ix.plants],
    ['front', ix.fronts],
    ['product', ix.products],
    ['component', ix.components],
  ];
  for (const [i, e] of effects.entries())
    for (const [field, map] of known) {
      const ref = (e as Record<string, unknown>)[field];
      if (typeof ref === 'string' && !map.has(ref))
        return violation(ErrorCode.BadEffect, `There is no ${field} "${ref}".`, `effects.${i}.${field}`);
    }
  return null;
}

export function checkAdjudicateAction(s: Scenario, ctx: ExerciseContext, c: Adjudicate): Violation | null {
  const action = ctx.actions?.find((a) => a.seq === c.action);
  if (!action)
    return violation(ErrorCode.UnknownAction, `There is no free-form action ${c.action}.`, 'action');
  if (action.outcome)
    return violation(ErrorCode.ActionSettled, `“${action.title}” has been adjudicated.`, 'action');
  return checkEffects(s, c.effects);
}

/**
 * Roll for an action and, on success, apply its effects to the game the month is played on: the live
 * game in planning, or the adjudicated month under review (then they hold from the coming month).
 * Returns the context's changed parts.
 */
export function adjudicateAction(
  s: Scenario,
  ctx: ExerciseContext,
  c: Adjudicate,
  seq: number,
): Partial<ExerciseContext> {
  const actions = ctx.actions ?? [];
  const i = actions.findIndex((a) => a.seq === c.action);
  const action = actions[i];
  if (!action) return {};
  const game = cloneJSON(ctx.review ? ctx.review.game : ctx.game);
  const news: NewsEvent[] = ctx.review ? ctx.review.news.slice() : game.news;
  const dice = new Dice(game.rng);
  const roll = dice.roll(1, 100);
  game.rng = dice.state;
  const odds = c.odds ?? s.rules.freeForm.defaultOdds;
  const success = roll <= odds;
  say(news, game.month, 'action', {
    key: success ? 'action.success' : 'action.failure',
    team: action.team,
    title: action.title,
    oddsPct: odds / 100,
    roll,
    narration: c.narration,
  });
  if (success && c.effects.length > 0) applyEffects(s, game, action, c, news);
  const outcome: ActionOutcome = {
    seq,
    month: game.month,
    odds,
    defaultOdds: c.odds === undefined,
    roll,
    success,
    effects: success ? c.effects : [],
    months: c.months,
    narration: c.narration,
  };
  const next = actions.slice();
  next[i] = { ...action, outcome };
  if (ctx.review) return { actions: next, review: { ...ctx.review, game, news } };
  return { actions: next, game };
}

/** The action's effects as an inject of its own (lasting `months`), without counting it as a scenario inject. */
function applyEffects(
  s: Scenario,
  game: GameState,
  action: FreeFormAction,
  c: Adjudicate,
  news: NewsEvent[],
) {
  const inj: Inject = {
    id: `action-${action.seq}`,
    title: action.title,
    description: c.narration,
    trigger: { type: 'facilitator' },
    durationMonths: c.months,
    effects: c.effects,
  };
  const quiet: NewsEvent[] = [];
  // An action's effects have no options: the dice are not touched.
  activateInject(s, game, inj, new Dice(game.rng), quiet);
  game.firedInjects.pop();
  // The outcome's own news already says what happened; keep any further narration of the effects.
  news.push(...quiet.slice(1));
}
