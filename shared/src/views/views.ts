import type { LocalizedText } from '../schema/text.ts';
import type { Order } from '../schema/commands.ts';
import type { Scenario, TeamKind } from '../schema/scenario.ts';
import type {
  Adjudicated,
  ExerciseState,
  FreeFormAction,
  Message,
  Note,
  OrderSetStamp,
  OverrideRecord,
  Phase,
} from '../exercise/types.ts';
import { monthLabel } from '../engine/lookup.ts';
import { injectStatuses, type InjectStatus } from '../engine/injects.ts';
import { canReadMessage, Visibility, type Audience } from './visibility.ts';
import { objectiveStatus, teamScore } from '../engine/metrics.ts';
import type {
  ActiveInject,
  Contract,
  FrontRuntime,
  GameState,
  MarketOffer,
  MonthRecord,
  NewsEvent,
  PendingDelivery,
  PlantRuntime,
  TeamRuntime,
} from '../engine/state.ts';

export type { Audience } from './visibility.ts';
export { canReadMessage, scenarioFor } from './visibility.ts';

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
  scenario: { id: string; title: LocalizedText; turns: number; startMonth: string; language: string };
  phase: Phase;
  pausedFrom: Phase | null;
  month: number;
  monthLabel: string;
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
  /** The latest messages the audience may read (all of them unless the view is paged, `ViewOptions`). */
  messages: Message[];
  /** How many messages the audience may read precede `messages` (fetched a page at a time on demand). */
  olderMessages: number;
  /** Free-form actions: a team's own; every team's for the White cell. */
  actions: FreeFormAction[];
  /** The team's own state; for the facilitator and observers, every team's. */
  me?: {
    team: TeamRuntime;
    orders: Order[];
    /** Who sent `orders` and when, and their version (absent before the team's first submission). */
    orderSet?: OrderSetStamp;
    objectives: ReturnType<typeof objectiveStatus>;
    kpis: Record<string, number>[];
  };
  all?: { teams: Record<string, TeamRuntime>; orders: Record<string, Order[]>; firedInjects: string[] };
  /** The facilitator's run sheet: every scenario inject's status, conditions evaluated as the engine does. */
  runSheet?: InjectStatus[];
  contracts: Contract[];
  componentOrders: ExerciseState['context']['game']['componentOrders'];
  /** Goods on their way home (bought abroad, or the team's own shipped home): the team's own only. */
  deliveries: PendingDelivery[];
  notes: Note[];
  overrides: OverrideRecord[];
  review: {
    month: number;
    /** By the White Cell or by the deadline, and when (absent from states folded before it was kept). */
    adjudicated?: Adjudicated;
    news: NewsEvent[];
    money: Record<string, number>;
    territory: Record<string, number>;
    /**
     * Each team's figures before the adjudicated month and after it (as it stands, overrides
     * included), and what it made and shipped in that month.
     */
    teams: Record<string, { before: TeamFigures; after: TeamFigures; month: TeamMonth }>;
    /** The adjudicated month's output, deliveries to the fronts and demand, by product (units). */
    production: Pick<MonthRecord, 'output' | 'deliveredToFronts' | 'demand'> | null;
  } | null;
}

/**
 * What the review compares per team: € money, political capital, score (0–100), objectives met, and
 * the stock it holds at home (items it holds none of left out), in each item's own unit.
 */
export interface TeamFigures {
  money: number;
  politicalCapital: number;
  score: number;
  objectivesMet: number;
  objectives: number;
  stock: Record<string, number>;
}

/**
 * What a team did in the adjudicated month: units its lines made, by product; units its contracts had
 * due that month and how many of them it shipped (fewer shipped than due is a shortfall).
 */
export interface TeamMonth {
  made: Record<string, number>;
  due: number;
  delivered: number;
}

