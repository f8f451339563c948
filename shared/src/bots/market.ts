import type { ContractTerms } from '../schema/commands.ts';
import type { Product, Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import { batchCost, unitCost } from '../engine/production.ts';
import type { GameState } from '../engine/state.ts';
import { POLICY } from './policy.ts';
import { templatesFor } from '../engine/templates.ts';

/** Estimated € per unit: the learning-curve cost on the most experienced line plus inputs. */
export function estimatedCost(s: Scenario, g: GameState, product: Product, team: string): number {
  const ix = indexOf(s);
  let cum = 0;
  for (const p of Object.values(g.plants))
    if (p.owner === team)
      for (const l of p.lines) if (l.product === product.id) cum = Math.max(cum, l.cumUnits);
  let inputs = 0;
  for (const b of product.bom) {
    const comp = ix.components.get(b.item);
    const price = comp
      ? Math.min(...comp.sources.map((x) => x.price))
      : (ix.products.get(b.item)?.marketPrice ?? 0);
    inputs += price * b.qty;
  }
  return unitCost(product, cum) + inputs;
}

/**
 * Expected € per unit over the next `qty` units: the learning-curve cost averaged over the batch from
 * the most experienced line's cumulative units, plus inputs.
 */
export function averageCost(s: Scenario, g: GameState, product: Product, team: string, qty: number): number {
  const next = estimatedCost(s, g, product, team);
  const first = unitCost(product, experience(g, product.id, team));
  const batch = batchCost(product.firstUnitCost, product.learningRate, experience(g, product.id, team), qty);
  return next - first + batch / Math.max(1, qty);
}

function experience(g: GameState, product: string, team: string): number {
  let cum = 0;
  for (const p of Object.values(g.plants))
    if (p.owner === team) for (const l of p.lines) if (l.product === product) cum = Math.max(cum, l.cumUnits);
  return cum;
}

/**
 * What a seller could make of a product: monthly capacity on lines making it (or, failing that, on the
 * largest line it could convert) and the months before the first units.
 */
export function supplyOutlook(
  s: Scenario,
  g: GameState,
  team: string,
  product: string,
): { perMonth: number; lead: number } {
  let perMonth = 0;
  let lead = Infinity;
  let convertible = { perMonth: 0, lead: Infinity };
  for (const p of Object.values(g.plants)) {
    if (p.owner !== team) continue;
    for (const l of p.lines) {
      if (l.product === product && l.state !== 'reverting') {
        perMonth += l.nameplate;
        lead = Math.min(lead, l.state === 'damaged' || l.state === 'idle' ? l.monthsLeft : 0);
      } else if (l.target === product) {
        perMonth += l.nameplate;
        lead = Math.min(lead, l.monthsLeft + 1);
      }
    }
    const tpl = conversionTemplate(s, p.type, product);
    const civil = p.lines.filter(
      (l) => l.state === 'civil' || (l.state === 'idle' && l.resumeState === null),
    );
    const biggest = [...civil].sort((a, b) => b.nameplate - a.nameplate)[0];
    if (tpl && biggest && biggest.nameplate > convertible.perMonth)
      convertible = { perMonth: biggest.nameplate, lead: tpl.leadMonths + tpl.qualificationMonths + 1 };
  }
  return perMonth > 0 ? { perMonth, lead: Number.isFinite(lead) ? lead : 0 } : convertible;
}

/** Firms able to supply a product, those already making it first, then the soonest and largest. */
export function rankSellers(s: Scenario, g: GameState, candidates: readonly string[], product: string) {
  return candidates
    .map((id) => ({ id, outlook: supplyOutlook(s, g, id, product), making: makes(g, id, product) }))
    .filter((x) => x.outlook.perMonth > 0)
    .sort(
      (a, b) =>
        Number(b.making) - Number(a.making) ||
        a.outlook.lead - b.outlook.lead ||
        b.outlook.perMonth - a.outlook.perMonth,
    );
}

export function makes(g: GameState, team: string, product: string): boolean {
  return Object.values(g.plants).some(
    (p) => p.owner === team && p.lines.some((l) => l.product === product || l.target === product),
  );
}

/** The fastest conversion template that can make `product` at a plant of this type. */
export function conversionTemplate(s: Scenario, plantType: string, product: string) {
  return templatesFor(s, 'conversion', { plantType, product })[0];
}

/** Units of `product` already held or coming to Blue buyers and fronts. */
export function pipeline(g: GameState, product: string, buyers: readonly string[]): number {
  let n = 0;
  for (const b of buyers) n += g.teams[b]?.stock[product] ?? 0;
  for (const f of Object.values(g.fronts)) n += f.stock[product] ?? 0;
  for (const c of g.contracts)
    if (
      c.terms.product === product &&
      buyers.includes(c.buyer) &&
      (c.status === 'active' || c.status === 'offered')
    )
      n += c.terms.qty - c.delivered;
  return n;
}

export function terms(g: GameState, product: Product, qty: number, discount: number): ContractTerms {
  const multi = g.levers.multiYear;
  return {
    product: product.id,
    qty,
    unitPrice: Math.round(product.marketPrice * (multi ? 1 - discount : 1) * 100) / 100,
    type: multi ? 'multiYear' : 'spot',
    rating: g.levers.priorityRatings ? 'DO' : 'none',
    months: multi ? POLICY.multiYearMonths : POLICY.contractMonths,
    advancePct: POLICY.advancePct,
    penaltyPerUnitLate: 0,
    cancelFeePct: 0,
    startsIn: 0,
  };
}

export function capacityFor(g: GameState, team: string, product: string): number {
  let n = 0;
  for (const p of Object.values(g.plants))
    if (p.owner === team)
      for (const l of p.lines) if (l.product === product || l.target === product) n += l.nameplate;
  return n;
}
