import type { Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { strikeTargets } from '../engine/strike.ts';
import type { GameState } from '../engine/state.ts';
import { POLICY } from './policy.ts';

/**
 * Orders of the adversary: strike the plant worth most by the scenario's targeting rule, raise EW,
 * outbid on exposed parts and for the richest offer abroad open to rival bids, surge.
 */
export function adversaryOrders(s: Scenario, g: GameState, team: string): Order[] {
  const orders: Order[] = [];
  let cash = g.teams[team]?.money ?? 0;
  const r = s.rules;
  const target = strikeTargets(s, g, team)[0];
  if (target && cash >= r.strike.cost) {
    orders.push({ type: 'strike', plant: target.plant });
    cash -= r.strike.cost;
  }
  const front = s.fronts.find((f) => (g.fronts[f.id]?.ewLevel ?? r.ewLevelMax) < r.ewLevelMax);
  if (front && cash >= r.ewUpgradeCost && g.month % 3 === 0) {
    orders.push({ type: 'ewUpgrade', front: front.id });
    cash -= r.ewUpgradeCost;
  }
  const exposed = s.components.find((c) => c.sources.some((x) => x.embargoRisk > 0));
  if (exposed && cash >= r.outbid.cost && g.month % 2 === 0) {
    orders.push({ type: 'outbid', component: exposed.id });
    cash -= r.outbid.cost;
  }
  // Outbid the Blue side for the offer open to rival bids with the most € on sale, if any.
  const offer = g.marketOffers
    .filter((m) => m.rivalBids && m.endMonth > g.month + 1 && m.available > 0)
    .sort((a, b) => b.available * b.price - a.available * a.price || (a.id < b.id ? -1 : 1))[0];
  if (offer && cash >= r.outbid.cost) {
    orders.push({ type: 'outbidOffer', offer: offer.id });
    cash -= r.outbid.cost;
  }
  const main = s.fronts[0];
  const surge = Math.floor(cash * POLICY.surgeShare);
  if (main && surge > 0) orders.push({ type: 'surge', front: main.id, amount: surge });
  return orders;
}
