import type { Order, OrderType, Scenario, View } from '@arsenal/shared';
import { concessionsFor, investProducts, LINE_PRIORITIES, OUTPUT_MODES, templatesFor } from '@arsenal/shared';

/**
 * The fields of each order type, the choices each field offers (from the scenario and the team's
 * view), and the conversion of what was typed into an `Order`. Rules (money, busy lines, caps) are
 * the engine's: `checkDraft` runs them on the result.
 */

export type FieldKind =
  | 'team'
  | 'ownPlant'
  | 'otherPlant'
  | 'line'
  | 'conversionProduct'
  | 'templateProduct'
  | 'stockProduct'
  | 'item'
  | 'conversionTemplate'
  | 'investTemplate'
  | 'ownSite'
  | 'siteTemplate'
  | 'component'
  | 'source'
  | 'front'
  | 'offer'
  | 'rivalOffer'
  | 'abroadItem'
  | 'purpose'
  | 'concession'
  | 'priority'
  | 'outputMode'
  | 'qty'
  | 'units'
  | 'yesNo'
  | 'euros';

/** Every field name of every order type (each has a `field.<name>` label in the dictionaries). */
export type FieldName =
  | 'to'
  | 'amount'
  | 'purpose'
  | 'plant'
  | 'line'
  | 'product'
  | 'template'
  | 'addNameplate'
  | 'count'
  | 'component'
  | 'source'
  | 'qty'
  | 'front'
  | 'item'
  | 'offer'
  | 'priority'
  | 'site'
  | 'shifts'
  | 'overtime'
  | 'mode'
  | 'stockTarget'
  | 'inject';

export interface FieldSpec {
  name: FieldName;
  kind: FieldKind;
  optional?: boolean;
}

export const FIELDS: Record<OrderType, FieldSpec[]> = {
  budget: [
    { name: 'to', kind: 'team' },
    { name: 'amount', kind: 'euros' },
    { name: 'purpose', kind: 'purpose' },
  ],
  convertLine: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'line', kind: 'line' },
    { name: 'product', kind: 'conversionProduct' },
    { name: 'template', kind: 'conversionTemplate' },
  ],
  revertLine: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'line', kind: 'line' },
  ],
  setLinePriority: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'line', kind: 'line' },
    { name: 'priority', kind: 'priority' },
  ],
  setOutputMode: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'line', kind: 'line' },
    { name: 'mode', kind: 'outputMode' },
    { name: 'stockTarget', kind: 'units', optional: true },
  ],
  setShifts: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'line', kind: 'line' },
    { name: 'shifts', kind: 'qty' },
    { name: 'overtime', kind: 'yesNo' },
  ],
  invest: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'template', kind: 'investTemplate' },
    { name: 'line', kind: 'line', optional: true },
    { name: 'product', kind: 'templateProduct' },
    { name: 'addNameplate', kind: 'qty' },
  ],
  buildPlant: [
    { name: 'site', kind: 'ownSite' },
    { name: 'template', kind: 'siteTemplate' },
    { name: 'product', kind: 'templateProduct' },
    { name: 'addNameplate', kind: 'qty' },
  ],
  hire: [
    { name: 'plant', kind: 'ownPlant' },
    { name: 'count', kind: 'qty' },
  ],
  buyComponents: [
    { name: 'component', kind: 'component' },
    { name: 'source', kind: 'source' },
    { name: 'qty', kind: 'qty' },
  ],
  allocate: [
    { name: 'front', kind: 'front' },
    { name: 'product', kind: 'stockProduct' },
    { name: 'qty', kind: 'qty' },
  ],
  transfer: [
    { name: 'to', kind: 'team' },
    { name: 'item', kind: 'item' },
    { name: 'qty', kind: 'qty' },
  ],
  buyMarketOffer: [
    { name: 'offer', kind: 'offer' },
    { name: 'qty', kind: 'qty' },
  ],
  repatriate: [
    { name: 'item', kind: 'abroadItem' },
    { name: 'qty', kind: 'qty' },
  ],
  strike: [{ name: 'plant', kind: 'otherPlant' }],
  ewUpgrade: [{ name: 'front', kind: 'front' }],
  outbid: [{ name: 'component', kind: 'component' }],
  outbidOffer: [{ name: 'offer', kind: 'rivalOffer' }],
  surge: [
    { name: 'front', kind: 'front' },
    { name: 'amount', kind: 'euros' },
  ],
  exportControl: [{ name: 'component', kind: 'component' }],
  concede: [{ name: 'inject', kind: 'concession' }],
};

