import type { Command, ContractTerms, Order } from '../schema/commands.ts';
import type { Product, Scenario } from '../schema/scenario.ts';
import type { ExerciseState } from '../machine/types.ts';
import { applyContractCommand, backlogUnits } from './contracts.ts';
import { supplyModifiers } from './effects.ts';
import { indexOf } from './lookup.ts';
import { validateOrders } from './orders.ts';
import { unitCost } from './production.ts';
import type { GameState } from './state.ts';

/**
 * Computer players: one simple, sensible policy per team kind, so that any seat can be played by the
 * server. The policies read only the state, so they are as deterministic as the engine. The fractions
 * below are behaviour (how cautious a bot is), not scenario figures.
 */
const POLICY = {
  /** Share of its cash a government or alliance passes on each month. */
  passOnShare: 0.5,
  /** Months of front demand procurement tries to keep contracted ahead. */
  coverMonths: 4,
  /** Contract length for ordinary and multi-year contracts, months. */
  contractMonths: 6,
  multiYearMonths: 24,
  advancePct: 10,
  /** Lowest price, as a share of estimated cost, an industry bot accepts. */
  acceptMargin: 0.95,
  /** Smallest gap worth a new contract, as a share of the monthly need. */
  minOfferShare: 0.1,
  /** Months of inputs an industry bot keeps ordered beyond the longest lead time. */
  inputCoverMonths: 1,
  /** Procurement subsidises capex once it holds more than this many months of its income. */
  subsidyAboveMonths: 6,
  /** Share of cash Red spends on surges after other actions. */
  surgeShare: 0.3,
  /** Keep this share of cash in reserve for wages and production. */
  reserveShare: 0.2,
} as const;

const PRODUCING = new Set(['ramp', 'rate', 'starved', 'retooling', 'qualifying']);

/** Commands the computer player for `team` would send now (possibly none). */
export function botCommands(s: Scenario, state: ExerciseState, team: string): Command[] {
  if (state.phase !== 'planning') return [];
  const spec = indexOf(s).teams.get(team);
  if (!spec) return [];
  const commands: Command[] = [];
  let g = state.context.game;
  const run = (c: Command) => {
    if (
      c.type === 'submitOrders' ||
      c.type === 'message' ||
      c.type === 'note' ||
      !('contract' in c || c.type === 'offerContract')
    )
      return;
    const r = applyContractCommand(s, g, team, c as never);
    if ('g' in r) {
      g = r.g;
      commands.push(c);
    }
  };
  for (const c of answerOffers(s, g, team)) run(c);
  for (const c of makeOffers(s, g, team)) run(c);
  if (!state.context.submitted.includes(team)) {
    const wanted = ordersFor(s, g, team);
    const orders: Order[] = [];
    for (const o of wanted) if (!validateOrders(s, g, team, [...orders, o])) orders.push(o);
    commands.push({ type: 'submitOrders', orders });
  }
  return commands;
}

