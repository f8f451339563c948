import type {
  Component,
  ComponentSource,
  FrontSpec,
  Inject,
  Plant,
  Product,
  Scenario,
  Site,
  Team,
  Template,
} from '../schema/scenario.ts';

/** Id-indexed views of a scenario, built once per scenario object. */
export interface ScenarioIndex {
  teams: Map<string, Team>;
  products: Map<string, Product>;
  components: Map<string, Component>;
  /** Keyed `component/source`. */
  sources: Map<string, ComponentSource>;
  /** The `component/source` key of each source, by component then source id (see `sourceKey`). */
  sourceKeys: Map<string, Map<string, string>>;
  plants: Map<string, Plant>;
  sites: Map<string, Site>;
  templates: Map<string, Template>;
  fronts: Map<string, FrontSpec>;
  injects: Map<string, Inject>;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x] as const));

export function indexOf(s: Scenario): ScenarioIndex {
  const hit = cache.get(s);
  if (hit) return hit;
  const sources = new Map<string, ComponentSource>();
  const sourceKeys = new Map<string, Map<string, string>>();
  for (const c of s.components) {
    const keys = new Map<string, string>();
    sourceKeys.set(c.id, keys);
    for (const src of c.sources) {
      const key = `${c.id}/${src.id}`;
      sources.set(key, src);
      keys.set(src.id, key);
    }
  }
  const index: ScenarioIndex = {
    teams: byId(s.teams),
    products: byId(s.products),
    components: byId(s.components),
    sources,
    sourceKeys,
    plants: byId(s.plants),
    sites: byId(s.sites),
    templates: byId(s.templates),
    fronts: byId(s.fronts),
    injects: byId(s.injects),
  };
  cache.set(s, index);
  return index;
}

/**
 * The `component/source` key of a scenario's source (undefined for an unknown one). One string per
 * source, made once: the hot paths look it up in maps and records every month instead of building it.
 */
export function sourceKey(ix: ScenarioIndex, component: string, source: string): string | undefined {
  return ix.sourceKeys.get(component)?.get(source);
}

/** Month label such as "2025-03" for 1-based turn `month` of a scenario starting at `startMonth`. */
export function monthLabel(startMonth: string, month: number): string {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + (month - 1);
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