export type FieldValues = Record<string, string>;

export interface Choice {
  value: string;
  label: string;
}

/** `qty` and `euros` are positive; `units` is a whole number that may be 0 (a stock target). */
const NUMERIC = new Set<FieldKind>(['qty', 'euros', 'units']);
export const isNumeric = (kind: FieldKind) => NUMERIC.has(kind);

/** Choices for a select field, given the values chosen so far (a line depends on its plant). */
export function choicesFor(
  kind: FieldKind,
  s: Scenario,
  view: View,
  team: string,
  values: FieldValues,
): Choice[] {
  const ownPlants = view.plants.filter((p) => p.owner === team);
  switch (kind) {
    case 'team':
      return view.teams
        .filter((t) => t.id !== team && t.kind !== 'adversary')
        .map((t) => ({ value: t.id, label: t.name }));
    case 'ownPlant':
      return ownPlants.map((p) => ({ value: p.id, label: p.name }));
    case 'otherPlant':
      return view.plants.filter((p) => p.owner !== team).map((p) => ({ value: p.id, label: p.name }));
    case 'line':
      return (view.plants.find((p) => p.id === values.plant)?.detail?.lines ?? []).map((l) => ({
        value: l.id,
        label: l.name,
      }));
    case 'conversionProduct': {
      // Only products some conversion template can make at this plant.
      const plantType = view.plants.find((p) => p.id === values.plant)?.type;
      return s.products
        .filter((p) => templatesFor(s, 'conversion', { plantType, product: p.id }).length > 0)
        .map((p) => ({ value: p.id, label: p.name }));
    }
    case 'templateProduct': {
      // An investment names its template first: only the products that template can make, and for
      // an expansion of a chosen line only what that line makes (the engine's own rule).
      const tpl = s.templates.find((t) => t.id === values.template);
      const line = values.line
        ? view.plants.find((p) => p.id === values.plant)?.detail?.lines.find((l) => l.id === values.line)
        : undefined;
      return (tpl ? investProducts(s, tpl, line) : s.products).map((p) => ({ value: p.id, label: p.name }));
    }
    case 'stockProduct': {
      const stock = view.me?.team.stock ?? {};
      return s.products.map((p) => ({ value: p.id, label: `${p.name} (${Math.floor(stock[p.id] ?? 0)})` }));
    }
    case 'item': {
      const stock = view.me?.team.stock ?? {};
      return [...s.products, ...s.components].map((p) => ({
        value: p.id,
        label: `${p.name} (${Math.floor(stock[p.id] ?? 0)})`,
      }));
    }
    case 'conversionTemplate':
    case 'investTemplate': {
      // A conversion names its product first: only the templates that fit the plant and make it.
      const plantType = view.plants.find((p) => p.id === values.plant)?.type;
      const product = kind === 'conversionTemplate' ? values.product || undefined : undefined;
      const use = kind === 'conversionTemplate' ? 'conversion' : 'capacity';
      return templatesFor(s, use, { plantType, product }).map((tpl) => ({ value: tpl.id, label: tpl.name }));
    }
    case 'ownSite':
      // The team's sites not yet built on.
      return s.sites
        .filter((x) => x.owner === team && !view.plants.some((p) => p.id === x.id))
        .map((x) => ({ value: x.id, label: x.name }));
    case 'siteTemplate': {
      const plantType = s.sites.find((x) => x.id === values.site)?.type;
      return templatesFor(s, 'capacity', { plantType, kind: 'greenfield' }).map((tpl) => ({
        value: tpl.id,
        label: tpl.name,
      }));
    }
    case 'component':
      return s.components.map((c) => ({ value: c.id, label: c.name }));
    case 'source':
      return (s.components.find((c) => c.id === values.component)?.sources ?? []).map((src) => ({
        value: src.id,
        label: src.origin,
      }));
    case 'front':
      return view.fronts.map((f) => ({ value: f.id, label: f.name }));
    case 'offer':
    case 'rivalOffer':
      return view.marketOffers
        .filter((m) => m.endMonth > view.month && (kind === 'offer' || m.rivalBids))
        .map((m) => ({ value: m.id, label: m.id }));
    case 'abroadItem': {
      // Only what the team holds abroad.
      const abroad = view.me?.team.abroad ?? {};
      return [...s.products, ...s.components]
        .filter((p) => p.id in abroad)
        .map((p) => ({ value: p.id, label: `${p.name} (${Math.floor(abroad[p.id] ?? 0)})` }));
    }
    case 'purpose':
      return ['appropriation', 'subsidy', 'capexSubsidy'].map((p) => ({ value: p, label: p }));
    case 'concession':
      // The injects this team may avert with political capital (the engine refuses a settled one).
      return concessionsFor(s, team).map((i) => ({ value: i.id, label: i.id }));
    case 'yesNo':
      return [
        { value: 'false', label: 'no' },
        { value: 'true', label: 'yes' },
      ];
    case 'priority':
      return LINE_PRIORITIES.map((p) => ({ value: p, label: p }));
    case 'outputMode':
      return OUTPUT_MODES.map((m) => ({ value: m, label: m }));
    default:
      return [];
  }
}