function figuresOf(s: Scenario, g: GameState, team: string): TeamFigures {
  const objectives = objectiveStatus(s, g, team);
  const t = g.teams[team];
  return {
    money: t?.money ?? 0,
    politicalCapital: t?.politicalCapital ?? 0,
    score: teamScore(s, g, team),
    objectivesMet: objectives.filter((o) => o.met).length,
    objectives: objectives.length,
    stock: Object.fromEntries(Object.entries(t?.stock ?? {}).filter(([, n]) => n > 0)),
  };
}

/** The month from `before` to `after`, for one team (see `TeamMonth`). */
function monthOf(before: GameState, after: GameState, team: string): TeamMonth {
  const made: Record<string, number> = {};
  for (const plant of Object.values(after.plants)) {
    if (plant.owner !== team) continue;
    for (const line of plant.lines)
      if (line.product && line.lastOutput > 0)
        made[line.product] = (made[line.product] ?? 0) + line.lastOutput;
  }
  const was = before.teams[team];
  const now = after.teams[team];
  return {
    made,
    due: (now?.unitsDue ?? 0) - (was?.unitsDue ?? 0),
    delivered: (now?.unitsOnTime ?? 0) - (was?.unitsOnTime ?? 0),
  };
}

export type PublicMonth = Pick<
  MonthRecord,
  'month' | 'output' | 'deliveredToFronts' | 'demand' | 'territory' | 'fireRatio'
> & {
  money?: Record<string, number>;
};

/** How a view is cut down for the wire. */
export interface ViewOptions {
  /**
   * Messages are counted in pages of this many, from the first the audience may read; a view carries
   * the latest page and, when that one is not full, the one before it (between `messagePage` + 1 and
   * 2 × `messagePage` messages once there are that many), so that a view stays bounded however long
   * the exercise talks, while a new message is still one appended item. Absent: every message.
   */
  messagePage?: number;
}

/** Where a paged view's messages start, given how many the audience may read. */
export function messageWindowStart(readable: number, page: number | undefined): number {
  if (!page || readable <= 2 * page) return 0;
  return (Math.floor((readable - 1) / page) - 1) * page;
}

/**
 * The page of messages an audience may read that precedes the message numbered `before` (a `seq`):
 * the latest `limit` of them, oldest first, and how many readable messages are older still.
 */
export function messagesBefore(
  state: ExerciseState,
  audience: Audience,
  before: number,
  limit: number,
): { messages: Message[]; older: number } {
  const readable = state.context.messages.filter((m) => m.seq < before && canReadMessage(audience, m));
  const start = Math.max(0, readable.length - limit);
  return { messages: readable.slice(start), older: start };
}

/**
 * What one audience may see of an exercise, by the rules of `visibility.ts`. By default a team sees
 * its own money, orders, plants and contracts, public news, and messages it sent or received; the
 * facilitator and observers see everything; the room display sees only what is public.
 */
export function viewFor(
  s: Scenario,
  state: ExerciseState,
  audience: Audience,
  options: ViewOptions = {},
): View {
  return new ViewBuilder(s, audience, options).view(state);
}

interface Slot {
  deps: readonly [unknown, unknown, unknown];
  value: unknown;
}

const NO_ACTIONS: readonly FreeFormAction[] = Object.freeze([]);

/** A team without orders this month: one shared, frozen empty list. */
const NO_ORDERS = Object.freeze([]) as readonly Order[] as Order[];

interface List<T, U> {
  items: readonly T[];
  made: (U | undefined)[];
  out: U[];
}

/**
 * One audience's views of successive states, built piece by piece: a piece whose inputs are the same
 * objects as last time (states share what a command did not change) is the same object as last time.
 * A server that diffs each new view against the last one sent then skips those pieces at once, and
 * keeps no second copy of them. Each builder serves one audience only, so a piece made for one
 * audience is never handed to another. Its views equal `viewFor`'s.
 *
 * Views are read-only: where an audience may see a part of the state whole (its own team, a contract
 * it is party to, a plant's lines), the view holds that very object, not a copy. States are never
 * changed once made (the purity property test folds whole games with every state frozen), so a view
 * costs memory only for what it leaves out or reshapes.
 */
