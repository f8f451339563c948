import type { NewsMessage } from '../narration/render.ts';
import type { Product, Scenario, Template } from '../schema/scenario.ts';
import type { Dice } from '../util/rng.ts';
import { backlogUnits } from './contracts.ts';
import { crewNeeded } from './crew.ts';
import { productionMultiplier } from './effects.ts';
import { bump, canPay, pay, say, takeStock, WORLD } from './finance.ts';
import { shareInputs } from './inputs.ts';
import { rateFactor } from './learning.ts';
import { indexOf } from './lookup.ts';
import { rampShareAt, rampSteps } from './ramp.ts';
import { proRata } from './share.ts';
import { countOvertime, shiftFactor, shiftPremium } from './shifts.ts';
import { openPlants } from './sites.ts';
import type { CapacityTranche, GameState, LineRuntime, NewsEvent, PlantRuntime } from './state.ts';

/**
 * Cost in € of units `from + 1 … from + qty` on a learning curve c_N = c1 · N^(log2 LR), using the
 * integral of the curve (exact enough for batches and O(1) whatever the batch).
 */
export function batchCost(firstUnitCost: number, learningRate: number, from: number, qty: number): number {
  if (qty <= 0) return 0;
  const b = Math.log2(learningRate);
  if (b === 0) return firstUnitCost * qty;
  const e = b + 1;
  return (firstUnitCost * ((from + qty + 0.5) ** e - (from + 0.5) ** e)) / e;
}

/** € of the next unit on the curve after `cum` units. */
export const unitCost = (p: Product, cum: number) =>
  p.firstUnitCost * Math.max(1, cum + 1) ** Math.log2(p.learningRate);

const PRODUCING = new Set(['ramp', 'rate', 'starved']);

/** Advance timed line states by one month: retooling → qualifying → ramp, damage, reverting, expansions. */
export function advanceLines(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  const ix = indexOf(s);
  openPlants(g, news);
  for (const plant of Object.values(g.plants)) {
    const team = ix.teams.get(plant.owner);
    for (const t of plant.trainees) if (t.readyMonth <= g.month) plant.skilled += t.count;
    plant.trainees = plant.trainees.filter((t) => t.readyMonth > g.month);
    for (const line of plant.lines) {
      for (const x of line.expansions) advanceTranche(s, g, plant, line, x, news);
      if (line.since >= g.month) continue;
      advanceLine(s, g, plant, line, dice, news, team?.incumbent ?? false);
    }
  }
}

/** Build → qualify → in service: a tranche's crew joins the line's crew when it enters service. */
function advanceTranche(
  s: Scenario,
  g: GameState,
  plant: PlantRuntime,
  line: LineRuntime,
  x: CapacityTranche,
  news: NewsEvent[],
): void {
  if (x.stage === 'ramp' || x.since >= g.month) return;
  x.monthsLeft -= 1;
  if (x.monthsLeft > 0) return;
  const tpl = indexOf(s).templates.get(x.template);
  const q = tpl?.qualificationMonths ?? 0;
  if (x.stage === 'building' && q > 0) {
    x.stage = 'qualifying';
    x.monthsLeft = q;
    say(
      news,
      g.month,
      'capex',
      { key: 'capex.built', plant: plant.id, line: line.id, add: x.add, months: q },
      [plant.owner],
    );
    return;
  }
  x.stage = 'ramp';
  x.rampStep = 0;
  line.crew += x.crew;
  say(
    news,
    g.month,
    'capex',
    { key: 'capex.inService', plant: plant.id, line: line.id, add: x.add, crew: Math.ceil(x.crew) },
    [plant.owner],
  );
}

