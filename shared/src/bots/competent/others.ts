import type { Order } from '../../schema/commands.ts';
import type { Inject, Scenario } from '../../schema/scenario.ts';
import { concessionsFor } from '../../engine/injects.ts';
import { indexOf } from '../../engine/lookup.ts';
import { metricValue } from '../../engine/metrics.ts';
import type { GameState } from '../../engine/state.ts';
import { adversaryOrders } from '../adversary.ts';
import { COMPETENT } from '../policy.ts';

/**
 * A competent government or alliance puts its money where it binds: both pass most of their cash
 * straight to the procurement agency (the alliance no longer routes it through the government),
 * and the government puts every component Red outbids under export control once it may. Either
 * spends political capital (and money, where a concession asks for it) on the concessions the
 * scenario offers it (`concessionOrders`), and saves their price just in time rather than passing it
 * on (`concessionReserve`).
 */
export function competentBudgetOrders(s: Scenario, g: GameState, team: string): Order[] {
  const kind = indexOf(s).teams.get(team)!.kind;
  const to = s.teams.find((t) => t.kind === 'procurement');
  const plan = planConcessions(s, g, team);
  const orders: Order[] = [...plan.orders];
  const amount = Math.floor(
    Math.max(0, plan.money - concessionReserve(s, g, team, plan)) * COMPETENT.passOnShare,
  );
  if (to && amount > 0) orders.push({ type: 'budget', to: to.id, amount, purpose: 'appropriation' });
  if (kind === 'government' && g.levers.exportControls)
    for (const c of Object.keys(g.outbids))
      if ((g.exportControls[c] ?? 0) <= g.month) orders.push({ type: 'exportControl', component: c });
  return orders;
}

/**
 * Concessions a competent team makes: it averts an inject the scenario lets it avert once the inject
 * threatens (`threatens`), first come first served, as long as it keeps the political capital its
 * own objectives ask it to hold (a government that must keep 40 and holds 60 can buy one concession
 * of 20, not two).
 */
export function concessionOrders(s: Scenario, g: GameState, team: string): Order[] {
  return planConcessions(s, g, team).orders;
}

/** This month's concessions, and the free political capital and the money left after them. */
function planConcessions(s: Scenario, g: GameState, team: string) {
  let capital = (g.teams[team]?.politicalCapital ?? 0) - capitalToKeep(s, team);
  let money = g.teams[team]?.money ?? 0;
  const orders: Order[] = [];
  for (const { inj, c } of openConcessions(s, g, team)) {
    if (c.politicalCapital > capital || (c.money ?? 0) > money || !threatens(s, g, inj)) continue;
    orders.push({ type: 'concede', inject: inj.id });
    capital -= c.politicalCapital;
    money -= c.money ?? 0;
  }
  return { orders, capital, money };
}

/** The concessions the scenario offers this team on injects that have neither started nor been averted. */
const openConcessions = (s: Scenario, g: GameState, team: string) =>
  concessionsFor(s, team).flatMap((inj) => (settled(g, inj.id) ? [] : [{ inj, c: inj.concession! }]));

/**
 * The money a team keeps back for the concessions still ahead, saved just in time. It will buy them
 * first come first served, so it walks them in the order they will threaten (`monthsUntilThreat`),
 * taking each its free political capital still covers, and keeps the most that any of them needs by
 * its month: the prices up to it, less the appropriations that come in before then. Money passed on
 * early is what the procurement agency signs its contracts with.
 */
function concessionReserve(
  s: Scenario,
  g: GameState,
  team: string,
  plan: { orders: Order[]; capital: number },
): number {
  const income = indexOf(s).teams.get(team)?.appropriation ?? 0;
  const now = new Set(plan.orders.map((o) => (o.type === 'concede' ? o.inject : '')));
  const ahead = openConcessions(s, g, team)
    .filter(({ inj }) => !now.has(inj.id))
    .map(({ inj, c }) => ({ c, months: monthsUntilThreat(g, inj) ?? Infinity }))
    .filter((x) => x.months < Infinity)
    .sort((a, b) => a.months - b.months);
  let capital = plan.capital;
  let price = 0;
  let reserve = 0;
  for (const { c, months } of ahead) {
    if (c.politicalCapital > capital) continue;
    capital -= c.politicalCapital;
    price += c.money ?? 0;
    reserve = Math.max(reserve, price - income * months);
  }
  return reserve;
}

/**
 * Months until an inject could threaten (`threatens`): until its month or the opening of its window,
 * less the months a concession comes ahead; 0 once that month has come; none for the White Cell's
 * injects, which a bot never sees coming.
 */
function monthsUntilThreat(g: GameState, inj: Inject): number | undefined {
  const t = inj.trigger;
  if (t.type === 'facilitator') return undefined;
  const from = t.type === 'month' ? t.month : t.fromMonth;
  return Math.max(0, from - COMPETENT.concedeMonthsAhead - g.month);
}

const settled = (g: GameState, inject: string) =>
  g.firedInjects.includes(inject) || (g.suppressedInjects?.includes(inject) ?? false);

