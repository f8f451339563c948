import type { Scenario } from '../schema/scenario.ts';
import { pickText, type Lang, type LocalizedText } from '../schema/text.ts';
import { MESSAGES, NEWS_KINDS, TERMS, type NewsKey, type TermSet } from './catalog.ts';
import { formatters, type Formatters } from './format.ts';

/** A parameter of a message: an id or a free string, a figure, a scenario text, a nested message or a list. */
export type NewsValue = string | number | Partial<Record<Lang, string>> | NewsMessage | NewsValue[];

/** What the engine records of a piece of news: a catalogued key and its parameters (never text). */
export interface NewsMessage {
  key: NewsKey;
  [param: string]: NewsValue;
}

/** Scenario names for the ids a message carries. The client's `Names` fits, as does `nameBook`. */
export interface NameBook {
  team: (id: string) => string;
  plant: (id: string) => string;
  line: (plant: string, line: string) => string;
  /** A product or a component. */
  item: (id: string) => string;
  front: (id: string) => string;
  template: (id: string) => string;
}

type Named = Pick<Scenario, 'teams' | 'products' | 'components' | 'plants' | 'fronts' | 'templates'> &
  Partial<Pick<Scenario, 'sites'>>;

const books = new WeakMap<object, NameBook>();

/** Names from a scenario (or the part of it an audience receives); unknown ids stay as they are. */
export function nameBook(s: Named): NameBook {
  const hit = books.get(s);
  if (hit) return hit;
  const map = (xs: readonly { id: string; name: string }[]) => new Map(xs.map((x) => [x.id, x.name]));
  const teams = map(s.teams);
  const products = map(s.products);
  const components = map(s.components);
  // A site becomes a plant of the same id once building starts.
  const plants = map([...(s.sites ?? []), ...s.plants]);
  const fronts = map(s.fronts);
  const templates = map(s.templates);
  const lines = new Map(s.plants.flatMap((p) => p.lines.map((l) => [`${p.id}/${l.id}`, l.name] as const)));
  const book: NameBook = {
    team: (id) => teams.get(id) ?? id,
    plant: (id) => plants.get(id) ?? id,
    line: (plant, line) => lines.get(`${plant}/${line}`) ?? line,
    item: (id) => products.get(id) ?? components.get(id) ?? id,
    front: (id) => fronts.get(id) ?? id,
    template: (id) => templates.get(id) ?? id,
  };
  books.set(s, book);
  return book;
}

const TEAM_PARAMS = new Set(['team', 'buyer', 'seller', 'recipient']);
const TERM_PARAMS = new Set<string>(Object.keys(TERMS));

const isMessage = (v: NewsValue): v is NewsMessage =>
  typeof v === 'object' && !Array.isArray(v) && typeof (v as { key?: unknown }).key === 'string';

interface Reader {
  lang: Lang;
  names: NameBook;
  fmt: Formatters;
}

function term(set: TermSet, value: string, lang: Lang): string {
  const terms = TERMS[set] as Record<string, Record<Lang, string>>;
  return (terms[value] ?? (set === 'refusal' ? terms.other : undefined))?.[lang] ?? value;
}

function value(name: string, v: NewsValue, m: NewsMessage, r: Reader): string {
  if (Array.isArray(v)) {
    const list = new Intl.ListFormat(r.lang, { style: 'long', type: 'unit' });
    return list.format(v.map((x) => value(name, x, m, r)));
  }
  if (typeof v === 'object') return isMessage(v) ? write(v, r) : (pickText(v as LocalizedText, r.lang) ?? '');
  if (typeof v === 'number') {
    const text = name.endsWith('Eur')
      ? r.fmt.money(v)
      : name.endsWith('Pct')
        ? r.fmt.pct(v)
        : name === 'ratio'
          ? r.fmt.ratio(v)
          : r.fmt.figure(v);
    // a change (`delta`, `deltaEur`) is written with its sign
    return name.startsWith('delta') && v > 0 ? `+${text}` : text;
  }
  if (TEAM_PARAMS.has(name)) return r.names.team(v);
  if (TERM_PARAMS.has(name)) return term(name as TermSet, v, r.lang);
  switch (name) {
    case 'plant':
      return r.names.plant(v);
    case 'line':
      return typeof m.plant === 'string' ? r.names.line(m.plant, v) : v;
    case 'item':
      return r.names.item(v);
    case 'front':
      return r.names.front(v);
    case 'template':
      return r.names.template(v);
    default:
      return v;
  }
}

function write(m: NewsMessage, r: Reader): string {
  const template = MESSAGES[m.key]?.[r.lang] ?? MESSAGES[m.key]?.en ?? m.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = m[name];
    return v === undefined ? whole : value(name, v, m, r);
  });
}

/**
 * A message in the reader's language: names from the scenario, figures and money by the locale (Intl),
 * terms and nested messages translated. Pure: the same message, language and names give the same text.
 */
export function narrate(m: NewsMessage, lang: Lang, names: NameBook, fmt: Formatters = formatters(lang)) {
  const text = write(m, { lang, names, fmt });
  // A sentence starts with a capital, unless it starts with a contract's id (c12).
  if (MESSAGES[m.key]?.en.startsWith('{contract}')) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The tag of an event kind in the reader's language (the kind itself when it is not catalogued). */
export function kindLabel(kind: string, lang: Lang): string {
  return (NEWS_KINDS as Record<string, Record<Lang, string>>)[kind]?.[lang] ?? kind;
}

/** A piece of news in words with the scenario's names: English unless told otherwise. */
export function newsText(s: Named, e: { data: NewsMessage }, lang: Lang = 'en'): string {
  return narrate(e.data, lang, nameBook(s));
}