function advanceLine(
  s: Scenario,
  g: GameState,
  plant: PlantRuntime,
  line: LineRuntime,
  dice: Dice,
  news: NewsEvent[],
  incumbent: boolean,
): void {
  const ix = indexOf(s);
  const to = [plant.owner];
  if (!['retooling', 'qualifying', 'damaged', 'reverting', 'idle'].includes(line.state)) return;
  if (line.state === 'idle' && line.resumeState === null) return;
  line.monthsLeft -= 1;
  if (line.monthsLeft > 0) return;
  const tpl = line.template ? ix.templates.get(line.template) : undefined;
  const product = line.target ? ix.products.get(line.target) : undefined;
  switch (line.state) {
    case 'retooling': {
      const productMonths = tpl?.partnerDesign ? 0 : (product?.qualification?.months ?? 0);
      const q = Math.max(tpl?.qualificationMonths ?? 0, productMonths);
      if (q > 0) {
        line.state = 'qualifying';
        line.monthsLeft = q;
        say(news, g.month, 'line', { key: 'line.retooled', plant: plant.id, line: line.id, months: q }, to);
        return;
      }
      startRamp(line);
      say(
        news,
        g.month,
        'line',
        { key: 'line.ramping', plant: plant.id, line: line.id, item: product?.id ?? '' },
        to,
      );
      return;
    }
    case 'qualifying': {
      const qual = tpl?.partnerDesign ? undefined : product?.qualification;
      const by = s.meta.names.acceptance;
      const p = qual ? (incumbent ? qual.passIncumbent : qual.passNewEntrant) : 1;
      if (dice.chance(p)) {
        startRamp(line);
        say(
          news,
          g.month,
          'qualification',
          { key: 'qualification.passed', item: product?.id ?? '', plant: plant.id, by },
          to,
        );
      } else {
        line.monthsLeft = Math.max(1, qual?.failDelayMonths ?? 1);
        say(
          news,
          g.month,
          'qualification',
          {
            key: 'qualification.failed',
            item: product?.id ?? '',
            plant: plant.id,
            by,
            months: line.monthsLeft,
          },
          to,
        );
      }
      return;
    }
    case 'damaged':
    case 'idle': {
      line.state = line.resumeState ?? 'idle';
      line.resumeState = null;
      say(news, g.month, 'line', { key: 'line.restored', plant: plant.id, line: line.id }, to);
      return;
    }
    case 'reverting': {
      line.state = 'civil';
      line.template = null;
      say(news, g.month, 'line', { key: 'line.civil', plant: plant.id, line: line.id }, to);
      return;
    }
  }
}

function startRamp(line: LineRuntime): void {
  line.state = 'ramp';
  line.product = line.target;
  line.target = null;
  line.rampStep = 0;
  line.monthsLeft = 0;
}

/** Share of nameplate a line can run at this month, from its ramp curve. */
function rampShare(s: Scenario, line: LineRuntime): number {
  if (line.state === 'rate' || !line.template) return 1;
  const tpl = indexOf(s).templates.get(line.template);
  return tpl ? rampShareAt(tpl, line.rampStep) : 1;
}

/** Units per month the line's tranches in service add this month, each along its own ramp. */
function trancheCapacity(s: Scenario, line: LineRuntime): number {
  let add = 0;
  for (const x of line.expansions) {
    if (x.stage !== 'ramp') continue;
    const tpl = indexOf(s).templates.get(x.template);
    add += x.add * (tpl ? rampShareAt(tpl, x.rampStep) : 1);
  }
  return add;
}

/** After a month in which the line produced: tranches step along their ramps; finished ones join nameplate. */
function stepTranches(s: Scenario, g: GameState, plant: PlantRuntime, line: LineRuntime, news: NewsEvent[]) {
  let done = false;
  for (const x of line.expansions) {
    if (x.stage !== 'ramp') continue;
    x.rampStep += 1;
    const tpl = indexOf(s).templates.get(x.template);
    if (x.rampStep < (tpl ? rampSteps(tpl).length : 0)) continue;
    line.nameplate += x.add;
    done = true;
  }
  if (!done) return;
  line.expansions = line.expansions.filter((x) => {
    const tpl = indexOf(s).templates.get(x.template);
    return x.stage !== 'ramp' || x.rampStep < (tpl ? rampSteps(tpl).length : 0);
  });
  say(
    news,
    g.month,
    'capex',
    { key: 'capex.full', plant: plant.id, line: line.id, nameplate: line.nameplate },
    [plant.owner],
  );
}

