import type { NewsMessage } from '../narration/render.ts';
import type { Order } from '../schema/commands.ts';
import type { Rating, Scenario } from '../schema/scenario.ts';
import { supplyModifiers } from './effects.ts';
import { say } from './finance.ts';
import { indexOf, sourceKey } from './lookup.ts';
import { byTiers } from './share.ts';
import type { GameState, NewsEvent } from './state.ts';

type Buy = Extract<Order, { type: 'buyComponents' }>;

/** Tiers of the sharing rule: DX-rated need first, then DO-rated, then unrated. */
const TIER: Record<Rating, number> = { DX: 0, DO: 1, none: 2 };

/**
 * Units a source can supply this month (units/month): its cap under the month's public modifiers
 * (injects, embargo, outbidding). Never what other teams bought: that is their business.
 */
export function sourceCap(s: Scenario, g: GameState, component: string, source: string): number {
  const ix = indexOf(s);
  const key = sourceKey(ix, component, source);
  const src = key === undefined ? undefined : ix.sources.get(key);
  if (!src || key === undefined) return 0;
  return Math.floor(src.monthlyCap * supplyModifiers(g, component, key, src.origin, s.rules.outbid).cap);
}

const unitsCache = new WeakMap<Scenario, Map<string, number>>();

/** Units of `item` in one unit of `product`, through intermediate products of its bill of materials. */
export function unitsPer(s: Scenario, product: string, item: string): number {
  let cache = unitsCache.get(s);
  if (!cache) unitsCache.set(s, (cache = new Map()));
  // The scenario never changes, so the walk of the bill of materials is done once per pair.
  const key = `${product}\u0000${item}`;
  let n = cache.get(key);
  if (n === undefined) cache.set(key, (n = bomUnits(s, product, item, 0)));
  return n;
}

function bomUnits(s: Scenario, product: string, item: string, depth: number): number {
  const p = indexOf(s).products.get(product);
  if (!p || depth > 8) return 0;
  let n = 0;
  for (const b of p.bom) n += b.item === item ? b.qty : b.qty * bomUnits(s, b.item, item, depth + 1);
  return n;
}

/** The rated contracts a team holds as seller that are still running: what `ratedNeed` reads. */
const ratedSales = (g: GameState, team: string) =>
  g.contracts.filter((c) => c.seller === team && c.status === 'active' && c.terms.rating !== 'none');

/**
 * The DPAS flow-down: units of `item` a team still needs for the rated contracts it holds as seller,
 * by rating (undelivered units × units of the item in each), less what it holds and has on order
 * (held units count against the DX need first). `sales`: the team's `ratedSales`, when the caller
 * already has them.
 */
export function ratedNeed(
  s: Scenario,
  g: GameState,
  team: string,
  item: string,
  sales: readonly GameState['contracts'][number][] = ratedSales(g, team),
): Record<Rating, number> {
  const need: Record<Rating, number> = { DX: 0, DO: 0, none: 0 };
  for (const c of sales)
    need[c.terms.rating] += (c.terms.qty - c.delivered) * unitsPer(s, c.terms.product, item);
  let held =
    (g.teams[team]?.stock[item] ?? 0) +
    g.componentOrders.reduce((n, o) => n + (o.team === team && o.component === item ? o.qty : 0), 0);
  for (const r of ['DX', 'DO'] as const) {
    const used = Math.min(held, need[r]);
    need[r] = Math.ceil(need[r] - used);
    held -= used;
  }
  return need;
}

/** Units granted to each component purchase of the month, by order object. */
export type Grants = ReadonlyMap<Order, number>;

interface Part {
  key: string;
  qty: number;
  tier: number;
  order: Buy;
  team: string;
}

/**
 * Share every source's monthly cap among the month's purchases from it, by the stated rule: rated need
 * first (DX, then DO, each as far as the buyer's rated contracts need the component), then pro rata to
 * what was asked; whole units by largest remainder, ties by team id. A team's place in the scenario file
 * plays no part. Purchases from a source asked for more than it has are narrated: each buyer learns what
 * it got and why; the White Cell gets the whole split.
 */
