import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';

/** Display names for the ids in views and orders, from the scenario when loaded, else from the view. */
export interface Names {
  team: (id: string) => string;
  product: (id: string) => string;
  /** A product or a component. */
  item: (id: string) => string;
  front: (id: string) => string;
  plant: (id: string) => string;
  line: (plant: string, line: string) => string;
  template: (id: string) => string;
}

export function namesFor(scenario: Scenario | null, view: View | null): Names {
  const map = (items: readonly { id: string; name?: string }[] | undefined) =>
    new Map((items ?? []).map((x) => [x.id, x.name ?? x.id]));
  const teams = map(view?.teams ?? scenario?.teams);
  const products = map(scenario?.products);
  const components = map(scenario?.components);
  const fronts = map(view?.fronts ?? scenario?.fronts);
  // A site not yet built on is named as the plant it will be.
  const plants = map([...(scenario?.sites ?? []), ...(view?.plants ?? scenario?.plants ?? [])]);
  const templates = map(scenario?.templates);
  const get = (m: Map<string, string>) => (id: string) => m.get(id) ?? id;
  return {
    team: (id) => (id === 'facilitator' ? 'facilitator' : (teams.get(id) ?? id)),
    product: get(products),
    item: (id) => products.get(id) ?? components.get(id) ?? id,
    front: get(fronts),
    plant: get(plants),
    line: (plant, line) =>
      view?.plants.find((p) => p.id === plant)?.detail?.lines.find((l) => l.id === line)?.name ??
      scenario?.plants.find((p) => p.id === plant)?.lines.find((l) => l.id === line)?.name ??
      line,
    template: get(templates),
  };
}
