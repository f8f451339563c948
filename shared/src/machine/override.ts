import { cloneJSON } from '../util/canonical.ts';
import type { FacilitatorCommand } from '../schema/commands.ts';
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

/** Set one figure of an adjudicated month; returns the new state and the value it replaced. */
export function applyOverride(game: GameState, o: Override): { game: GameState; from: number } {
  const g = cloneJSON(game);
  const t = o.target;
  const v = o.value;
  let from = 0;
  switch (t.kind) {
    case 'money': {
      const team = g.teams[t.team]!;
      from = team.money;
      team.money = Math.max(0, v);
      break;
    }
    case 'politicalCapital': {
      const team = g.teams[t.team]!;
      from = team.politicalCapital;
      team.politicalCapital = Math.max(0, v);
      break;
    }
    case 'stock': {
      const team = g.teams[t.team]!;
      from = team.stock[t.item] ?? 0;
      const to = Math.max(0, Math.floor(v));
      team.stock[t.item] = to;
      g.ledger.scrapped[t.item] = (g.ledger.scrapped[t.item] ?? 0) + (from - to);
      break;
    }
    case 'territory': {
      const f = g.fronts[t.front]!;
      from = f.territory;
      f.territory = Math.round(v);
      break;
    }
    case 'ewLevel': {
      const f = g.fronts[t.front]!;
      from = f.ewLevel;
      f.ewLevel = Math.max(0, Math.min(3, Math.round(v)));
      break;
    }
    case 'force': {
      const f = g.fronts[t.front]!;
      from = t.side === 'blue' ? f.blueForce : f.redForce;
      if (t.side === 'blue') f.blueForce = Math.max(0, v);
      else f.redForce = Math.max(0, v);
      break;
    }
  }
  return { game: g, from };
}
