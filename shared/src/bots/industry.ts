import type { Command, Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { backlogUnits } from '../engine/contracts.ts';
import { supplyModifiers } from '../engine/effects.ts';
import { indexOf } from '../engine/lookup.ts';
import { sourceCap } from '../engine/supply.ts';
import type { GameState } from '../engine/state.ts';
import { templatesFor } from '../engine/templates.ts';
import { capacityFor, conversionTemplate, pipeline, rankSellers, terms } from './market.ts';
import { monthsLeft } from './competent/plan.ts';
import { POLICY, PRODUCING } from './policy.ts';

/** Contract offers of a firm: buy intermediate products its lines need from the firms making them. */
export function industryOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  const industry = s.teams.filter((t) => t.kind === 'industry').map((t) => t.id);
  // Buy intermediate products (e.g. propellant for shells and mortar rounds) from the firms that
  // make them, for all of the team's lines together.
  const needs = new Map<string, number>();
  for (const plant of Object.values(g.plants)) {
    if (plant.owner !== team) continue;
    for (const line of plant.lines) {
      const product = line.product ? ix.products.get(line.product) : undefined;
      if (!product || !PRODUCING.has(line.state)) continue;
      for (const b of product.bom)
        if (ix.products.has(b.item))
          needs.set(b.item, (needs.get(b.item) ?? 0) + line.nameplate * b.qty * POLICY.coverMonths);
    }
  }
  for (const [item, want] of needs) {
    const input = ix.products.get(item)!;
    const need = Math.ceil(want - pipeline(g, item, [team]));
    const best = rankSellers(
      s,
      g,
      industry.filter((id) => id !== team),
      item,
    )[0];
    if (need < want * POLICY.minOfferShare || !best) continue;
    const t = { ...terms(g, input, need, s.rules.multiYearDiscount), startsIn: best.outlook.lead };
    if ((g.teams[team]?.money ?? 0) < (need * t.unitPrice * t.advancePct) / 100) continue;
    out.push({
      type: 'offerContract',
      counterparty: best.id,
      as: 'buyer',
      terms: { ...t, rating: 'none', qty: need },
    });
  }
  return out;
}

