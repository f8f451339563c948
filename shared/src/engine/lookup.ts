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
  for (const c of s.components) for (const src of c.sources) sources.set(`${c.id}/${src.id}`, src);
  const index: ScenarioIndex = {
    teams: byId(s.teams),
    products: byId(s.products),
    components: byId(s.components),
    sources,
    plants: byId(s.plants),
    sites: byId(s.sites),
    templates: byId(s.templates),
    fronts: byId(s.fronts),
    injects: byId(s.injects),
  };
  cache.set(s, index);
  return index;
}

/** Month label such as "2025-03" for 1-based turn `month` of a scenario starting at `startMonth`. */
export function monthLabel(startMonth: string, month: number): string {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + (month - 1);
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