export function allocateSupply(
  s: Scenario,
  g: GameState,
  orders: Readonly<Record<string, readonly Order[]>>,
  news: NewsEvent[],
): Grants {
  const ix = indexOf(s);
  const bySource = new Map<string, Part[]>();
  for (const team of [...Object.keys(orders)].sort()) {
    if (ix.teams.get(team)?.kind !== 'industry') continue;
    const left = new Map<string, Record<Rating, number>>();
    let sales: ReturnType<typeof ratedSales> | undefined;
    for (const [i, o] of (orders[team] ?? []).entries()) {
      if (o.type !== 'buyComponents') continue;
      const key = sourceKey(ix, o.component, o.source);
      const src = key === undefined ? undefined : ix.sources.get(key);
      if (!src || key === undefined) continue;
      // An embargoed source supplies nothing: the order is refused with its own reason.
      if (supplyModifiers(g, o.component, key, src.origin, s.rules.outbid).embargoed) continue;
      // Without flow-down (`rules.ratings.flowDown: false`) a firm's purchases are never rated.
      const need =
        left.get(o.component) ??
        (s.rules.ratings.flowDown
          ? ratedNeed(s, g, team, o.component, (sales ??= ratedSales(g, team)))
          : { DX: 0, DO: 0, none: 0 });
      left.set(o.component, need);
      let rest = o.qty;
      let parts = bySource.get(key);
      if (!parts) bySource.set(key, (parts = []));
      const partKey = `${team}\u0000${String(i).padStart(4, '0')}`;
      for (const r of ['DX', 'DO', 'none'] as const) {
        const qty = r === 'none' ? rest : Math.min(rest, need[r]);
        if (qty <= 0) continue;
        need[r] -= r === 'none' ? 0 : qty;
        rest -= qty;
        parts.push({ key: partKey, qty, tier: TIER[r], order: o, team });
      }
    }
  }
  const grants = new Map<Order, number>();
  for (const [key, parts] of bySource) {
    // Every part of a source's list is a purchase from that source (an empty list asks for nothing).
    const first = parts[0]?.order;
    if (!first) continue;
    const cap = sourceCap(s, g, first.component, first.source);
    const given = byTiers(cap, parts);
    parts.forEach((p, k) => grants.set(p.order, (grants.get(p.order) ?? 0) + given[k]!));
    const asked = parts.reduce((n, p) => n + p.qty, 0);
    if (asked > cap) narrate(s, g, key, cap, asked, parts, given, news);
  }
  return grants;
}

function narrate(
  s: Scenario,
  g: GameState,
  key: string,
  cap: number,
  asked: number,
  parts: readonly Part[],
  given: readonly number[],
  news: NewsEvent[],
): void {
  const ix = indexOf(s);
  const src = ix.sources.get(key);
  const comp = ix.components.get(parts[0]?.order.component ?? '');
  const teams = new Map<string, { asked: number; got: number; rated: number; ratedGot: number }>();
  parts.forEach((p, k) => {
    const t = teams.get(p.team) ?? { asked: 0, got: 0, rated: 0, ratedGot: 0 };
    t.asked += p.qty;
    t.got += given[k]!;
    if (p.tier < TIER.none) {
      t.rated += p.qty;
      t.ratedGot += given[k]!;
    }
    teams.set(p.team, t);
  });
  const item = comp?.id ?? key;
  const origin = src?.origin ?? key;
  const split = [...teams].map(([id, t]): NewsMessage => ({
    key: 'supply.share',
    team: id,
    got: t.got,
    asked: t.asked,
  }));
  say(news, g.month, 'supply', { key: 'supply.rationedAll', item, origin, cap, asked, split }, []);
  for (const [id, t] of teams) {
    const mine = { item, origin, got: t.got, asked: t.asked };
    say(
      news,
      g.month,
      'supply',
      t.rated > 0
        ? { key: 'supply.rationedRated', ...mine, ratedGot: t.ratedGot, rated: t.rated }
        : { key: 'supply.rationed', ...mine },
      [id],
    );
  }
}