/** A line able to produce this month, with what it could make before its inputs are shared. */
interface Run {
  plant: PlantRuntime;
  line: LineRuntime;
  product: Product;
  capacity: number;
  staffing: number;
  staffed: number;
  /** Units of the line's capacity its owner's orders and stock target call for (see `callForOutput`). */
  ordered: number;
}

/** Units a run may make before its inputs are shared: capacity, crew and, producing to orders, its call. */
const wanted = (r: Run) =>
  Math.min(r.capacity, r.staffed, r.line.outputMode === 'toOrders' ? r.ordered : Infinity);

/**
 * Produce for one month. Output per line = the least of nameplate × ramp × learning rate gain × yield
 * × inject multiplier, for a line producing to orders its call on the demand (`callForOutput`), its
 * share of the owner's inputs (components and intermediate products held at the start of production,
 * shared by `shareInputs`: line priority first, then pro rata), the plant's skilled workforce (shared
 * across its lines by crew) and the cash to pay the learning-curve unit cost. Sets each team's idle
 * capacity and stranded capex. Returns units made per product.
 */
export function produce(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): Record<string, number> {
  const runs = productionRuns(s, g, dice);
  callForOutput(g, runs);
  strandedCapacity(g, runs);
  const granted = new Map<Run, number>();
  for (const team of Object.keys(g.teams)) {
    const mine = runs.filter((r) => r.plant.owner === team);
    if (!mine.length) continue;
    const claims = mine.map((r) => ({
      priority: r.line.priority,
      want: wanted(r),
      bom: r.product.bom,
    }));
    const shares = shareInputs(claims, g.teams[team]!.stock);
    mine.forEach((r, i) => granted.set(r, shares[i]!));
  }
  const output: Record<string, number> = {};
  for (const run of runs) makeUnits(s, g, run, granted.get(run) ?? 0, output, news);
  return output;
}

/**
 * The demand on each team's lines of each product: D = max(0, open contract backlog as seller
 * (undelivered units of active contracts) + the stock targets of its lines making the product − its
 * stock of the product at the start of production). D is shared among those lines pro rata to their
 * capacity (whole units, largest remainder): a line's `ordered`. A `toOrders` line makes at most that.
 */
