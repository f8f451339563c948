import { cloneJSON } from '../util/canonical.ts';
import type { Order } from '../schema/commands.ts';
import type { Scenario, TeamKind } from '../schema/scenario.ts';
import type { ExerciseState, Message, Note, OverrideRecord, Phase } from '../machine/types.ts';
import { indexOf, monthLabel } from './lookup.ts';
import { objectiveStatus, teamScore } from './metrics.ts';
import type {
  ActiveInject,
  Contract,
  FrontRuntime,
  GameState,
  MarketOffer,
  MonthRecord,
  NewsEvent,
  PlantRuntime,
  TeamRuntime,
} from './state.ts';

export type Audience =
  { role: 'facilitator' } | { role: 'team'; team: string } | { role: 'observer' } | { role: 'display' };

export interface TeamSummary {
  id: string;
  name: string;
  kind: TeamKind;
  submitted: boolean;
  bot: boolean;
  /** Present for the team itself, the facilitator, or when the scenario makes money public. */
  money?: number;
  score?: number;
}

export interface PlantSummary {
  id: string;
  name: string;
  owner: string;
  type: string;
  /** Line detail only for the owner, the facilitator, or public plants. */
  detail?: PlantRuntime;
}

export interface View {
  audience: Audience;
  scenario: { id: string; title: string; turns: number; startMonth: string; language: string };
  phase: Phase;
  pausedFrom: Phase | null;
  month: number;
  monthLabel: string;
  seq: number;
  deadline: { at: number | null; pausedRemaining: number | null };
  teams: TeamSummary[];
  plants: PlantSummary[];
  fronts: (Pick<
    FrontRuntime,
    | 'id'
    | 'ewLevel'
    | 'territory'
    | 'blueForce'
    | 'redForce'
    | 'casualties'
    | 'lastBlueFires'
    | 'lastRedFires'
  > & {
    name: string;
    stock?: Record<string, number>;
  })[];
  /** Active injects are public events; their effects are their public consequences. */
  activeInjects: Pick<ActiveInject, 'inject' | 'title' | 'startMonth' | 'endMonth' | 'effects'>[];
  /** World-market conditions every seat can observe (and live validation needs). */
  supply: Pick<GameState, 'embargoes' | 'outbids' | 'exportControls'>;
  levers: Record<string, boolean>;
  marketOffers: MarketOffer[];
  news: NewsEvent[];
  history: PublicMonth[];
  messages: Message[];
  /** The team's own state; for the facilitator and observers, every team's. */
  me?: {
    team: TeamRuntime;
    orders: Order[];
    objectives: ReturnType<typeof objectiveStatus>;
    kpis: Record<string, number>[];
  };
  all?: { teams: Record<string, TeamRuntime>; orders: Record<string, Order[]>; firedInjects: string[] };
  contracts: Contract[];
  componentOrders: ExerciseState['context']['game']['componentOrders'];
  notes: Note[];
  overrides: OverrideRecord[];
  review: {
    month: number;
    news: NewsEvent[];
    money: Record<string, number>;
    territory: Record<string, number>;
  } | null;
}

export type PublicMonth = Pick<
  MonthRecord,
  'month' | 'output' | 'deliveredToFronts' | 'demand' | 'territory' | 'fireRatio'
> & {
  money?: Record<string, number>;
};

const canSee = (e: { to?: string[] }, team: string | null, all: boolean) =>
  all || !e.to || (team !== null && e.to.includes(team));

/**
 * What one audience may see of an exercise: one function, so nothing else can leak. By default a team
 * sees its own money, orders, plants and contracts, public news, and messages it sent or received; the
 * facilitator and observers see everything; the room display sees only what is public.
 */
