import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from './lookup.ts';
import type { GameState, PlantRuntime } from './state.ts';

/**
 * The adversary's targeting rule, stated by `rules.strike.target`: the one function the bots use to
 * choose a strike and that the README documents for human Red players.
 */

/**
 * What striking `plant` is worth under the scenario's rule: `outputValue` = last month's output of its
 * lines at each product's market price (€), so kilograms of powder and drones are compared in euros,
 * not in units; `criticality` = the plant's criticality from the scenario. A plant whose every line is
 * already damaged is worth nothing (it is already down: a strike would only extend the damage).
 */
export function strikeValue(s: Scenario, plant: PlantRuntime): number {
  if (plant.lines.every((l) => l.state === 'damaged')) return 0;
  const ix = indexOf(s);
  if (s.rules.strike.target === 'criticality')
    return (ix.plants.get(plant.id) ?? ix.sites.get(plant.id))?.criticality ?? 0;
  let value = 0;
  for (const l of plant.lines)
    if (l.product) value += l.lastOutput * (ix.products.get(l.product)?.marketPrice ?? 0);
  return value;
}

/**
 * Plants `team` may strike (not its own, not an adversary's), worth more than nothing, best first;
 * ties keep the scenario's plant order.
 */
export function strikeTargets(s: Scenario, g: GameState, team: string): { plant: string; value: number }[] {
  const ix = indexOf(s);
  return Object.values(g.plants)
    .filter((p) => p.owner !== team && ix.teams.get(p.owner)?.kind !== 'adversary')
    .map((p, i) => ({ plant: p.id, value: strikeValue(s, p), i }))
    .filter((x) => x.value > 0)
    .sort((a, b) => b.value - a.value || a.i - b.i)
    .map(({ plant, value }) => ({ plant, value }));
}
