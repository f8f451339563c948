import type { NewsMessage } from '../narration/render.ts';
import { cloneJSON } from '../util/canonical.ts';
import type { Order } from '../schema/commands.ts';
import type { Scenario, TeamKind } from '../schema/scenario.ts';
import { Dice } from '../util/rng.ts';
import { deliverContracts } from './contracts.ts';
import { bump, pay, say, WORLD } from './finance.ts';
import { resolveFronts } from './fronts.ts';
import { rollEmbargoes, runInjects } from './injects.ts';
import { metricValue, objectiveStatus, scoreOf } from './metrics.ts';
import { releaseOffers } from './offers.ts';
import { applyOrders, type OrderContext } from './orders.ts';
import { advanceLines, plantFinance, produce } from './production.ts';
import type { GameState, MonthRecord, NewsEvent } from './state.ts';

/** The order in which team kinds act within a month (README, _The month_). */
export const KIND_SEQUENCE: readonly TeamKind[] = [
  'government',
  'alliance',
  'procurement',
  'industry',
  'military',
  'adversary',
];

export interface Adjudication {
  game: GameState;
  news: NewsEvent[];
}

/**
 * Adjudicate one month. Pure: returns a new state and the narrated events, leaving `game` untouched.
 * Sequence: injects and embargo draws → orders (by team kind) → arrivals → line states → production
 * (with learning-curve cost) → contract deliveries → fronts → finance → next month's release of market
 * offers → scores.
 */
export function adjudicate(
  s: Scenario,
  game: GameState,
  orders: Readonly<Record<string, readonly Order[]>>,
): Adjudication {
  // History is append-only, last month's news and payments are replaced, and contracts are copied on
  // write by the deliveries (the only step that changes them). Pending arrivals, injects in force and
  // fired are added and removed but never changed, and the month's maps of embargoes, outbids, export
  // controls and levers hold numbers and flags: a copy of the list or map is enough. Share what cannot
  // change instead of cloning it; everything else (teams, plants, fronts, offers, ledger) is cloned.
  const {
    history,
    news: _lastNews,
    payments: _lastPayments,
    contracts,
    componentOrders,
    deliveries,
    activeInjects,
    firedInjects,
    embargoes,
    outbids,
    exportControls,
    levers,
    ...rest
  } = game;
  // `...game` first keeps the keys in the order they had (the values are all replaced below).
  const g: GameState = {
    ...game,
    ...cloneJSON(rest),
    contracts: contracts.slice(),
    componentOrders: componentOrders.slice(),
    deliveries: deliveries.slice(),
    activeInjects: activeInjects.slice(),
    firedInjects: firedInjects.slice(),
    embargoes: { ...embargoes },
    outbids: { ...outbids },
    exportControls: { ...exportControls },
    levers: { ...levers },
    payments: [],
    history: history.slice(),
    news: [],
  };
  const dice = new Dice(g.rng);
  const news: NewsEvent[] = [];

  runInjects(s, g, dice, news);
  rollEmbargoes(s, g, dice, news);

  // Last month's allocations fed the conditions above; this month's start from nothing.
  for (const f of Object.values(g.fronts)) f.committed = {};
  const ctx: OrderContext = { scenario: s, g, dice, news, orders };
  for (const kind of KIND_SEQUENCE)
    for (const team of s.teams) if (team.kind === kind) applyOrders(ctx, team.id, orders[team.id] ?? []);

  arrivals(s, g, news);
  advanceLines(s, g, dice, news);
  const output = produce(s, g, dice, news);
  deliverContracts(s, g, news);
  const { delivered, demanded } = resolveFronts(s, g, news);

  for (const t of s.teams) if (t.appropriation > 0) pay(g, WORLD, t.id, t.appropriation, 'appropriation');
  plantFinance(s, g, news);
  releaseOffers(s, g, news);

  g.history.push(monthRecord(s, g, output, delivered, demanded));
  summarise(s, g, output, news);
  g.news = news;
  g.rng = dice.state;
  g.month += 1;
  return { game: g, news };
}