export function viewFor(s: Scenario, state: ExerciseState, audience: Audience): View {
  const ctx = state.context;
  const g = ctx.game;
  const ix = indexOf(s);
  const all = audience.role === 'facilitator' || audience.role === 'observer';
  const team = audience.role === 'team' ? audience.team : null;
  const publicMoney = new Set(s.teams.filter((t) => t.public.money).map((t) => t.id));
  const publicPlants = new Set(s.teams.filter((t) => t.public.plants).map((t) => t.id));
  const seesMoney = (id: string) => all || id === team || publicMoney.has(id);

  const teams: TeamSummary[] = s.teams.map((t) => {
    const summary: TeamSummary = {
      id: t.id,
      name: t.name,
      kind: t.kind,
      submitted: ctx.submitted.includes(t.id),
      bot: ctx.bots.includes(t.id),
    };
    if (seesMoney(t.id)) summary.money = g.teams[t.id]!.money;
    if (all || t.id === team) summary.score = teamScore(s, g, t.id);
    return summary;
  });

  const plants: PlantSummary[] = Object.values(g.plants).map((p) => {
    const summary: PlantSummary = { id: p.id, name: p.name, owner: p.owner, type: p.type };
    if (all || p.owner === team || publicPlants.has(p.owner)) summary.detail = cloneJSON(p);
    return summary;
  });

  const military = team !== null && ix.teams.get(team)?.kind === 'military';
  const fronts = s.fronts.map((spec) => {
    const f = g.fronts[spec.id]!;
    const out: View['fronts'][number] = {
      id: f.id,
      name: spec.name,
      ewLevel: f.ewLevel,
      territory: f.territory,
      blueForce: f.blueForce,
      redForce: f.redForce,
      casualties: f.casualties,
      lastBlueFires: f.lastBlueFires,
      lastRedFires: f.lastRedFires,
    };
    if (all || military) out.stock = { ...f.stock };
    return out;
  });

  const history: PublicMonth[] = g.history.map((h) => {
    const m: PublicMonth = {
      month: h.month,
      output: h.output,
      deliveredToFronts: h.deliveredToFronts,
      demand: h.demand,
      territory: h.territory,
      fireRatio: h.fireRatio,
    };
    const money = Object.fromEntries(Object.entries(h.money).filter(([id]) => seesMoney(id)));
    if (Object.keys(money).length) m.money = money;
    return m;
  });

  const view: View = {
    audience,
    scenario: {
      id: s.meta.id,
      title: s.meta.title,
      turns: s.meta.turns,
      startMonth: s.meta.startMonth,
      language: s.meta.language,
    },
    phase: state.phase,
    pausedFrom: ctx.pausedFrom,
    month: g.month,
    monthLabel: monthLabel(s.meta.startMonth, Math.min(g.month, s.meta.turns)),
    seq: ctx.seq,
    deadline: { ...ctx.deadline },
    teams,
    plants,
    fronts,
    activeInjects: g.activeInjects.map(({ inject, title, startMonth, endMonth, effects }) => ({
      inject,
      title,
      startMonth,
      endMonth,
      effects: cloneJSON(effects),
    })),
    supply: {
      embargoes: { ...g.embargoes },
      outbids: { ...g.outbids },
      exportControls: { ...g.exportControls },
    },
    levers: { ...g.levers },
    marketOffers: audience.role === 'display' ? [] : g.marketOffers.map((m) => ({ ...m })),
    news: g.news.filter((e) => canSee(e, team, all)).map(stripAudience(all)),
    history,
    messages: ctx.messages.filter(
      (m) => all || (team !== null && (m.from === team || m.to === team)) || m.to === 'all',
    ),
    contracts: g.contracts
      .filter((c) => all || c.buyer === team || c.seller === team)
      .map((c) => cloneJSON(c)),
    componentOrders: g.componentOrders.filter((o) => all || o.team === team).map((o) => ({ ...o })),
    notes: ctx.notes.filter((n) => all || (n.kind === 'announcement' && (!n.team || n.team === team))),
    overrides: all ? ctx.overrides.map((o) => ({ ...o })) : [],
    review: null,
  };
  if (audience.role === 'display') view.messages = ctx.messages.filter((m) => m.to === 'all');
  if (team !== null && g.teams[team]) {
    view.me = {
      team: cloneJSON(g.teams[team]),
      orders: cloneJSON(ctx.orders[team] ?? []),
      objectives: objectiveStatus(s, g, team),
      kpis: g.history.map((h) => ({ month: h.month, ...(h.kpis[team] ?? {}) })),
    };
  }
  if (all) {
    view.all = {
      teams: cloneJSON(g.teams),
      orders: cloneJSON(ctx.orders),
      firedInjects: [...g.firedInjects],
    };
    if (ctx.review) {
      const r = ctx.review.game;
      view.review = {
        month: g.month,
        news: ctx.review.news,
        money: Object.fromEntries(Object.values(r.teams).map((t) => [t.id, t.money])),
        territory: Object.fromEntries(Object.values(r.fronts).map((f) => [f.id, f.territory])),
      };
    }
  }
  return view;
}

/**
 * The scenario as an audience may see it: everything for the facilitator and observers; for teams and
 * the display, no injects (scheduled injects are the White cell's surprises; active ones travel in the
 * view). Order forms and live validation need the rest.
 */
export function scenarioFor(s: Scenario, audience: Audience): Scenario {
  if (audience.role === 'facilitator' || audience.role === 'observer') return s;
  return { ...s, injects: [] };
}

/** Audience lists are themselves a hint of who deals with whom: only the facilitator keeps them. */
const stripAudience =
  (all: boolean) =>
  (e: NewsEvent): NewsEvent => {
    if (all || !e.to) return { ...e };
    const { to: _to, ...rest } = e;
    return rest;
  };
