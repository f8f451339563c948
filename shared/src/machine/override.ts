import { cloneJSON } from '../util/canonical.ts';
import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { FacilitatorCommand } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { restateLastMonth } from '../engine/adjudicate.ts';
import type { GameState, NewsEvent } from '../engine/state.ts';

type Override = Extract<FacilitatorCommand, { type: 'override' }>;

/** Whether an override names something that exists in this game. */
export function overrideTargetExists(g: GameState, o: Override): boolean {
  const t = o.target;
  switch (t.kind) {
    case 'money':
    case 'politicalCapital':
    case 'stock':
      return Object.hasOwn(g.teams, t.team);
    case 'territory':
    case 'ewLevel':
    case 'force':
      return Object.hasOwn(g.fronts, t.front);
  }
}

/**
 * Whether an override may be applied: its target exists, and its value is within the bounds the state
 * keeps everywhere else (no negative money, capital, stock or force; whole units and levels; EW within
 * the scenario's levels). Refused with a code, never clamped: what is logged is what is applied.
 */
export function checkOverride(s: Scenario, g: GameState, o: Override): Violation | null {
  if (!overrideTargetExists(g, o))
    return violation(ErrorCode.UnknownTarget, 'That figure does not exist in this exercise.', 'target');
  const v = o.value;
  const bad = (why: string) => violation(ErrorCode.OutOfBounds, why, 'value');
  switch (o.target.kind) {
    case 'money':
    case 'politicalCapital':
    case 'force':
      return v < 0 ? bad('This figure cannot be negative.') : null;
    case 'stock':
      return v < 0 || !Number.isInteger(v) ? bad('Stock is a whole number of units, not negative.') : null;
    case 'territory':
      return Number.isInteger(v) ? null : bad('Territory moves in whole steps.');
    case 'ewLevel':
      return Number.isInteger(v) && v >= 0 && v <= s.rules.ewLevelMax
        ? null
        : bad(`EW is a whole level from 0 to ${s.rules.ewLevelMax}.`);
  }
}

/** The figure an override sets, as the log and the report name it: `money:autoco`, `force:east:red`. */
export function overrideTarget(o: Override): string {
  const t = o.target;
  switch (t.kind) {
    case 'money':
    case 'politicalCapital':
      return `${t.kind}:${t.team}`;
    case 'stock':
      return `stock:${t.team}:${t.item}`;
    case 'territory':
    case 'ewLevel':
      return `${t.kind}:${t.front}`;
    case 'force':
      return `force:${t.front}:${t.side}`;
  }
}

/** The value a figure of the state has now (what an override would replace). */
function currentValue(g: GameState, o: Override): number {
  const t = o.target;
  switch (t.kind) {
    case 'money':
      return g.teams[t.team]!.money;
    case 'politicalCapital':
      return g.teams[t.team]!.politicalCapital;
    case 'stock':
      return g.teams[t.team]!.stock[t.item] ?? 0;
    case 'territory':
      return g.fronts[t.front]!.territory;
    case 'ewLevel':
      return g.fronts[t.front]!.ewLevel;
    case 'force':
      return t.side === 'blue' ? g.fronts[t.front]!.blueForce : g.fronts[t.front]!.redForce;
  }
}

function setValue(g: GameState, o: Override): void {
  const t = o.target;
  const v = o.value;
  switch (t.kind) {
    case 'money':
      g.teams[t.team]!.money = v;
      return;
    case 'politicalCapital':
      g.teams[t.team]!.politicalCapital = v;
      return;
    case 'stock': {
      const from = g.teams[t.team]!.stock[t.item] ?? 0;
      g.teams[t.team]!.stock[t.item] = v;
      g.ledger.scrapped[t.item] = (g.ledger.scrapped[t.item] ?? 0) + (from - v);
      return;
    }
    case 'territory':
      g.fronts[t.front]!.territory = v;
      return;
    case 'ewLevel':
      g.fronts[t.front]!.ewLevel = v;
      return;
    case 'force':
      if (t.side === 'blue') g.fronts[t.front]!.blueForce = v;
      else g.fronts[t.front]!.redForce = v;
  }
}

/**
 * Who is told of an override: a front's figures are public, so everyone; a team's figures go to that
 * team alone unless the facilitator chose to tell everyone.
 */
function toldTo(o: Override): string[] | undefined {
  const t = o.target;
  if (!('team' in t)) return undefined;
  return o.tell === 'all' ? undefined : [t.team];
}

/** "White Cell adjusted …": the narration of an override, keyed for translation (`override.<kind>`). */
function overrideNews(s: Scenario, month: number, o: Override, adjudicated: number): NewsEvent {
  const t = o.target;
  const money = t.kind === 'money';
  const event: NewsEvent = {
    month,
    kind: 'override',
    data: {
      key: t.kind === 'force' ? `override.force.${t.side}` : `override.${t.kind}`,
      target: overrideTarget(o),
      ...('team' in t ? { team: t.team } : { front: t.front }),
      ...(t.kind === 'stock' ? { item: t.item } : {}),
      [money ? 'fromEur' : 'from']: adjudicated,
      [money ? 'toEur' : 'to']: o.value,
      reason: o.reason,
    },
  };
  const to = toldTo(o);
  if (to) event.to = to;
  return event;
}

/**
 * Set one figure of an adjudicated month (checked by `checkOverride`): the state, the month's record
 * (so charts, scores and reports carry the published figure) and the month's narration, which tells
 * the team concerned (or everyone) "White Cell adjusted …". `adjudicated` is the figure the engine
 * gave, before this month's first override of it. Returns the new state and news, and the value
 * replaced.
 */
export function applyOverride(
  s: Scenario,
  review: { game: GameState; news: NewsEvent[] },
  o: Override,
  adjudicated?: number,
): { game: GameState; news: NewsEvent[]; from: number; adjudicated: number } {
  const g = cloneJSON(review.game);
  const from = currentValue(g, o);
  const first = adjudicated ?? from;
  setValue(g, o);
  restateLastMonth(s, g);
  const target = overrideTarget(o);
  const told = overrideNews(s, g.month - 1, o, first);
  const news = [...review.news.filter((n) => n.kind !== 'override' || n.data?.target !== target), told];
  g.news = news;
  return { game: g, news, from, adjudicated: first };
}