/** Orders of a firm: inputs, hiring, conversions and expansions. */
export function industryOrders(s: Scenario, g: GameState, team: string, competent = false): Order[] {
  const ix = indexOf(s);
  const orders: Order[] = [];
  const me = g.teams[team]!;
  let cash = me.money * (1 - POLICY.reserveShare);
  for (const plant of Object.values(g.plants)) {
    if (plant.owner !== team) continue;
    // Inputs for the lines that run or will soon run.
    for (const line of plant.lines) {
      const productId = line.product ?? line.target;
      const product = productId ? ix.products.get(productId) : undefined;
      if (!product || !PRODUCING.has(line.state)) continue;
      for (const b of product.bom) {
        const comp = ix.components.get(b.item);
        if (!comp) continue;
        const incoming = g.componentOrders
          .filter((o) => o.team === team && o.component === comp.id)
          .reduce((n, o) => n + o.qty, 0);
        let need = Math.ceil(
          line.nameplate *
            b.qty *
            (POLICY.inputCoverMonths + Math.max(...comp.sources.map((x) => x.leadTimeMonths))) -
            (me.stock[comp.id] ?? 0) -
            incoming,
        );
        const sources = comp.sources
          .map((src) => ({
            src,
            mods: supplyModifiers(g, comp.id, `${comp.id}/${src.id}`, src.origin, s.rules.outbid),
          }))
          .filter((x) => !x.mods.embargoed)
          .sort((a, b2) => a.src.price * a.mods.price - b2.src.price * b2.mods.price);
        for (const { src, mods } of sources) {
          if (need <= 0) break;
          const cap = sourceCap(s, g, comp.id, src.id);
          const qty = Math.min(need, cap, Math.floor(cash / Math.max(0.01, src.price * mods.price)));
          if (qty < 1) continue;
          orders.push({ type: 'buyComponents', component: comp.id, source: src.id, qty });
          cash -= qty * src.price * mods.price;
          need -= qty;
        }
      }
    }
    // Staff the lines.
    const crew = plant.lines.reduce(
      (n, l) => n + (l.state === 'civil' || PRODUCING.has(l.state) ? l.crew : 0),
      0,
    );
    const coming = plant.trainees.reduce((n, t) => n + t.count, 0);
    const short = Math.ceil(crew - plant.skilled - coming);
    const slots = Math.floor(plant.skilled * s.rules.workforce.traineesPerInstructor);
    const hires = Math.min(short, slots, Math.floor(cash / Math.max(1, s.rules.workforce.hireCost)));
    if (hires >= 1) {
      orders.push({ type: 'hire', plant: plant.id, count: hires });
      cash -= hires * s.rules.workforce.hireCost;
    }
    // Convert a civil line when the order book exceeds what the plant can make.
    const civil = plant.lines.find(
      (l) => l.state === 'civil' || (l.state === 'idle' && l.resumeState === null),
    );
    if (civil) {
      // A plain firm converts to the first product whose book outruns its capacity; a competent one
      // to the product whose book outruns it most (a product it cannot make at all comes first).
      const behind = g.contracts.filter(
        (c) =>
          c.seller === team &&
          c.status === 'active' &&
          conversionTemplate(s, plant.type, c.terms.product) !== undefined &&
          backlogUnits(g, team, c.terms.product) >
            capacityFor(g, team, c.terms.product) * POLICY.contractMonths,
      );
      const gapOf = (p: string) => backlogUnits(g, team, p) / (1 + capacityFor(g, team, p));
      const wanted = competent
        ? [...behind].sort((a, b) => gapOf(b.terms.product) - gapOf(a.terms.product))[0]
        : behind[0];
      const tpl = wanted && conversionTemplate(s, plant.type, wanted.terms.product);
      const cost = tpl ? tpl.fixedCost + tpl.costPerMonthlyUnit * civil.nameplate : Infinity;
      if (wanted && tpl && cost <= cash) {
        orders.push({
          type: 'convertLine',
          plant: plant.id,
          line: civil.id,
          product: wanted.terms.product,
          template: tpl.id,
        });
        cash -= cost;
      }
    }
    // Expand a line at rate only with a long order book or a subsidy (the demand signal firms wait for).
    // A plain firm adds half a line on one line; a competent one sizes the addition to what its order
    // book needs over the months left, on every line whose book calls for it.
    const expansionFor = (product: string) =>
      templatesFor(s, 'capacity', { kind: 'expansion', plantType: plant.type, product })[0];
    const atRate = plant.lines.filter(
      (l) => l.state === 'rate' && l.product && l.expansions.length === 0 && expansionFor(l.product),
    );
    for (const line of competent ? atRate : atRate.slice(0, 1)) {
      const expansion = line.product ? expansionFor(line.product) : undefined;
      if (!expansion || !line.product) break;
      const backlog = backlogUnits(g, team, line.product);
      const capacity = Math.max(1, capacityFor(g, team, line.product));
      const half = Math.max(1, Math.round(line.nameplate / 2));
      const add = competent
        ? Math.min(2 * line.nameplate, Math.max(half, Math.ceil(backlog / monthsLeft(s, g) - capacity)))
        : half;
      const cost = expansion.fixedCost + expansion.costPerMonthlyUnit * add;
      const subsidised = me.capexSubsidy >= cost * s.rules.capexSubsidyShare;
      if ((backlog / capacity >= s.rules.capexBacklogMonths || subsidised) && cost <= cash) {
        orders.push({
          type: 'invest',
          plant: plant.id,
          line: line.id,
          template: expansion.id,
          product: line.product,
          addNameplate: add,
        });
        cash -= cost;
      }
    }
  }
  return orders;
}
