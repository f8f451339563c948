import { describe, expect, it } from 'vitest';
import {
  Autoplay,
  createExercise,
  LANGS,
  MESSAGES,
  nameBook,
  narrate,
  NEWS_KINDS,
  orderMessage,
  ORDER_KINDS,
  TERMS,
  type NewsEvent,
  type Order,
  type Scenario,
} from '@arsenal/shared';
import { bundled, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const flagship = bundled('france-2025');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every event the engine can tell is written in each language', () => {
  it('each kind of event has its tag in every language', () => {
    for (const [kind, texts] of Object.entries(NEWS_KINDS))
      for (const lang of LANGS) expect(texts[lang], `${kind} ${lang}`).toMatch(/\S/);
  });

  it('each message has a text in every language, with the same parameters', () => {
    expect(Object.keys(MESSAGES).length).toBeGreaterThan(60);
    for (const [key, texts] of Object.entries(MESSAGES)) {
      for (const lang of LANGS) expect(texts[lang], `${key} ${lang}`).toMatch(/\S/);
      for (const lang of LANGS)
        expect(placeholders(texts[lang]), `${key} ${lang}`).toEqual(placeholders(texts.en));
    }
  });

  it('each term (priorities, purposes, refusals) is written in every language', () => {
    for (const [set, values] of Object.entries(TERMS))
      for (const [value, texts] of Object.entries(values))
        for (const lang of LANGS) expect(texts[lang], `${set}.${value} ${lang}`).toMatch(/\S/);
  });

  it('each order type has its sentence', () => {
    const keys = new Set(Object.keys(MESSAGES));
    for (const type of Object.keys(ORDER_KINDS)) expect(keys.has(`order.${type}`), type).toBe(true);
  });
});

/** Every piece of news of whole games played by bots, month by month. */
function playedNews(s: Scenario, seed: number, months: number): NewsEvent[] {
  const play = new Autoplay(s, createExercise(s, { seed, bots: [] }));
  const seen = new Set<NewsEvent>();
  // After every command: contract moves are told during planning, and adjudication replaces the news.
  const send = play.send.bind(play);
  play.send = (actor, command) => {
    const ok = send(actor, command);
    for (const e of play.state.context.game.news) seen.add(e);
    return ok;
  };
  for (let i = 0; i < months && play.state.phase !== 'finished'; i++) play.playMonth();
  return [...seen];
}

/** The scenario's ids that must never reach a reader: product, component, line, plant and team ids. */
function rawIds(s: Scenario): RegExp {
  const all = [
    ...s.products.map((p) => p.id),
    ...s.components.map((c) => c.id),
    ...s.plants.flatMap((p) => [p.id, ...p.lines.map((l) => l.id)]),
    ...s.teams.map((t) => t.id),
    ...s.templates.map((t) => t.id),
    'capexSubsidy',
    'order/',
  ];
  // An id that is also a word of some name ("motor" in "Brushless motor") cannot be told apart.
  const words = [
    s.products,
    s.components,
    s.plants,
    s.plants.flatMap((p) => p.lines),
    s.teams,
    s.templates,
    s.fronts,
  ]
    .flat()
    .map((x) => x.name.toLowerCase())
    .join(' ');
  const ids = all.filter((id) => id.length > 3 && !words.includes(id.toLowerCase()));
  return new RegExp(`(^|[^\\p{L}_-])(${ids.join('|')})($|[^\\p{L}_-])`, 'u');
}

describe('the narration of whole games', () => {
  // A scenario where subsidies are open from the start, so that grants and skipped orders appear too.
  const open = variant(flagship, (x) => {
    x.levers = { priorityRatings: true, subsidies: true, multiYear: true, exportControls: true };
  });
  const games = [
    { s: tutorial, news: playedNews(tutorial, 3, 6) },
    { s: flagship, news: playedNews(flagship, 11, 12) },
    { s: open, news: playedNews(open, 5, 8) },
  ];

  it('tells every event with scenario names and no placeholder left, in each language', () => {
    const kinds = new Set<string>();
    for (const { s, news } of games) {
      const names = nameBook(s);
      const raw = rawIds(s);
      for (const e of news) {
        kinds.add(e.kind);
        expect(Object.keys(NEWS_KINDS)).toContain(e.kind);
        expect(Object.keys(MESSAGES)).toContain(e.data.key);
        for (const lang of LANGS) {
          const text = narrate(e.data, lang, names);
          expect(text, JSON.stringify(e.data)).not.toMatch(/\{\w+\}/);
          expect(text, JSON.stringify(e.data)).not.toMatch(raw);
          expect(text).not.toMatch(/undefined|NaN|\[object/);
        }
      }
    }
    // The games reach the main kinds of news, so the checks above are not vacuous.
    for (const k of ['front', 'production', 'contract', 'conversion', 'line', 'inject'])
      expect(kinds, k).toContain(k);
  });

  it('gives the reason for an order that was not carried out, naming the team and what it asked', () => {
    const skipped = games.flatMap(({ s, news }) =>
      news.filter((e) => e.kind === 'order_skipped').map((e) => ({ s, e })),
    );
    for (const { s, e } of skipped) {
      const en = narrate(e.data, 'en', nameBook(s));
      expect(en).toMatch(/^.+: order not carried out \(.+\): .+\.$/);
    }
  });
});

describe('numbers and money in the reader’s locale', () => {
  const names = nameBook(tutorial);
  const front = {
    key: 'front.loses',
    front: 'east',
    side: 'Blue',
    blue: 900,
    red: 1400,
    ratio: 0.64,
  } as const;

  it('writes French figures the French way: narrow spaces between thousands, decimal commas', () => {
    expect(narrate(front, 'fr', names)).toBe(
      'Eastern sector (Donbas) : Blue perd du terrain (feux 900 contre 1\u202f400, rapport 0,64).',
    );
    expect(narrate(front, 'en', names)).toBe(
      'Eastern sector (Donbas): Blue loses ground (fires 900 vs 1,400, ratio 0.64).',
    );
  });

  it('writes money one way per language, and a grant’s purpose as a word', () => {
    const grant = {
      key: 'budget.granted',
      team: 'gov',
      amountEur: 12_500_000,
      recipient: 'dga',
      purpose: 'capexSubsidy',
    } as const;
    const s = flagship;
    const fr = narrate(grant, 'fr', nameBook(s));
    expect(fr).toMatch(/ 12,5\sM\s€ /u);
    expect(fr).toContain('subvention d’investissement');
    expect(fr).not.toContain('capexSubsidy');
    expect(narrate(grant, 'en', nameBook(s))).toContain('€12.5M');
  });

  it('names products, lines and sources in an order, in either language', () => {
    const s = flagship;
    const plant = s.plants.find((p) => p.lines.length > 0)!;
    const line = plant.lines[0]!;
    const comp = s.components[0]!;
    const orders: Order[] = [
      { type: 'buyComponents', component: comp.id, source: comp.sources[0]!.id, qty: 12_000 },
      { type: 'setLinePriority', plant: plant.id, line: line.id, priority: 'high' },
    ];
    const [buy, priority] = orders.map((o) => orderMessage(s, o));
    expect(narrate(buy!, 'fr', nameBook(s))).toBe(
      `Acheter 12\u202f000 ${comp.name} auprès de ${comp.sources[0]!.origin}`,
    );
    expect(narrate(priority!, 'fr', nameBook(s))).toBe(
      `Priorité haute sur les intrants pour ${line.name} de ${plant.name}`,
    );
    expect(narrate(priority!, 'en', nameBook(s))).toBe(
      `High priority for inputs on ${line.name} at ${plant.name}`,
    );
  });
});
