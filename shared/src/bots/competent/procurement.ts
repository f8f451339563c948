import type { Command, ContractTerms, Order } from '../../schema/commands.ts';
import type { Product, Scenario } from '../../schema/scenario.ts';
import { indexOf } from '../../engine/lookup.ts';
import type { GameState } from '../../engine/state.ts';
import { templatesFor } from '../../engine/templates.ts';
import { pipeline, rankSellers } from '../market.ts';
import { COMPETENT, POLICY } from '../policy.ts';
import { frontDays, frontDemand, monthsLeft, shortProducts } from './plan.ts';

const BUYERS = ['procurement', 'military', 'government'];

/**
 * A competent procurement agency's offers: contract the fronts' demand over a plan of `planMonths`
 * (not a few months), committing next months' appropriations as well as cash; once multi-year
 * contracts exist, order the whole plan on them, beyond the sellers' present capacity, as the demand
 * signal that makes them invest; rate the orders of short products DX and the others DO; pay a
 * sizeable advance.
 */
export function competentProcurementOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  const industry = s.teams.filter((t) => t.kind === 'industry').map((t) => t.id);
  const buyers = s.teams.filter((t) => BUYERS.includes(t.kind)).map((t) => t.id);
  const spec = ix.teams.get(team)!;
  // With multi-year contracts the plan covers their whole schedule, so that the order book matches
  // demand month by month instead of spreading a year's need over two.
  const horizon = g.levers.multiYear
    ? Math.min(POLICY.multiYearMonths, monthsLeft(s, g))
    : Math.min(COMPETENT.planMonths, monthsLeft(s, g));
  // Next months' income is what the agency has been receiving (its own appropriation and what the
  // government and the alliance pass on), not its appropriation alone.
  const me = g.teams[team];
  const income = Math.max(spec.appropriation, g.month > 1 ? (me?.received ?? 0) / (g.month - 1) : 0);
  const pool =
    (me?.money ?? 0) * (1 - POLICY.reserveShare) +
    income * horizon * COMPETENT.futureIncomeShare -
    committed(g, team);
  const short = shortProducts(s, g);
  // The budget is shared between products by the value of what the plan still lacks of each, so
  // that the first products listed do not take it all and what is covered draws nothing.
  const demand = [...frontDemand(s)].map(([p, perMonth]) => ({
    product: ix.products.get(p)!,
    gap: Math.ceil(perMonth * horizon - pipeline(g, p, buyers)),
  }));
  const value = (d: { product: Product; gap: number }) => Math.max(0, d.gap) * d.product.marketPrice;
  const total = demand.reduce((n, d) => n + value(d), 0);
  for (const d of demand) {
    const { product } = d;
    const productId = product.id;
    let gap = d.gap;
    let budget = (pool * value(d)) / Math.max(1, total);
    for (const { id: seller, outlook } of rankSellers(s, g, industry, productId)) {
      if (gap < 1 || budget <= 0) break;
      const t = planTerms(s, g, product, short.has(productId), horizon);
      const reach = g.levers.multiYear ? COMPETENT.signalMultiple : 1;
      const qty = Math.min(
        gap,
        Math.floor(budget / Math.max(1, t.unitPrice)),
        Math.ceil(outlook.perMonth * t.months * reach),
      );
      if (qty < 1) continue;
      out.push({
        type: 'offerContract',
        counterparty: seller,
        as: 'buyer',
        terms: { ...t, qty, startsIn: outlook.lead },
      });
      budget -= qty * t.unitPrice;
      gap -= qty;
    }
  }
  return out;
}

/** € still to pay on the team's active and offered purchases. */
function committed(g: GameState, team: string): number {
  let n = 0;
  for (const c of g.contracts)
    if (c.buyer === team && (c.status === 'active' || c.status === 'offered'))
      n += (c.terms.qty - c.delivered) * c.terms.unitPrice * (1 - c.terms.advancePct / 100);
  return n;
}