function arrivals(s: Scenario, g: GameState, news: NewsEvent[]): void {
  for (const o of g.componentOrders.filter((x) => x.arrivesMonth <= g.month)) {
    bump(g.teams[o.team]!.stock, o.component, o.qty);
    bump(g.ledger.imported, o.component, o.qty);
  }
  g.componentOrders = g.componentOrders.filter((x) => x.arrivesMonth > g.month);
  for (const d of g.deliveries.filter((x) => x.arrivesMonth <= g.month)) {
    bump(g.teams[d.team]!.stock, d.item, d.qty);
    // Stock shipped home was the team's from the start: opening stock, not an import.
    bump(d.repatriated ? (g.ledger.opening ??= {}) : g.ledger.imported, d.item, d.qty);
    const key = d.repatriated ? 'abroad.arrived' : 'import.arrived';
    say(news, g.month, 'import', { key, qty: d.qty, item: d.item }, [d.team]);
  }
  g.deliveries = g.deliveries.filter((x) => x.arrivesMonth > g.month);
}

function monthRecord(
  s: Scenario,
  g: GameState,
  output: Record<string, number>,
  delivered: Record<string, number>,
  demanded: Record<string, number>,
): MonthRecord {
  const record: MonthRecord = {
    month: g.month,
    output,
    deliveredToFronts: delivered,
    demand: demanded,
    money: {},
    territory: {},
    fireRatio: {},
    kpis: {},
  };
  for (const t of s.teams) record.money[t.id] = Math.round(g.teams[t.id]!.money);
  for (const f of Object.values(g.fronts)) {
    record.territory[f.id] = f.territory;
    record.fireRatio[f.id] =
      f.lastRedFires > 0 ? Math.round((1000 * f.lastBlueFires) / f.lastRedFires) / 1000 : 0;
  }
  // KPIs are computed after this month's record exists so "monthlyOutput" reads this month.
  g.history.push(record);
  // A team with plants also records its idle capacity and the capex stranded in it (camelCase keys
  // cannot clash with objective ids, which are lower case).
  const owners = new Set(Object.values(g.plants).map((p) => p.owner));
  for (const t of s.teams) {
    const objectives = objectiveStatus(s, g, t.id);
    const kpis: Record<string, number> = { score: scoreOf(objectives) };
    for (const o of objectives) kpis[o.id] = o.value;
    if (owners.has(t.id)) {
      const own = g.teams[t.id]!;
      kpis.idleCapacity = own.idleCapacity;
      kpis.strandedCapex = own.strandedCapex;
    }
    record.kpis[t.id] = kpis;
  }
  const global: Record<string, number> = {};
  for (const k of s.kpis) global[k.id] = metricValue(s, g, k.metric);
  record.kpis['*'] = global;
  g.history.pop();
  return record;
}

/**
 * Re-reads the last month's record from the state as it now stands (cash, ground, fire ratios, every
 * team's objectives and score, the scenario's KPIs), for a White Cell override made in review: charts,
 * reports and comparisons then show the published figures. Output, deliveries and demand stay as
 * adjudicated. `g` is a reviewed month (its `month` already counts the next one); changed in place.
 */
export function restateLastMonth(s: Scenario, g: GameState): void {
  const last = g.history.pop();
  if (!last) return;
  const next = g.month;
  g.month = last.month;
  g.history.push(monthRecord(s, g, last.output, last.deliveredToFronts, last.demand));
  g.month = next;
}

function summarise(s: Scenario, g: GameState, output: Record<string, number>, news: NewsEvent[]): void {
  const made = Object.entries(output)
    .filter(([, n]) => n > 0)
    .map(([item, qty]): NewsMessage => ({ key: 'production.item', qty, item }));
  if (made.length) say(news, g.month, 'production', { key: 'production', list: made });
}
