import type { Order } from '../../schema/commands.ts';
import type { Scenario, Template } from '../../schema/scenario.ts';
import { backlogUnits } from '../../engine/contracts.ts';
import { crewPerShift } from '../../engine/crew.ts';
import { indexOf } from '../../engine/lookup.ts';
import { shiftFactor } from '../../engine/shifts.ts';
import { siteCost, siteLead } from '../../engine/sites.ts';
import type { GameState, LineRuntime, PlantRuntime } from '../../engine/state.ts';
import { rampShareAt } from '../../engine/ramp.ts';
import { templatesFor } from '../../engine/templates.ts';
import { COMPETENT, PRODUCING } from '../policy.ts';
import { monthsLeft } from './plan.ts';

/** Units a month a seller must make of `product` to deliver its active contracts by their ends. */
export function bookRate(g: GameState, team: string, product: string): number {
  let n = 0;
  for (const c of g.contracts) {
    if (c.seller !== team || c.status !== 'active' || c.terms.product !== product) continue;
    const end = c.startMonth + c.terms.startsIn + c.terms.months;
    n += (c.terms.qty - c.delivered) / Math.max(1, end - g.month);
  }
  return n;
}

/** What the team's lines making (or about to make) `product` can turn out a month at one shift. */
function oneShiftCapacity(g: GameState, team: string, product: string): number {
  let n = 0;
  for (const p of Object.values(g.plants))
    if (p.owner === team)
      for (const l of p.lines) if (l.product === product || l.target === product) n += l.nameplate;
  return n;
}

/** Skilled workers a plant needs with each line at the given shifts (its own otherwise). */
function crewWith(s: Scenario, plant: PlantRuntime, shifts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const l of plant.lines)
    if (l.state === 'civil' || PRODUCING.has(l.state))
      n += crewPerShift(s, l) * (shifts.get(l.id) ?? l.shifts);
  return n;
}

/** € a month of the wage premiums of a line at `shifts` shifts, with or without overtime. */
function premiumOf(s: Scenario, line: LineRuntime, shifts: number, overtime: boolean): number {
  const r = s.rules.shifts;
  if (!r) return 0;
  const wage = s.rules.workforce.wagePerMonth * crewPerShift(s, line);
  return (
    wage * ((shifts - 1) * r.wagePremium + (overtime && r.overtime ? shifts * r.overtime.wagePremium : 0))
  );
}

export interface ShiftPlan {
  orders: Order[];
  /** Skilled workers the plant should have for the shifts wanted (hiring works towards it). */
  crew: number;
  /** € a month the shifts and overtime ordered add to wages. */
  premium: number;
}

/**
 * Shifts and overtime as a surge lever (rules.shifts): a competent firm whose book of a product runs
 * faster than its lines can make it at one shift asks for the shifts that would cover it (at most the
 * scenario's), works them once the plant has the crews (a shift without its crew would under-staff the
 * whole plant), and puts the line on overtime (no new crew needed) while the extra shifts are not yet
 * manned or do not suffice, if it can pay `surgeCashMonths` of the premiums. Once the book is covered
 * by one shift it goes back to one shift without overtime.
 */
export function shiftOrders(
  s: Scenario,
  g: GameState,
  team: string,
  plant: PlantRuntime,
  cash: number,
): ShiftPlan {
  const r = s.rules.shifts;
  const wanted = new Map<string, number>();
  const orders: Order[] = [];
  let premium = 0;
  if (!r) return { orders, crew: crewWith(s, plant, wanted), premium };
  const lines = plant.lines.filter(
    (l) => l.product && (l.state === 'rate' || l.state === 'ramp' || l.state === 'starved'),
  );
  const wants = new Map<string, { shifts: number; overtime: boolean }>();
  for (const l of lines) {
    const product = l.product!;
    const ratio = bookRate(g, team, product) / Math.max(1, oneShiftCapacity(g, team, product));
    const shifts =
      ratio <= 1 ? 1 : Math.min(r.max, Math.ceil(1 + (ratio - 1) / Math.max(0.01, r.outputPerShift) - 1e-9));
    wanted.set(l.id, shifts);
    wants.set(l.id, { shifts, overtime: ratio > 1 });
  }
  const crew = crewWith(s, plant, wanted);
  // Shifts the plant's crews can man now: lines take their extra shifts in turn while skilled workers last.
  const manned = new Map<string, number>(lines.map((l) => [l.id, Math.min(l.shifts, wanted.get(l.id) ?? 1)]));
  for (const l of lines) {
    const want = wanted.get(l.id) ?? 1;
    for (let k = manned.get(l.id)!; k < want; k++) {
      const next = new Map(manned).set(l.id, k + 1);
      if (crewWith(s, plant, next) > plant.skilled) break;
      manned.set(l.id, k + 1);
    }
  }
  for (const l of lines) {
    const w = wants.get(l.id)!;
    const shifts = manned.get(l.id)!;
    const short =
      shifts < w.shifts ||
      bookRate(g, team, l.product!) >
        oneShiftCapacity(g, team, l.product!) * (1 + (shifts - 1) * r.outputPerShift);
    const overtime =
      w.overtime &&
      short &&
      !!r.overtime &&
      (l.overtime || g.month >= l.restUntil) &&
      premiumOf(s, l, shifts, true) * COMPETENT.surgeCashMonths <= cash - premium;
    const cost = premiumOf(s, l, shifts, overtime);
    if (!overtime && shifts > 1 && cost * COMPETENT.surgeCashMonths > cash - premium) continue;
    premium += cost;
    if (shifts !== l.shifts || overtime !== l.overtime)
      orders.push({ type: 'setShifts', plant: plant.id, line: l.id, shifts, overtime });
  }
  return { orders, crew, premium };
}