export class ViewBuilder {
  private readonly slots = new Map<string, Slot>();
  private readonly lists = new Map<string, List<object, unknown>>();
  private readonly sees: Visibility;
  private readonly team: string | null;
  private readonly scenarioHead: View['scenario'];

  constructor(
    private readonly s: Scenario,
    readonly audience: Audience,
    private readonly options: ViewOptions = {},
  ) {
    this.sees = new Visibility(s, audience);
    this.team = this.sees.team;
    this.scenarioHead = {
      id: s.meta.id,
      title: s.meta.title,
      turns: s.meta.turns,
      startMonth: s.meta.startMonth,
      language: s.meta.language,
    };
  }

  private readonly scratch: [unknown, unknown, unknown] = [undefined, undefined, undefined];

  /**
   * The (up to three) dependencies of one `memo` call, in an array reused from call to call: a view
   * whose pieces are all unchanged allocates next to nothing. `memo` copies it before making anything.
   */
  private deps(a: unknown, b?: unknown, c?: unknown): readonly [unknown, unknown, unknown] {
    const d = this.scratch;
    d[0] = a;
    d[1] = b;
    d[2] = c;
    return d;
  }

  /** `make()`, or what it made last time if every dependency is the same value or object. */
  private memo<T>(key: string, deps: readonly [unknown, unknown, unknown], make: () => T): T {
    const slot = this.slots.get(key);
    if (slot && slot.deps[0] === deps[0] && slot.deps[1] === deps[1] && slot.deps[2] === deps[2])
      return slot.value as T;
    const kept = [deps[0], deps[1], deps[2]] as const;
    const value = make();
    this.slots.set(key, { deps: kept, value });
    return value;
  }