function callForOutput(g: GameState, runs: Run[]): void {
  const groups = new Map<string, Run[]>();
  for (const r of runs) {
    const k = `${r.plant.owner}\u0000${r.product.id}`;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  for (const group of groups.values()) {
    const { plant, product } = group[0]!;
    const targets = group.reduce((n, r) => n + r.line.stockTarget, 0);
    const stock = g.teams[plant.owner]!.stock[product.id] ?? 0;
    const d = Math.max(0, backlogUnits(g, plant.owner, product.id) + targets - stock);
    const shares = proRata(
      d,
      group.map((r) => ({ key: `${r.plant.id}/${r.line.id}`, qty: r.capacity })),
    );
    group.forEach((r, i) => (r.ordered = shares[i]!));
  }
}

/**
 * Each team's idle capacity this month (units/month of capacity beyond its lines' call, whatever their
 * mode) and the capex tied in it: Σ line capex × idle ÷ capacity, over the lines that could produce.
 */
function strandedCapacity(g: GameState, runs: readonly Run[]): void {
  for (const t of Object.values(g.teams)) {
    t.idleCapacity = 0;
    t.strandedCapex = 0;
  }
  for (const r of runs) {
    const idle = Math.max(0, r.capacity - r.ordered);
    if (idle <= 0) continue;
    const t = g.teams[r.plant.owner]!;
    t.idleCapacity += idle;
    t.strandedCapex += Math.round((r.line.capex * idle) / r.capacity);
  }
}

/** Every line able to produce, in plant and line order; ramping lines draw their yield here. */
function productionRuns(s: Scenario, g: GameState, dice: Dice): Run[] {
  const ix = indexOf(s);
  const runs: Run[] = [];
  for (const plant of Object.values(g.plants)) {
    const staffing = plantStaffing(s, plant);
    for (const line of plant.lines) {
      line.lastOutput = 0;
      line.limitedBy = null;
      if (!PRODUCING.has(line.state) || !line.product) continue;
      const product = ix.products.get(line.product);
      if (!product) continue;
      const isRamp =
        line.state === 'ramp' || (line.state === 'starved' && line.rampStep < rampLength(s, line));
      const y = isRamp
        ? dice.triangular(
            s.rules.yieldTriangular.min,
            s.rules.yieldTriangular.mode,
            s.rules.yieldTriangular.max,
          )
        : line.yield;
      const learned = rateFactor(product, line.cumUnits);
      const full =
        (line.nameplate * rampShare(s, line) + trancheCapacity(s, line)) * shiftFactor(s, line) * learned;
      // The epsilon keeps 3,000 × 1.15 at 3,450 units, not 3,449.
      const capacity = Math.floor(full * y * productionMultiplier(g, product) + 1e-9);
      const staffed = Math.floor(full * staffing * y + 1e-9);
      runs.push({ plant, line, product, capacity, staffing, staffed, ordered: capacity });
    }
  }
  return runs;
}

/** Make a line's units within its limits, pay for them, and move its state (starved, ramp, rate). */
function makeUnits(
  s: Scenario,
  g: GameState,
  run: Run,
  inputUnits: number,
  output: Record<string, number>,
  news: NewsEvent[],
): void {
  const ix = indexOf(s);
  const { plant, line, product, capacity, staffing, staffed, ordered } = run;
  const owner = g.teams[plant.owner]!;
  // `why` is how the news tells a limit that starves the line (inputs or people). A line producing to
  // orders is limited by them before its inputs: what it did not ask for does not starve it.
  const limits: { by: string; units: number; why?: NewsMessage }[] = [{ by: 'capacity', units: capacity }];
  if (line.outputMode === 'toOrders') limits.push({ by: 'orders', units: ordered });
  if (product.bom.length && inputUnits < Math.min(capacity, staffed)) {
    // Name the scarcest input: the one of which the owner holds least against what the line needs.
    const scarcest = [...product.bom].sort(
      (a, b) => (owner.stock[a.item] ?? 0) / a.qty - (owner.stock[b.item] ?? 0) / b.qty,
    )[0]!;
    const name =
      ix.components.get(scarcest.item)?.name ?? ix.products.get(scarcest.item)?.name ?? scarcest.item;
    const have = Math.floor(inputUnits * scarcest.qty);
    const need = Math.ceil(capacity * scarcest.qty);
    limits.push({
      by: `${name} ${have} of ${need}`,
      units: inputUnits,
      why: { key: 'line.starvedInput', item: scarcest.item, have, need },
    });
  }
  if (staffing < 1)
    limits.push({
      by: `workforce ${Math.round(staffing * 100)}%`,
      units: staffed,
      why: { key: 'line.starvedWorkforce', staffingPct: Math.round(staffing * 100) / 100 },
    });
  const affordable = affordableUnits(product, line.cumUnits, owner.money, capacity);
  limits.push({ by: 'cash', units: affordable });
  const binding = limits.reduce((a, b) => (b.units < a.units ? b : a));
  const out = Math.max(0, binding.units);
  if (out < capacity) line.limitedBy = binding.by;
  if (out > 0) {
    for (const b of product.bom) {
      takeStock(owner.stock, b.item, out * b.qty);
      bump(g.ledger.consumed, b.item, out * b.qty);
    }
    const cost = batchCost(product.firstUnitCost, product.learningRate, line.cumUnits, out);
    if (canPay(g, plant.owner, cost)) pay(g, plant.owner, WORLD, cost, 'production');
    line.cumUnits += out;
    line.lastOutput = out;
    bump(owner.stock, product.id, out);
    bump(g.ledger.produced, product.id, out);
    bump(output, product.id, out);
  }
  const starved = binding.why !== undefined && out < capacity * 0.5;
  if (starved) {
    line.state = 'starved';
    say(news, g.month, 'starved', { plant: plant.id, line: line.id, ...binding.why! }, [plant.owner]);
  } else if (line.state === 'starved') {
    line.state = line.rampStep >= rampLength(s, line) ? 'rate' : 'ramp';
  }
  if (out > 0 && line.expansions.length) stepTranches(s, g, plant, line, news);
  countOvertime(s, g, plant, line, news);
  if (line.state === 'ramp' && out > 0) {
    line.rampStep += 1;
    if (line.rampStep >= rampLength(s, line)) {
      line.state = 'rate';
      say(
        news,
        g.month,
        'line',
        { key: 'line.fullRate', plant: plant.id, line: line.id, nameplate: line.nameplate, item: product.id },
        [plant.owner],
      );
    }
  }
}

function rampLength(s: Scenario, line: LineRuntime): number {
  const tpl = line.template ? indexOf(s).templates.get(line.template) : undefined;
  return tpl ? rampSteps(tpl).length : 0;
}

/** How many of `wanted` units the owner can pay for at the current point of the learning curve. */
function affordableUnits(p: Product, cum: number, money: number, wanted: number): number {
  if (wanted <= 0) return 0;
  if (batchCost(p.firstUnitCost, p.learningRate, cum, wanted) <= money) return wanted;
  let lo = 0;
  let hi = wanted;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (batchCost(p.firstUnitCost, p.learningRate, cum, mid) <= money) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Share of the crews its working lines need (one per shift, see `crewNeeded`: crews rise with a ramp
 * and fall with learning where the scenario says so) that a plant's skilled workforce covers, at most
 * 1: the lines share the shortfall alike.
 */
function plantStaffing(s: Scenario, plant: PlantRuntime): number {
  let need = 0;
  for (const l of plant.lines) if (l.state === 'civil' || PRODUCING.has(l.state)) need += crewNeeded(s, l);
  return need > 0 ? Math.min(1, plant.skilled / need) : 1;
}

/**
 * Civil lines earn their revenue (scaled by staffing); every plant pays its skilled workforce, and
 * the premiums of its producing lines' extra shifts and overtime.
 */
export function plantFinance(s: Scenario, g: GameState, news: NewsEvent[]): void {
  for (const plant of Object.values(g.plants)) {
    const staffing = plantStaffing(s, plant);
    let premiums = 0;
    for (const l of plant.lines) {
      if (l.state === 'civil') pay(g, WORLD, plant.owner, l.civilRevenue * staffing, 'civil');
      else if (PRODUCING.has(l.state)) premiums += shiftPremium(s, l, staffing);
    }
    const wages = plant.skilled * s.rules.workforce.wagePerMonth + premiums;
    const owner = g.teams[plant.owner]!;
    pay(g, plant.owner, WORLD, Math.min(wages, owner.money), 'wages');
    turnover(s, g, plant, news);
  }
}

/** At the end of the month `rules.workforce.turnoverPerMonth` of the skilled leave (whole people). */
function turnover(s: Scenario, g: GameState, plant: PlantRuntime, news: NewsEvent[]): void {
  const left = Math.floor(plant.skilled * s.rules.workforce.turnoverPerMonth + 1e-9);
  if (left <= 0) return;
  plant.skilled -= left;
  say(news, g.month, 'workforce', { key: 'plant.turnover', plant: plant.id, left }, [plant.owner]);
}

/**
 * Start a tranche of capacity on `line` for an expansion ordered in `month`: built in `lead` months
 * (with any lead-time shock), then qualified and ramped by its template. Its crew is added when it
 * enters service.
 */
export function startExpansion(
  line: LineRuntime,
  tpl: Template,
  add: number,
  month: number,
  lead: number,
): void {
  line.expansions.push({
    add,
    crew: tpl.crewPerMonthlyUnit * add,
    template: tpl.id,
    stage: 'building',
    monthsLeft: Math.max(1, lead),
    rampStep: 0,
    since: month,
  });
}
