import type { Command, Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import type { GameState } from '../engine/state.ts';
import { templatesFor } from '../engine/templates.ts';
import { pipeline, rankSellers, terms } from './market.ts';
import { POLICY } from './policy.ts';
import { monthsLeft } from './competent/plan.ts';

/** Contract offers of a procurement agency: cover the fronts' demand for a few months ahead. */
export function procurementOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  const industry = s.teams.filter((t) => t.kind === 'industry').map((t) => t.id);
  const buyers = s.teams
    .filter((t) => ['procurement', 'military', 'government'].includes(t.kind))
    .map((t) => t.id);
  let budget = (g.teams[team]?.money ?? 0) * (1 - POLICY.reserveShare);
  // Multi-year contracts cover their whole schedule: a few months' need spread over two years would
  // cut the order book instead of signalling demand.
  const cover = g.levers.multiYear ? Math.min(POLICY.multiYearMonths, monthsLeft(s, g)) : POLICY.coverMonths;
  for (const front of s.fronts) {
    for (const d of front.demand) {
      const product = ix.products.get(d.product)!;
      const gap = Math.ceil(d.perMonth * front.intensity * cover - pipeline(g, product.id, buyers));
      if (gap <= 0) continue;
      // Spread the order over the firms that can make it, soonest first.
      for (const { id: seller, outlook } of rankSellers(s, g, industry, product.id)) {
        const t = terms(g, product, 1, s.rules.multiYearDiscount);
        const want =
          gap -
          out.reduce(
            (n, c) => n + (c.type === 'offerContract' && c.terms.product === product.id ? c.terms.qty : 0),
            0,
          );
        const qty = Math.min(
          want,
          Math.floor(budget / Math.max(1, t.unitPrice)),
          outlook.perMonth * t.months,
        );
        if (qty < 1) continue;
        out.push({
          type: 'offerContract',
          counterparty: seller,
          as: 'buyer',
          terms: { ...t, qty, startsIn: outlook.lead },
        });
        budget -= qty * t.unitPrice;
      }
    }
  }
  return out;
}

/** Orders of a procurement agency: hand stock to the military, subsidise capex. */
export function procurementOrders(s: Scenario, g: GameState, team: string): Order[] {
  return [...transfers(s, g, team), ...capexSubsidies(s, g, team)];
}

/**
 * With money to spare, fund half the cost of expanding lines that make what the fronts still lack
 * (firms invest with a long order book or a ≥ 50 % capex subsidy).
 */
function capexSubsidies(s: Scenario, g: GameState, team: string): Order[] {
  if (!g.levers.subsidies) return [];
  const spec = indexOf(s).teams.get(team)!;
  const money = g.teams[team]?.money ?? 0;
  if (money < spec.appropriation * POLICY.subsidyAboveMonths) return [];
  let spare = money - spec.appropriation * POLICY.subsidyAboveMonths;
  const orders: Order[] = [];
  const short = new Set(
    s.fronts.flatMap((f) =>
      f.demand
        .filter((d) => (g.history.at(-1)?.deliveredToFronts[d.product] ?? 0) < d.perMonth)
        .map((d) => d.product),
    ),
  );
  for (const plant of Object.values(g.plants)) {
    const line = plant.lines.find(
      (l) => l.state === 'rate' && l.product && short.has(l.product) && l.expansions.length === 0,
    );
    const tpl = line?.product
      ? templatesFor(s, 'capacity', { kind: 'expansion', plantType: plant.type, product: line.product })[0]
      : undefined;
    const owner = g.teams[plant.owner];
    if (!line || !tpl || !owner || owner.capexSubsidy > 0) continue;
    const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * Math.max(1, Math.round(line.nameplate / 2));
    const grant = Math.ceil(cost * s.rules.capexSubsidyShare);
    if (grant > spare) continue;
    orders.push({ type: 'budget', to: plant.owner, amount: grant, purpose: 'capexSubsidy' });
    spare -= grant;
  }
  return orders;
}

function transfers(s: Scenario, g: GameState, team: string): Order[] {
  const military = s.teams.find((t) => t.kind === 'military');
  if (!military) return [];
  const demanded = new Set(s.fronts.flatMap((f) => f.demand.map((d) => d.product)));
  return Object.entries(g.teams[team]?.stock ?? {})
    .filter(([item, qty]) => demanded.has(item) && qty >= 1)
    .map(([item, qty]): Order => ({ type: 'transfer', to: military.id, item, qty: Math.floor(qty) }));
}