/** Fields that depend on another: changing the key clears them. */
const DEPENDENTS: Record<string, string[]> = {
  plant: ['line', 'template'],
  component: ['source'],
};

/** Per order type: a conversion's template depends on its product, an investment's product on its template. */
const DEPENDENT_BY_TYPE: Partial<Record<OrderType, Record<string, string[]>>> = {
  convertLine: { plant: ['product'], product: ['template'] },
  invest: { template: ['product'], line: ['product'] },
  buildPlant: { site: ['template', 'product'], template: ['product'] },
};

export function setField(values: FieldValues, name: string, value: string, type?: OrderType): FieldValues {
  const next = { ...values, [name]: value };
  const dependents = [...(DEPENDENTS[name] ?? []), ...((type && DEPENDENT_BY_TYPE[type]?.[name]) ?? [])];
  for (const d of dependents) delete next[d];
  return next;
}

/** Sensible first values: the first choice of every select, so a keyboard user starts from a valid form. */
export function defaults(type: OrderType, s: Scenario, view: View, team: string): FieldValues {
  let values: FieldValues = {};
  for (const f of FIELDS[type]) {
    if (isNumeric(f.kind) || f.optional) continue;
    const first = choicesFor(f.kind, s, view, team, values)[0];
    if (first) values = setField(values, f.name, first.value, type);
  }
  return values;
}

export type BuildResult =
  { ok: true; order: Order } | { ok: false; field: string; problem: 'required' | 'positive' | 'whole' };

/** Turns the typed values into an order, or names the first field that is missing or not a number. */
export function buildOrder(type: OrderType, values: FieldValues): BuildResult {
  const out: Record<string, unknown> = { type };
  for (const f of FIELDS[type]) {
    const raw = (values[f.name] ?? '').trim();
    if (!raw) {
      if (f.optional) continue;
      return { ok: false, field: f.name, problem: 'required' };
    }
    if (f.kind === 'yesNo') {
      out[f.name] = raw === 'true';
      continue;
    }
    if (!isNumeric(f.kind)) {
      out[f.name] = raw;
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || (n === 0 && f.kind !== 'units'))
      return { ok: false, field: f.name, problem: 'positive' };
    if (f.kind !== 'euros' && !Number.isInteger(n)) return { ok: false, field: f.name, problem: 'whole' };
    out[f.name] = n;
  }
  return { ok: true, order: out as Order };
}

/** The typed values of an existing order, to edit it. */
export function valuesOf(order: Order): FieldValues {
  const values: FieldValues = {};
  for (const [k, v] of Object.entries(order)) if (k !== 'type') values[k] = String(v);
  return values;
}