function planTerms(
  s: Scenario,
  g: GameState,
  product: Product,
  short: boolean,
  horizon: number,
): ContractTerms {
  const multi = g.levers.multiYear;
  const months = multi ? Math.min(POLICY.multiYearMonths, monthsLeft(s, g)) : horizon;
  const price = product.marketPrice * (multi ? 1 - s.rules.multiYearDiscount : 1);
  return {
    product: product.id,
    qty: 1,
    unitPrice: Math.round(price * 100) / 100,
    type: multi ? 'multiYear' : months >= 12 ? 'annual' : 'spot',
    rating: g.levers.priorityRatings ? (short ? 'DX' : 'DO') : 'none',
    months,
    advancePct: COMPETENT.advancePct,
    penaltyPerUnitLate: 0,
    cancelFeePct: 0,
    startsIn: 0,
  };
}

/**
 * A competent agency's orders: hand stock to the military, buy market offers when a front runs dry,
 * and grant capex subsidies to the lines of short products and of their inputs (energetics included).
 */
export function competentProcurementOrders(s: Scenario, g: GameState, team: string): Order[] {
  const orders: Order[] = [];
  const military = s.teams.find((t) => t.kind === 'military');
  const demand = frontDemand(s);
  if (military && military.id !== team)
    for (const [item, qty] of Object.entries(g.teams[team]?.stock ?? {}))
      if (demand.has(item) && qty >= 1)
        orders.push({ type: 'transfer', to: military.id, item, qty: Math.floor(qty) });
  const reserve = indexOf(s).teams.get(team)!.appropriation * COMPETENT.subsidyReserveMonths;
  const buys = emergencyPurchases(s, g, (g.teams[team]?.money ?? 0) - reserve);
  const spare = (g.teams[team]?.money ?? 0) - reserve - buys.spent;
  return [...orders, ...buys.orders, ...chokepointSubsidies(s, g, team, spare)];
}

/**
 * Market offers worth buying when a front runs dry (under `emergencyDays` of a product) at this
 * month's price (escalation and any outbid included) within `emergencyPriceMultiple` of the market's,
 * up to what the fronts use while the offer ships and no more than is on sale this month (the release).
 */
export function emergencyPurchases(
  s: Scenario,
  g: GameState,
  budget: number,
): { orders: Order[]; spent: number } {
  const demand = frontDemand(s);
  const orders: Order[] = [];
  let spare = budget;
  for (const offer of g.marketOffers) {
    const product = indexOf(s).products.get(offer.product);
    const perMonth = demand.get(offer.product) ?? 0;
    if (!product || perMonth <= 0 || offer.available < 1) continue;
    if (frontDays(s, g, offer.product) >= COMPETENT.emergencyDays) continue;
    if (offer.price > product.marketPrice * COMPETENT.emergencyPriceMultiple) continue;
    const qty = Math.min(
      offer.available,
      Math.ceil(perMonth * offer.deliveryMonths),
      Math.floor(spare / offer.price),
    );
    if (qty < 1) continue;
    orders.push({ type: 'buyMarketOffer', offer: offer.id, qty });
    spare -= qty * offer.price;
  }
  return { orders, spent: budget - spare };
}

function chokepointSubsidies(s: Scenario, g: GameState, team: string, spare: number): Order[] {
  if (!g.levers.subsidies) return [];
  const short = shortProducts(s, g);
  const orders: Order[] = [];
  const granted = new Set<string>();
  for (const plant of Object.values(g.plants)) {
    const owner = g.teams[plant.owner];
    if (!owner || owner.capexSubsidy > 0 || granted.has(plant.owner)) continue;
    if (indexOf(s).teams.get(plant.owner)?.kind !== 'industry') continue;
    const line = plant.lines.find(
      (l) => l.state === 'rate' && l.product && short.has(l.product) && l.expansions.length === 0,
    );
    const tpl = line?.product
      ? templatesFor(s, 'capacity', { kind: 'expansion', plantType: plant.type, product: line.product })[0]
      : undefined;
    // Capacity that would come after the game's end is money for nothing in it.
    if (!line || !tpl || tpl.leadMonths + tpl.qualificationMonths >= monthsLeft(s, g)) continue;
    const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * Math.max(1, Math.round(line.nameplate / 2));
    const grant = Math.ceil(cost * s.rules.capexSubsidyShare);
    if (grant > spare) continue;
    orders.push({ type: 'budget', to: plant.owner, amount: grant, purpose: 'capexSubsidy' });
    granted.add(plant.owner);
    spare -= grant;
  }
  return orders;
}
