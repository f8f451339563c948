import { cloneJSON } from '../util/canonical.ts';
import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { FacilitatorCommand } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { GameState } from '../engine/state.ts';

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

/** Set one figure of an adjudicated month (checked by `checkOverride`); returns the new state and the value it replaced. */
export function applyOverride(game: GameState, o: Override): { game: GameState; from: number } {
  const g = cloneJSON(game);
  const t = o.target;
  const v = o.value;
  let from = 0;
  switch (t.kind) {
    case 'money': {
      const team = g.teams[t.team]!;
      from = team.money;
      team.money = v;
      break;
    }
    case 'politicalCapital': {
      const team = g.teams[t.team]!;
      from = team.politicalCapital;
      team.politicalCapital = v;
      break;
    }
    case 'stock': {
      const team = g.teams[t.team]!;
      from = team.stock[t.item] ?? 0;
      const to = v;
      team.stock[t.item] = to;
      g.ledger.scrapped[t.item] = (g.ledger.scrapped[t.item] ?? 0) + (from - to);
      break;
    }
    case 'territory': {
      const f = g.fronts[t.front]!;
      from = f.territory;
      f.territory = v;
      break;
    }
    case 'ewLevel': {
      const f = g.fronts[t.front]!;
      from = f.ewLevel;
      f.ewLevel = v;
      break;
    }
    case 'force': {
      const f = g.fronts[t.front]!;
      from = t.side === 'blue' ? f.blueForce : f.redForce;
      if (t.side === 'blue') f.blueForce = v;
      else f.redForce = v;
      break;
    }
  }
  return { game: g, from };
}