/**
 * How a competent firm sets a line's output: to its orders, holding a month of the line's output in
 * stock for the next buyer, when it has no book for the line's product and already holds that month
 * (making more would spend inputs and wages on units nobody has bought); all it can otherwise.
 */
export function outputModeOrders(s: Scenario, g: GameState, team: string, plant: PlantRuntime): Order[] {
  const orders: Order[] = [];
  for (const l of plant.lines) {
    if (!l.product || !PRODUCING.has(l.state)) continue;
    const month = Math.ceil(l.nameplate * shiftFactor(s, l));
    const held = g.teams[team]?.stock[l.product] ?? 0;
    const idle = backlogUnits(g, team, l.product) === 0 && held >= month;
    if (idle && (l.outputMode !== 'toOrders' || l.stockTarget !== month))
      orders.push({
        type: 'setOutputMode',
        plant: plant.id,
        line: l.id,
        mode: 'toOrders',
        stockTarget: month,
      });
    else if (!idle && l.outputMode !== 'capacity')
      orders.push({ type: 'setOutputMode', plant: plant.id, line: l.id, mode: 'capacity', stockTarget: 0 });
  }
  return orders;
}

/**
 * A new plant on one of the firm's sites (buildPlant with a greenfield template), when its book over
 * the rest of the game outruns what its lines can make (at the shifts the scenario allows) by enough
 * units to earn back the build at the contracts' prices within the game; sized to the units left
 * unmade over the months the new line would run, no larger than `greenfieldMaxShare` of the gap at
 * once. At most one plant a month.
 */
export function greenfieldOrders(
  s: Scenario,
  g: GameState,
  team: string,
  cash: number,
): { orders: Order[]; cost: number } {
  const ix = indexOf(s);
  const left = monthsLeft(s, g);
  const shiftMax = s.rules.shifts ? 1 + (s.rules.shifts.max - 1) * s.rules.shifts.outputPerShift : 1;
  const products = new Set(
    g.contracts.filter((c) => c.seller === team && c.status === 'active').map((c) => c.terms.product),
  );
  let best: { order: Order; cost: number; worth: number } | undefined;
  for (const site of s.sites) {
    if (site.owner !== team || g.plants[site.id]) continue;
    for (const productId of products) {
      const product = ix.products.get(productId);
      if (!product) continue;
      for (const tpl of templatesFor(s, 'capacity', {
        kind: 'greenfield',
        plantType: site.type,
        product: productId,
      })) {
        const ready = siteLead(site, tpl.leadMonths) + tpl.qualificationMonths + 1;
        const running = left - ready;
        if (running < COMPETENT.greenfieldMinMonths) continue;
        // Units the book asks for over the rest of the game beyond what the lines can make meanwhile.
        const unmade =
          backlogUnits(g, team, productId) - oneShiftCapacity(g, team, productId) * shiftMax * left;
        if (unmade <= 0) continue;
        // No larger than the book's monthly gap at every shift, nor than the units it could make.
        const gapRate = bookRate(g, team, productId) - oneShiftCapacity(g, team, productId) * shiftMax;
        const add = Math.ceil(
          Math.min(gapRate, (unmade * COMPETENT.greenfieldMaxShare) / (running * rampShare(tpl, running))),
        );
        if (add < 1) continue;
        const cost = siteCost(s, site) + tpl.fixedCost + tpl.costPerMonthlyUnit * add;
        const price = unitPriceOf(g, team, productId);
        const made = Math.min(unmade, add * running * rampShare(tpl, running));
        const worth = made * price - cost;
        if (worth <= 0 || cost > cash) continue;
        if (!best || worth > best.worth)
          best = {
            order: {
              type: 'buildPlant',
              site: site.id,
              template: tpl.id,
              product: productId,
              addNameplate: add,
            },
            cost,
            worth,
          };
      }
    }
  }
  return best ? { orders: [best.order], cost: best.cost } : { orders: [], cost: 0 };
}

/** Mean share of nameplate a line of this template makes over its first `months` months in service. */
function rampShare(tpl: Template, months: number): number {
  let total = 0;
  for (let k = 0; k < months; k++) total += rampShareAt(tpl, k);
  return months > 0 ? total / months : 0;
}

/** The mean € per unit of the team's active sale contracts of `product`. */
function unitPriceOf(g: GameState, team: string, product: string): number {
  let units = 0;
  let eur = 0;
  for (const c of g.contracts)
    if (c.seller === team && c.status === 'active' && c.terms.product === product) {
      const left = c.terms.qty - c.delivered;
      units += left;
      eur += left * c.terms.unitPrice;
    }
  return units > 0 ? eur / units : 0;
}
