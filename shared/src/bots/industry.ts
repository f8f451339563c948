import type { Command, Order } from '../schema/commands.ts';
import type { Rating, Scenario } from '../schema/scenario.ts';
import { backlogUnits } from '../engine/contracts.ts';
import { crewPerShift } from '../engine/crew.ts';
import { supplyModifiers } from '../engine/effects.ts';
import { indexOf } from '../engine/lookup.ts';
import { flowDownRoom, ratesByFlowDown } from '../engine/ratings.ts';
import { shiftFactor } from '../engine/shifts.ts';
import { sourceCap } from '../engine/supply.ts';
import type { GameState } from '../engine/state.ts';
import { templatesFor } from '../engine/templates.ts';
import { capacityFor, conversionTemplate, pipeline, rankSellers, terms } from './market.ts';
import { monthsLeft } from './competent/plan.ts';
import { bookRate, greenfieldOrders, outputModeOrders, shiftOrders } from './competent/industry.ts';
import { POLICY, PRODUCING } from './policy.ts';

/** Contract offers of a firm: buy intermediate products its lines need from the firms making them. */
export function industryOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  const industry = s.teams.filter((t) => t.kind === 'industry').map((t) => t.id);
  // Buy intermediate products (e.g. propellant for shells and mortar rounds) from the firms that
  // make them, for all of the team's lines together: each month's need over the contract's months,
  // so that a long (multi-year) contract delivers a month's need a month, and tells the supplier
  // what to build for, instead of spreading a few months' cover over its whole schedule. A line's
  // month is its output at its shifts and overtime.
  const perMonth = new Map<string, number>();
  for (const plant of Object.values(g.plants)) {
    if (plant.owner !== team) continue;
    for (const line of plant.lines) {
      const product = line.product ? ix.products.get(line.product) : undefined;
      if (!product || !PRODUCING.has(line.state)) continue;
      for (const b of product.bom)
        if (ix.products.has(b.item))
          perMonth.set(b.item, (perMonth.get(b.item) ?? 0) + line.nameplate * shiftFactor(s, line) * b.qty);
    }
  }
  for (const [item, monthly] of perMonth) {
    const input = ix.products.get(item)!;
    const months = Math.min(terms(g, input, 1, s.rules.multiYearDiscount).months, monthsLeft(s, g));
    const want = monthly * Math.max(POLICY.coverMonths, months);
    const need = Math.ceil(want - pipeline(g, item, [team]));
    const best = rankSellers(
      s,
      g,
      industry.filter((id) => id !== team),
      item,
    )[0];
    if (need < want * POLICY.minOfferShare || !best) continue;
    const t = { ...terms(g, input, need, s.rules.multiYearDiscount), months, startsIn: best.outlook.lead };
    if ((g.teams[team]?.money ?? 0) < (need * t.unitPrice * t.advancePct) / 100) continue;
    for (const [rating, qty] of flowDownSplit(s, g, team, item, need))
      out.push({ type: 'offerContract', counterparty: best.id, as: 'buyer', terms: { ...t, rating, qty } });
  }
  return out;
}

/**
 * A firm's order of `qty` units of an intermediate product, split by the ratings it may place on them
 * (DPAS flow-down): as many as its DX-rated contracts still need at DX, then its DO-rated ones at DO,
 * the rest unrated.
 */