/** Estimated € per unit: the learning-curve cost on the most experienced line plus inputs. */
function estimatedCost(s: Scenario, g: GameState, product: Product, team: string): number {
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
 * What a seller could make of a product: monthly capacity on lines making it (or, failing that, on the
 * largest line it could convert) and the months before the first units.
 */
function supplyOutlook(
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
    const tpl = conversionTemplate(s, p.type);
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
function rankSellers(s: Scenario, g: GameState, candidates: readonly string[], product: string) {
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

function makes(g: GameState, team: string, product: string): boolean {
  return Object.values(g.plants).some(
    (p) => p.owner === team && p.lines.some((l) => l.product === product || l.target === product),
  );
}

function conversionTemplate(s: Scenario, plantType: string) {
  return s.templates
    .filter((t) => t.kind === 'conversion' && (t.plantTypes.length === 0 || t.plantTypes.includes(plantType)))
    .sort((a, b) => a.leadMonths + a.qualificationMonths - (b.leadMonths + b.qualificationMonths))[0];
}

function answerOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  for (const c of g.contracts) {
    if (c.status !== 'offered' || c.awaiting !== team) continue;
    const product = ix.products.get(c.terms.product);
    if (!product) continue;
    if (c.seller === team) {
      const fair = c.terms.unitPrice >= POLICY.acceptMargin * estimatedCost(s, g, product, team);
      const outlook = supplyOutlook(s, g, team, product.id);
      const deliverable = outlook.perMonth * c.terms.months >= c.terms.qty / 2;
      const ok = outlook.perMonth > 0 && (c.terms.rating !== 'none' || (fair && deliverable));
      out.push({ type: ok ? 'acceptContract' : 'rejectContract', contract: c.id });
    } else {
      const affordable =
        (g.teams[team]?.money ?? 0) >= (c.terms.qty * c.terms.unitPrice * c.terms.advancePct) / 100;
      out.push({
        type:
          affordable && c.terms.unitPrice <= product.marketPrice * 1.2 ? 'acceptContract' : 'rejectContract',
        contract: c.id,
      });
    }
  }
  return out;
}

/** Units of `product` already held or coming to Blue buyers and fronts. */
function pipeline(g: GameState, product: string, buyers: readonly string[]): number {
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

function terms(g: GameState, product: Product, qty: number, discount: number): ContractTerms {
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

function makeOffers(s: Scenario, g: GameState, team: string): Command[] {
  const ix = indexOf(s);
  const kind = ix.teams.get(team)!.kind;
  const out: Command[] = [];
  const industry = s.teams.filter((t) => t.kind === 'industry').map((t) => t.id);
  if (kind === 'procurement') {
    const buyers = s.teams
      .filter((t) => ['procurement', 'military', 'government'].includes(t.kind))
      .map((t) => t.id);
    let budget = (g.teams[team]?.money ?? 0) * (1 - POLICY.reserveShare);
    for (const front of s.fronts) {
      for (const d of front.demand) {
        const product = ix.products.get(d.product)!;
        const gap = Math.ceil(
          d.perMonth * front.intensity * POLICY.coverMonths - pipeline(g, product.id, buyers),
        );
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
  }
  if (kind === 'industry') {
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
  }
  return out;
}

function ordersFor(s: Scenario, g: GameState, team: string): Order[] {
  const kind = indexOf(s).teams.get(team)!.kind;
  switch (kind) {
    case 'government':
    case 'alliance':
      return budgetOrders(s, g, team, kind);
    case 'procurement':
      return handOver(s, g, team);
    case 'industry':
      return industryOrders(s, g, team);
    case 'military':
      return allocations(s, g, team);
    case 'adversary':
      return redOrders(s, g, team);
  }
}

function budgetOrders(s: Scenario, g: GameState, team: string, kind: 'government' | 'alliance'): Order[] {
  const money = g.teams[team]?.money ?? 0;
  const to = s.teams.find((t) => t.kind === (kind === 'alliance' ? 'government' : 'procurement'));
  const orders: Order[] = [];
  if (to && money > 0)
    orders.push({
      type: 'budget',
      to: to.id,
      amount: Math.floor(money * POLICY.passOnShare),
      purpose: 'appropriation',
    });
  if (kind === 'government' && g.levers.exportControls)
    for (const c of Object.keys(g.outbids))
      if ((g.exportControls[c] ?? 0) <= g.month) orders.push({ type: 'exportControl', component: c });
  return orders;
}

function handOver(s: Scenario, g: GameState, team: string): Order[] {
  return [...transfers(s, g, team), ...capexSubsidies(s, g, team)];
}

/**
 * With money to spare, fund half the cost of expanding lines that make what the fronts still lack
 * (DOMAIN §5: firms invest with a long order book or a ≥ 50 % capex subsidy).
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
    const tpl = s.templates.find(
      (t) => t.kind === 'expansion' && (t.plantTypes.length === 0 || t.plantTypes.includes(plant.type)),
    );
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

function allocations(s: Scenario, g: GameState, team: string): Order[] {
  const stock = g.teams[team]?.stock ?? {};
  const orders: Order[] = [];
  for (const [product, have] of Object.entries(stock)) {
    const fronts = s.fronts.filter((f) => f.demand.some((d) => d.product === product));
    const total = fronts.reduce(
      (n, f) => n + (f.demand.find((d) => d.product === product)?.perMonth ?? 0),
      0,
    );
    let left = Math.floor(have);
    fronts.forEach((f, i) => {
      const share = (f.demand.find((d) => d.product === product)?.perMonth ?? 0) / Math.max(1, total);
      const qty = i === fronts.length - 1 ? left : Math.floor(have * share);
      left -= qty;
      if (qty >= 1) orders.push({ type: 'allocate', front: f.id, product, qty });
    });
  }
  return orders;
}

function industryOrders(s: Scenario, g: GameState, team: string): Order[] {
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
          const cap = Math.floor(src.monthlyCap * mods.cap) - (g.sourceUsed[`${comp.id}/${src.id}`] ?? 0);
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
    const tpl = conversionTemplate(s, plant.type);
    const civil = plant.lines.find(
      (l) => l.state === 'civil' || (l.state === 'idle' && l.resumeState === null),
    );
    if (tpl && civil) {
      const wanted = g.contracts.find(
        (c) =>
          c.seller === team &&
          c.status === 'active' &&
          backlogUnits(g, team, c.terms.product) >
            capacityFor(g, team, c.terms.product) * POLICY.contractMonths,
      );
      const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * civil.nameplate;
      if (wanted && cost <= cash) {
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
    // Expand a line at rate only with a long order book or a subsidy (DOMAIN §5 demand-signal rule).
    const expansion = s.templates.find(
      (t) => t.kind === 'expansion' && (t.plantTypes.length === 0 || t.plantTypes.includes(plant.type)),
    );
    const atRate = plant.lines.find((l) => l.state === 'rate' && l.product && l.expansions.length === 0);
    if (expansion && atRate?.product) {
      const add = Math.max(1, Math.round(atRate.nameplate / 2));
      const cost = expansion.fixedCost + expansion.costPerMonthlyUnit * add;
      const backlogMonths =
        backlogUnits(g, team, atRate.product) / Math.max(1, capacityFor(g, team, atRate.product));
      const subsidised = me.capexSubsidy >= cost * s.rules.capexSubsidyShare;
      if ((backlogMonths >= s.rules.capexBacklogMonths || subsidised) && cost <= cash) {
        orders.push({
          type: 'invest',
          plant: plant.id,
          line: atRate.id,
          template: expansion.id,
          product: atRate.product,
          addNameplate: add,
        });
        cash -= cost;
      }
    }
  }
  return orders;
}

function capacityFor(g: GameState, team: string, product: string): number {
  let n = 0;
  for (const p of Object.values(g.plants))
    if (p.owner === team)
      for (const l of p.lines) if (l.product === product || l.target === product) n += l.nameplate;
  return n;
}

function redOrders(s: Scenario, g: GameState, team: string): Order[] {
  const orders: Order[] = [];
  let cash = g.teams[team]?.money ?? 0;
  const r = s.rules;
  const target = Object.values(g.plants)
    .filter((p) => indexOf(s).teams.get(p.owner)?.kind !== 'adversary')
    .map((p) => ({ p, out: p.lines.reduce((n, l) => n + l.lastOutput, 0) }))
    .sort((a, b) => b.out - a.out)[0];
  if (target && target.out > 0 && cash >= r.strike.cost) {
    orders.push({ type: 'strike', plant: target.p.id });
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
  const main = s.fronts[0];
  const surge = Math.floor(cash * POLICY.surgeShare);
  if (main && surge > 0) orders.push({ type: 'surge', front: main.id, amount: surge });
  return orders;
}