  /**
   * `items` mapped by `make` (undefined leaves an item out). An item that is the same object at the same
   * place as last time keeps what was made for it (states append to their lists or replace an element
   * in place); when no output changed, the result is the same array as last time.
   */
  private each<T extends object, U>(key: string, items: readonly T[], make: (item: T) => U | undefined): U[] {
    const last = this.lists.get(key) as List<T, U> | undefined;
    if (last && appended(last.items, items)) return this.extend(key, last, items, make);
    const made = new Array<U | undefined>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      made[i] = last && last.items[i] === item ? last.made[i] : make(item);
    }
    // Unchanged when the kept outputs are exactly last time's, in order.
    let same = last !== undefined;
    let j = 0;
    for (let i = 0; same && i < made.length; i++) {
      const u = made[i];
      if (u === undefined) continue;
      same = j < last!.out.length && last!.out[j] === u;
      j++;
    }
    same &&= j === last!.out.length;
    const out = same ? last!.out : (made.filter((u) => u !== undefined) as U[]);
    this.lists.set(key, { items, made, out });
    return out;
  }

  /**
   * `each` of a list that only grew since last time (messages, news, history): only the new items are
   * made, and the result is last time's array plus what they made, without a pass over the old ones.
   */
  private extend<T extends object, U>(
    key: string,
    last: List<T, U>,
    items: readonly T[],
    make: (item: T) => U | undefined,
  ): U[] {
    // `made` belongs to this cache entry alone (views hold `out` only), so it grows in place.
    const made = last.made;
    let added: U[] | null = null;
    for (let i = last.items.length; i < items.length; i++) {
      const u = make(items[i]!);
      made.push(u);
      if (u !== undefined) (added ??= []).push(u);
    }
    const out = added ? last.out.concat(added) : last.out;
    this.lists.set(key, { items, made, out });
    return out;
  }

  view(state: ExerciseState): View {
    const { s, sees, team, audience } = this;
    const ctx = state.context;
    const g = ctx.game;

    const view: View = {
      audience,
      scenario: this.scenarioHead,
      phase: state.phase,
      pausedFrom: ctx.pausedFrom,
      month: g.month,
      monthLabel: this.memo('monthLabel', this.deps(g.month), () =>
        monthLabel(s.meta.startMonth, Math.min(g.month, s.meta.turns)),
      ),
      deadline: this.memo('deadline', this.deps(ctx.deadline), () => ({ ...ctx.deadline })),
      teams: this.memo('teams', this.deps(g, ctx.submitted, ctx.bots), () =>
        this.teams(g, ctx.submitted, ctx.bots),
      ),
      plants: this.memo('plants', this.deps(g.plants), () =>
        this.each('plants', Object.values(g.plants), (p) => {
          const summary: PlantSummary = { id: p.id, name: p.name, owner: p.owner, type: p.type };
          if (sees.plantDetail(p.owner)) summary.detail = p;
          return summary;
        }),
      ),
      fronts: this.memo('fronts', this.deps(g.fronts), () => this.fronts(g)),
      activeInjects: this.memo('activeInjects', this.deps(g.activeInjects), () =>
        this.each('activeInjects', g.activeInjects, ({ inject, title, startMonth, endMonth, effects }) => ({
          inject,
          title,
          startMonth,
          endMonth,
          effects,
        })),
      ),
      supply: this.memo('supply', this.deps(g.embargoes, g.outbids, g.exportControls), () => ({
        embargoes: { ...g.embargoes },
        outbids: { ...g.outbids },
        exportControls: { ...g.exportControls },
      })),
      levers: this.memo('levers', this.deps(g.levers), () => ({ ...g.levers })),
      marketOffers: !sees.market()
        ? []
        : this.memo('marketOffers', this.deps(g.marketOffers), () =>
            this.each('marketOffers', g.marketOffers, (m) => ({ ...m })),
          ),
      news: this.memo('news', this.deps(g.news), () =>
        this.each('news', g.news, (e) => (sees.news(e) ? stripAudience(sees.newsAudience())(e) : undefined)),
      ),
      history: this.memo('history', this.deps(g.history), () =>
        this.each('history', g.history, (h) => this.publicMonth(h)),
      ),
      ...this.messages(ctx.messages),
      actions: this.memo('actions', this.deps(ctx.actions), () =>
        this.each('actions', ctx.actions ?? NO_ACTIONS, (a) => (sees.action(a) ? a : undefined)),
      ),
      contracts: this.memo('contracts', this.deps(g.contracts), () =>
        this.each('contracts', g.contracts, (c) => (sees.contract(c) ? c : undefined)),
      ),
      componentOrders: this.memo('componentOrders', this.deps(g.componentOrders), () =>
        this.each('componentOrders', g.componentOrders, (o) =>
          sees.componentOrder(o) ? { ...o } : undefined,
        ),
      ),
      deliveries: this.memo('deliveries', this.deps(g.deliveries), () =>
        this.each('deliveries', g.deliveries, (d) => (sees.componentOrder(d) ? { ...d } : undefined)),
      ),
      notes: this.memo('notes', this.deps(ctx.notes), () =>
        this.each('notes', ctx.notes, (n) => (sees.note(n) ? n : undefined)),
      ),
      overrides: sees.whiteCell()
        ? this.memo('overrides', this.deps(ctx.overrides), () =>
            this.each('overrides', ctx.overrides, (o) => ({ ...o })),
          )
        : [],
      review: null,
    };
    if (team !== null && g.teams[team]) {
      const own = g.teams[team];
      const orderSet = ctx.orderSets?.[team];
      view.me = this.memo('me', this.deps(ctx.orders[team], orderSet, g), () => ({
        team: own,
        orders: ctx.orders[team] ?? NO_ORDERS,
        ...(orderSet ? { orderSet } : {}),
        objectives: this.memo('me.objectives', this.deps(g), () => objectiveStatus(s, g, team)),
        kpis: this.memo('me.kpis', this.deps(g.history), () =>
          this.each('me.kpis', g.history, (h) => ({ month: h.month, ...(h.kpis[team] ?? {}) })),
        ),
      }));
    }
    if (sees.whiteCell()) {
      view.all = this.memo('all', this.deps(g.teams, ctx.orders, g.firedInjects), () => ({
        teams: g.teams,
        orders: ctx.orders,
        firedInjects: this.memo('all.firedInjects', this.deps(g.firedInjects), () => [...g.firedInjects]),
      }));
      if (audience.role === 'facilitator')
        view.runSheet = this.memo('runSheet', this.deps(g), () => injectStatuses(s, g));
      if (ctx.review) {
        const review = ctx.review;
        view.review = this.memo('review', this.deps(review, g.month), () => ({
          month: g.month,
          ...(review.adjudicated ? { adjudicated: { ...review.adjudicated } } : {}),
          news: review.news,
          money: Object.fromEntries(Object.values(review.game.teams).map((t) => [t.id, t.money])),
          territory: Object.fromEntries(Object.values(review.game.fronts).map((f) => [f.id, f.territory])),
          teams: Object.fromEntries(
            s.teams.map((t) => [
              t.id,
              {
                before: figuresOf(s, g, t.id),
                after: figuresOf(s, review.game, t.id),
                month: monthOf(g, review.game, t.id),
              },
            ]),
          ),
          production: ((h) =>
            h ? { output: h.output, deliveredToFronts: h.deliveredToFronts, demand: h.demand } : null)(
            review.game.history.at(-1),
          ),
        }));
      }
    }
    return view;
  }

  /** The messages the audience may read, cut to the latest pages when the view is paged. */
  private messages(messages: readonly Message[]): Pick<View, 'messages' | 'olderMessages'> {
    const audience = this.audience;
    const readable = this.memo('messages', this.deps(messages), () =>
      this.each('messages', messages, (m) => (canReadMessage(audience, m) ? m : undefined)),
    );
    const start = messageWindowStart(readable.length, this.options.messagePage);
    if (start === 0) return { messages: readable, olderMessages: 0 };
    const window = this.memo('messages.window', this.deps(readable, start), () => readable.slice(start));
    return { messages: window, olderMessages: start };
  }

  private teams(g: GameState, submitted: readonly string[], bots: readonly string[]): TeamSummary[] {
    const { s, sees } = this;
    return s.teams.map((t) => {
      const summary: TeamSummary = {
        id: t.id,
        name: t.name,
        kind: t.kind,
        submitted: submitted.includes(t.id),
        bot: bots.includes(t.id),
      };
      if (sees.money(t.id)) summary.money = g.teams[t.id]!.money;
      if (sees.score(t.id)) summary.score = teamScore(s, g, t.id);
      return summary;
    });
  }

  private fronts(g: GameState): View['fronts'] {
    const showStock = this.sees.frontStock;
    return this.s.fronts.map((spec) => {
      const f = g.fronts[spec.id]!;
      return this.memo(`front.${spec.id}`, this.deps(f), () => {
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
        if (showStock) out.stock = { ...f.stock };
        return out;
      });
    });
  }

  private publicMonth(h: MonthRecord): PublicMonth {
    const m: PublicMonth = {
      month: h.month,
      output: h.output,
      deliveredToFronts: h.deliveredToFronts,
      demand: h.demand,
      territory: h.territory,
      fireRatio: h.fireRatio,
    };
    const money = Object.fromEntries(Object.entries(h.money).filter(([id]) => this.sees.money(id)));
    if (Object.keys(money).length) m.money = money;
    return m;
  }
}

/** `items` is `before` with zero or more items added at the end (same objects at the same places). */
function appended(before: readonly object[], items: readonly object[]): boolean {
  if (items.length < before.length) return false;
  for (let i = before.length - 1; i >= 0; i--) if (before[i] !== items[i]) return false;
  return true;
}

/** Audience lists are themselves a hint of who deals with whom: only the facilitator keeps them. */
const stripAudience =
  (keep: boolean) =>
  (e: NewsEvent): NewsEvent => {
    if (keep || !e.to) return { ...e };
    const { to: _to, ...rest } = e;
    return rest;
  };