function flowDownSplit(s: Scenario, g: GameState, team: string, item: string, qty: number) {
  const parts: [Rating, number][] = [];
  let left = qty;
  if (g.levers.priorityRatings && s.rules.ratings.flowDown && ratesByFlowDown(s, team)) {
    const room = flowDownRoom(s, g, team, item);
    for (const rating of ['DX', 'DO'] as const) {
      const n = Math.min(left, room[rating]);
      if (n < 1) continue;
      parts.push([rating, n]);
      left -= n;
    }
  }
  if (left >= 1) parts.push(['none', left]);
  return parts;
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
        // For what the line makes at its shifts and overtime, not at one shift.
        let need = Math.ceil(
          line.nameplate *
            shiftFactor(s, line) *
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
    // A competent firm answers rated orders first: the lines of products it owes on DX-rated
    // contracts get first call on scarce inputs, those it owes on no rated contract the last.
    if (competent) orders.push(...ratedPriorities(g, team, plant));
    // A competent firm surges with extra shifts and overtime when its book outruns its lines, and
    // makes to order what nobody has bought.
    const surge = competent ? shiftOrders(s, g, team, plant, cash) : undefined;
    if (surge) {
      orders.push(...surge.orders, ...outputModeOrders(s, g, team, plant));
      cash -= surge.premium;
    }
    // Staff the lines (a competent firm for the shifts it wants as well).
    const crew = Math.max(
      surge?.crew ?? 0,
      plant.lines.reduce(
        (n, l) => n + (l.state === 'civil' || PRODUCING.has(l.state) ? crewPerShift(s, l) : 0),
        0,
      ),
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
    const civil = plant.lines.filter(
      (l) => l.state === 'civil' || (l.state === 'idle' && l.resumeState === null),
    );
    if (civil.length > 0) {
      // A plain firm converts to the first product (by contract) whose book outruns its capacity; a
      // competent one to the product whose uncovered book is worth most (€ at market price).
      const behind = g.contracts.filter(
        (c) =>
          c.seller === team &&
          c.status === 'active' &&
          conversionTemplate(s, plant.type, c.terms.product) !== undefined &&
          backlogUnits(g, team, c.terms.product) >
            capacityFor(g, team, c.terms.product) * POLICY.contractMonths,
      );
      // A competent firm ranks by the € of the book its capacity (converting lines included) leaves
      // unmade each month until the contracts end, and considers each product once.
      const gapOf = (p: string) =>
        (bookRate(g, team, p) - capacityFor(g, team, p)) * (ix.products.get(p)?.marketPrice ?? 0);
      const ranked = competent
        ? [...new Map(behind.map((c) => [c.terms.product, c])).values()]
            .filter((c) => gapOf(c.terms.product) > 0)
            .sort((a, b) => gapOf(b.terms.product) - gapOf(a.terms.product))
        : behind;
      // The first product (by rank) with a civil line that suits it (not many times too big for its
      // book) and that the firm can pay for.
      for (const wanted of ranked) {
        const product = wanted.terms.product;
        const tpl = conversionTemplate(s, plant.type, product);
        const perMonth = competent
          ? bookRate(g, team, product) - capacityFor(g, team, product)
          : backlogUnits(g, team, product) / wanted.terms.months;
        const line = fittingLine(civil, perMonth);
        if (!tpl || !line || line.nameplate > perMonth * POLICY.convertOversize) continue;
        const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * line.nameplate;
        if (cost > cash) continue;
        orders.push({ type: 'convertLine', plant: plant.id, line: line.id, product, template: tpl.id });
        cash -= cost;
        break;
      }
    }
    // Expand a line only with a long order book or a subsidy (the demand signal firms wait for). A plain
    // firm adds half a line on one line at rate. A competent one also expands a line waiting for its
    // inputs, never for capacity that would come after the game, and sizes the addition so that the
    // book is made once the new capacity is up, on every line whose book calls for it.
    const expansionFor = (product: string) =>
      templatesFor(s, 'capacity', { kind: 'expansion', plantType: plant.type, product })[0];
    const expandable = plant.lines.filter(
      (l) =>
        (l.state === 'rate' || (competent && l.state === 'starved')) &&
        l.product &&
        l.expansions.length === 0 &&
        expansionFor(l.product),
    );
    for (const line of competent ? expandable : expandable.slice(0, 1)) {
      const expansion = line.product ? expansionFor(line.product) : undefined;
      if (!expansion || !line.product) break;
      const backlog = backlogUnits(g, team, line.product);
      const capacity = Math.max(1, capacityFor(g, team, line.product));
      const half = Math.max(1, Math.round(line.nameplate / 2));
      const ready = expansion.leadMonths + expansion.qualificationMonths;
      const after = monthsLeft(s, g) - ready;
      if (competent && after < 1) continue;
      const add = competent
        ? Math.min(
            2 * line.nameplate,
            Math.max(half, Math.ceil((backlog - capacity * ready) / after - capacity)),
          )
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
  // A competent firm builds a new plant on one of its sites when its book over the game calls for it.
  if (competent) orders.push(...greenfieldOrders(s, g, team, cash).orders);
  return orders;
}

/**
 * The civil line to convert for a book of `perMonth` units a month: the smallest that can make it
 * (a line's nameplate is what it would make of the product it suits), else the largest.
 */
function fittingLine<L extends { nameplate: number }>(lines: readonly L[], perMonth: number): L | undefined {
  const bySize = [...lines].sort((a, b) => a.nameplate - b.nameplate);
  return bySize.find((l) => l.nameplate >= perMonth) ?? bySize.at(-1);
}

/** Line priorities that put a plant's rated work first (DX high, unrated low), as orders. */
function ratedPriorities(g: GameState, team: string, plant: GameState['plants'][string]): Order[] {
  const rating = new Map<string, 'DX' | 'DO' | 'none'>();
  for (const c of g.contracts) {
    if (c.seller !== team || c.status !== 'active') continue;
    const was = rating.get(c.terms.product);
    const r = c.terms.rating;
    if (r === 'DX' || was === undefined || (r === 'DO' && was === 'none')) rating.set(c.terms.product, r);
  }
  const orders: Order[] = [];
  for (const l of plant.lines) {
    const product = l.product ?? l.target;
    const r = product ? rating.get(product) : undefined;
    const priority = r === 'DX' ? 'high' : r === 'none' ? 'low' : 'normal';
    if (product && priority !== l.priority)
      orders.push({ type: 'setLinePriority', plant: plant.id, line: l.id, priority });
  }
  return orders;
}
