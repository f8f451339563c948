import type { Scenario } from '../../schema/scenario.ts';
import { indexOf } from '../../engine/lookup.ts';
import type { GameState } from '../../engine/state.ts';
import { COMPETENT } from '../policy.ts';

/** Months left to play, this one included. */
export const monthsLeft = (s: Scenario, g: GameState) => Math.max(1, s.meta.turns - g.month + 1);

/** Units per month the fronts ask for, by product (at their intensity). */
export function frontDemand(s: Scenario): Map<string, number> {
  const need = new Map<string, number>();
  for (const f of s.fronts)
    for (const d of f.demand) need.set(d.product, (need.get(d.product) ?? 0) + d.perMonth * f.intensity);
  return need;
}

/**
 * Products the fronts lack: last month's deliveries met less than `shortShare` of demand. Their
 * inputs (products in their bills of materials, such as propellant) are chokepoints too.
 */
export function shortProducts(s: Scenario, g: GameState): Set<string> {
  const ix = indexOf(s);
  const last = g.history.at(-1);
  const short = new Set<string>();
  for (const [p, n] of frontDemand(s))
    if ((last?.deliveredToFronts[p] ?? 0) < n * COMPETENT.shortShare) short.add(p);
  for (const p of [...short])
    for (const b of ix.products.get(p)?.bom ?? []) if (ix.products.has(b.item)) short.add(b.item);
  return short;
}

/** Days of a product the fronts hold, against their daily demand (Infinity when none is asked). */
export function frontDays(s: Scenario, g: GameState, product: string): number {
  let held = 0;
  let daily = 0;
  for (const f of s.fronts) {
    const d = f.demand.find((x) => x.product === product);
    if (!d) continue;
    held += g.fronts[f.id]?.stock[product] ?? 0;
    daily += (d.perMonth * f.intensity) / s.rules.daysPerMonth;
  }
  return daily > 0 ? held / daily : Infinity;
}
