import type { Effect, Product } from '../schema/scenario.ts';
import type { GameState } from './state.ts';

interface EffectsEntry {
  count: number;
  effects: Effect[];
  /** The effects of each type, in the same order, filtered on first use. */
  byType: Map<Effect['type'], Effect[]>;
}
const effectsCache = new WeakMap<GameState['activeInjects'], EffectsEntry>();

function effectsEntry(g: GameState): EffectsEntry {
  const hit = effectsCache.get(g.activeInjects);
  if (hit && hit.count === g.activeInjects.length) return hit;
  const entry = {
    count: g.activeInjects.length,
    effects: g.activeInjects.flatMap((a) => a.effects),
    byType: new Map(),
  };
  effectsCache.set(g.activeInjects, entry);
  return entry;
}

/** The effects of the injects active this month (cached: they are read for every line and source). */
export function activeEffects(g: GameState): Effect[] {
  return effectsEntry(g).effects;
}

/** The active effects of one type (cached with `activeEffects`: read for every order, line and source). */
function ofType<T extends Effect['type']>(g: GameState, type: T): readonly Extract<Effect, { type: T }>[] {
  const entry = effectsEntry(g);
  let list = entry.byType.get(type);
  if (!list) entry.byType.set(type, (list = entry.effects.filter((e) => e.type === type)));
  return list as Extract<Effect, { type: T }>[];
}

/** Cap and price multipliers on one component source, from injects, embargoes and Red outbidding. */
export function supplyModifiers(
  g: GameState,
  component: string,
  sourceKey: string,
  origin: string,
  outbid: { priceMultiplier: number; capMultiplier: number },
): { cap: number; price: number; embargoed: boolean } {
  let cap = 1;
  let price = 1;
  for (const e of ofType(g, 'componentSupply')) {
    if (e.origin !== undefined && e.origin !== origin) continue;
    if (e.component !== undefined && e.component !== component) continue;
    cap *= e.capMultiplier;
    price *= e.priceMultiplier;
  }
  const outbidActive = (g.outbids[component] ?? 0) > g.month && (g.exportControls[component] ?? 0) <= g.month;
  if (outbidActive) {
    cap *= outbid.capMultiplier;
    price *= outbid.priceMultiplier;
  }
  const embargoed = (g.embargoes[sourceKey] ?? 0) > g.month;
  return { cap: embargoed ? 0 : cap, price, embargoed };
}

/** Output multiplier on a product from injects (e.g. cotton-linter halt, optics blast). */
export function productionMultiplier(g: GameState, product: Product): number {
  let m = 1;
  for (const e of ofType(g, 'productionMultiplier')) {
    if (e.product !== undefined && e.product !== product.id) continue;
    if (e.productClass !== undefined && e.productClass !== product.class) continue;
    if (
      e.unlessStock &&
      (g.teams[e.unlessStock.team]?.stock[e.unlessStock.item] ?? 0) >= e.unlessStock.atLeast
    )
      continue;
    m *= e.multiplier;
  }
  return m;
}

/** Share of `product` among the units of `of` committed to all fronts last month. */
export function committedShare(g: GameState, product: string, of: readonly string[]): number {
  let part = 0;
  let total = 0;
  for (const f of Object.values(g.fronts)) {
    for (const p of of) total += f.committed[p] ?? 0;
    part += f.committed[product] ?? 0;
  }
  return total > 0 ? part / total : 0;
}

/** Effect multiplier on a product class at the fronts (e.g. Red's EW leap until fibre reaches a share). */
export function effectMultiplier(g: GameState, productClass: string): number {
  let m = 1;
  for (const e of ofType(g, 'effectMultiplier')) {
    if (e.productClass !== productClass) continue;
    if (e.untilShare && committedShare(g, e.untilShare.product, e.untilShare.of) >= e.untilShare.atLeast)
      continue;
    m *= e.multiplier;
  }
  return m;
}

function frontMultiplier(g: GameState, type: 'redFires' | 'blueBaseFires', front: string): number {
  let m = 1;
  for (const e of ofType(g, type)) if (e.front === undefined || e.front === front) m *= e.multiplier;
  return m;
}

export const redFiresMultiplier = (g: GameState, front: string) => frontMultiplier(g, 'redFires', front);
export const blueBaseMultiplier = (g: GameState, front: string) => frontMultiplier(g, 'blueBaseFires', front);

export function demandMultiplier(g: GameState, front: string, product: string): number {
  let m = 1;
  for (const e of ofType(g, 'demand')) {
    if (e.front !== undefined && e.front !== front) continue;
    if (e.product !== undefined && e.product !== product) continue;
    m *= e.multiplier;
  }
  return m;
}

/** Extra months on expansions and greenfield builds started while a lead-time shock is active. */
export function leadTimeDelay(g: GameState, templateKind: string): number {
  let months = 0;
  for (const e of ofType(g, 'leadTimeDelay'))
    if (e.templateKind === undefined || e.templateKind === templateKind) months += e.months;
  return months;
}