/** The political capital a team's objectives ask it to keep (the highest floor they set on it). */
function capitalToKeep(s: Scenario, team: string): number {
  let keep = 0;
  for (const o of indexOf(s).teams.get(team)?.objectives ?? [])
    if (o.metric.kind === 'politicalCapital' && o.metric.team === team && o.op.startsWith('>'))
      keep = Math.max(keep, o.target);
  return keep;
}

/**
 * Whether an inject could start next month, so that a concession now (it applies from next month)
 * is not spent on what may never come: a scheduled or recurring inject a month or two before its
 * month, a chance inject once its window opens, a conditional one once its metric has gone a tenth
 * of the way to its trigger value (the first Chorus airframes of a stoppage over 300 a month). The
 * White Cell's own injects are its call, never a bot's.
 */
function threatens(s: Scenario, g: GameState, inj: Inject): boolean {
  if (monthsUntilThreat(g, inj) !== 0) return false;
  const t = inj.trigger;
  if (t.type !== 'condition' || t.value === 0) return true;
  return metricValue(s, g, t.metric) / t.value >= COMPETENT.concedeProgress;
}

/**
 * Competent armed forces allocate each product's stock by need: first to bring every front up to
 * one month of its demand, in proportion to what each lacks, then the rest by demand.
 */
export function competentMilitaryOrders(s: Scenario, g: GameState, team: string): Order[] {
  const orders: Order[] = [];
  for (const [product, have] of Object.entries(g.teams[team]?.stock ?? {})) {
    const fronts = s.fronts
      .map((f) => {
        const perMonth = (f.demand.find((d) => d.product === product)?.perMonth ?? 0) * f.intensity;
        return { id: f.id, perMonth, lack: Math.max(0, perMonth - (g.fronts[f.id]?.stock[product] ?? 0)) };
      })
      .filter((f) => f.perMonth > 0);
    const lack = fronts.reduce((n, f) => n + f.lack, 0);
    const demand = fronts.reduce((n, f) => n + f.perMonth, 0);
    const stock = Math.floor(have);
    const first = Math.min(stock, lack);
    const rest = stock - first;
    let left = stock;
    fronts.forEach((f, i) => {
      const share = (lack > 0 ? (first * f.lack) / lack : 0) + (rest * f.perMonth) / Math.max(1, demand);
      const qty = i === fronts.length - 1 ? left : Math.min(left, Math.floor(share));
      left -= qty;
      if (qty >= 1) orders.push({ type: 'allocate', front: f.id, product, qty });
    });
  }
  return orders;
}

/**
 * A competent adversary adapts to Blue: its surge goes to the front where Blue's fire ratio is best
 * (where Blue is winning), its EW upgrade to the front where Blue delivered the most radio-link
 * drones, and it spends more of its cash on surges. Strikes and outbids are the plain bot's.
 */
export function competentAdversaryOrders(s: Scenario, g: GameState, team: string): Order[] {
  const plain = adversaryOrders(s, g, team).filter((o) => o.type !== 'surge' && o.type !== 'ewUpgrade');
  const r = s.rules;
  let cash = (g.teams[team]?.money ?? 0) - plain.reduce((n, o) => n + costOf(s, o), 0);
  const orders: Order[] = [...plain];
  const last = g.history.at(-1);
  const ewFront = s.fronts
    .filter((f) => (g.fronts[f.id]?.ewLevel ?? r.ewLevelMax) < r.ewLevelMax)
    .map((f) => ({
      f,
      rf: radioDrones(
        s,
        f.demand.map((d) => d.product),
        last?.deliveredToFronts,
      ),
    }))
    .sort((a, b) => b.rf - a.rf)[0];
  if (ewFront && ewFront.rf > 0 && cash >= r.ewUpgradeCost && g.month % 3 === 0) {
    orders.push({ type: 'ewUpgrade', front: ewFront.f.id });
    cash -= r.ewUpgradeCost;
  }
  const target = [...s.fronts].sort((a, b) => (last?.fireRatio[b.id] ?? 0) - (last?.fireRatio[a.id] ?? 0))[0];
  const surge = Math.floor(cash * COMPETENT.surgeShare);
  if (target && surge > 0) orders.push({ type: 'surge', front: target.id, amount: surge });
  return orders;
}

function costOf(s: Scenario, o: Order): number {
  if (o.type === 'strike') return s.rules.strike.cost;
  if (o.type === 'outbid' || o.type === 'outbidOffer') return s.rules.outbid.cost;
  return 0;
}

/** Units delivered last month of the products that lose effect with EW (radio-link drones). */
function radioDrones(s: Scenario, products: string[], delivered: Record<string, number> = {}): number {
  const ix = indexOf(s);
  return products
    .filter((p) => {
      const e = ix.products.get(p)?.effectByEw ?? [];
      return e.length > 1 && (e.at(-1) ?? 0) < (e[0] ?? 0);
    })
    .reduce((n, p) => n + (delivered[p] ?? 0), 0);
}
