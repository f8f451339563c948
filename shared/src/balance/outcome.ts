import type { BotStrength } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { Autoplay } from '../bots/autoplay.ts';
import { createExercise } from '../machine/exercise.ts';
import { objectiveStatus, teamScore } from '../engine/metrics.ts';
import { scheduledBy } from '../engine/contracts.ts';
import type { Contract, GameState } from '../engine/state.ts';

/** One seed's outcome: every measured figure, keyed like `territory.donbas` or `unspent.dga`. */
export interface SeedOutcome {
  seed: number;
  values: Record<string, number>;
}

const CAPITAL = new Set(['capex', 'conversion']);

/**
 * Play `s` with bots in every seat at the given strengths for `turns` months (default: all) and
 * measure the outcome. Pure and deterministic for a given scenario, seed and strengths.
 *
 * Figures: `territory.<front>` (steps at the end), `frontsLost` (fronts that ended more than half-way
 * from their start to the floor of their track), `fireRatio.<front>` (last month), `output.<product>`
 * and `delivered.<product>` (units over the game), `unspent.<team>` (share of all the € the team had,
 * start plus receipts, still held at the end, 0–1), `capex.<team>` (€ spent on expansions and
 * conversions), `score.<team>` (0–100), `objectives.<team>` and `objectives.blue` (objectives met),
 * `redWins` (1 when an adversary scores above 50), `lineMonths.idle` / `lineMonths.starved` (line-months
 * spent idle or starved), `politicalCapital.<team>` (held at the end), `conversionMonths.<product>`
 * (months from the first accepted order converting a line to the product to that line's first unit of
 * it; absent when no such line made any), `fill.rated` / `fill.unrated` / `fill.DX` / `fill.DO` (share of the units
 * scheduled on rated, unrated, DX- and DO-rated contracts that were delivered), `fill.DXoverDO` (DX
 * fill minus DO fill, averaged over the sellers' products that had both), `fill.ratedOverUnrated` (the
 * same for rated against unrated contracts).
 */
export function runSeed(
  s: Scenario,
  seed: number,
  strength: Record<string, BotStrength>,
  turns = s.meta.turns,
): SeedOutcome {
  const play = new Autoplay(
    s,
    createExercise(s, { seed, bots: s.teams.map((t) => t.id), botStrength: strength }),
  );
  const f = { role: 'facilitator' } as const;
  const values: Record<string, number> = {};
  const add = (key: string, n: number) => (values[key] = (values[key] ?? 0) + n);
  for (const t of s.teams) values[`capex.${t.id}`] = 0;
  values['lineMonths.idle'] = 0;
  values['lineMonths.starved'] = 0;
  /** The first conversion ordered to each product: its line and month, until the line makes the product. */
  const converting = new Map<string, { plant: string; line: string; month: number; done: boolean }>();
  play.send(f, { type: 'startPlanning' });
  for (let m = 0; m < turns && play.state.phase === 'planning'; m++) {
    const logged = play.log.length;
    play.botsPlay();
    for (const e of play.log.slice(logged))
      if (e.command.type === 'submitOrders')
        for (const o of e.command.orders)
          if (o.type === 'convertLine' && !converting.has(o.product))
            converting.set(o.product, { plant: o.plant, line: o.line, month: m + 1, done: false });
    play.send(f, { type: 'adjudicate' });
    const review = play.state.context.review?.game;
    for (const p of review?.payments ?? []) if (CAPITAL.has(p.reason)) add(`capex.${p.from}`, p.amount);
    play.send(f, { type: 'publish' });
    for (const plant of Object.values(play.state.context.game.plants))
      for (const l of plant.lines) {
        if (l.state === 'idle') add('lineMonths.idle', 1);
        if (l.state === 'starved') add('lineMonths.starved', 1);
      }
    for (const [product, c] of converting) {
      const l = play.state.context.game.plants[c.plant]?.lines.find((x) => x.id === c.line);
      if (c.done || !l || l.product !== product || l.lastOutput <= 0) continue;
      c.done = true;
      values[`conversionMonths.${product}`] = m + 1 - c.month;
    }
  }
  Object.assign(values, endFigures(s, play.state.context.game));
  return { seed, values };
}

function endFigures(s: Scenario, g: GameState): Record<string, number> {
  const v: Record<string, number> = {};
  v.frontsLost = 0;
  for (const spec of s.fronts) {
    const t = g.fronts[spec.id]?.territory ?? spec.territory.value;
    v[`territory.${spec.id}`] = t;
    v[`fireRatio.${spec.id}`] = g.history.at(-1)?.fireRatio[spec.id] ?? 0;
    if (t <= (spec.territory.value + spec.territory.min) / 2) v.frontsLost += 1;
  }
  for (const p of s.products) {
    v[`output.${p.id}`] = g.ledger.produced[p.id] ?? 0;
    v[`delivered.${p.id}`] = g.history.reduce((n, h) => n + (h.deliveredToFronts[p.id] ?? 0), 0);
  }
  v.redWins = 0;
  v['objectives.blue'] = 0;
  for (const spec of s.teams) {
    const t = g.teams[spec.id];
    if (!t) continue;
    const had = spec.money + t.received;
    v[`unspent.${spec.id}`] = had > 0 ? t.money / had : 0;
    v[`politicalCapital.${spec.id}`] = t.politicalCapital;
    const score = teamScore(s, g, spec.id);
    v[`score.${spec.id}`] = score;
    const met = objectiveStatus(s, g, spec.id).filter((o) => o.met).length;
    v[`objectives.${spec.id}`] = met;
    if (spec.kind === 'adversary') {
      if (score > 50) v.redWins = 1;
    } else v['objectives.blue'] += met;
  }
  const fill = fillRates(g);
  v['fill.rated'] = fill.rated;
  v['fill.unrated'] = fill.unrated;
  v['fill.DX'] = fill.DX;
  v['fill.DO'] = fill.DO;
  v['fill.DXoverDO'] = lead(g, (c) => (c.terms.rating === 'DX' ? 'a' : c.terms.rating === 'DO' ? 'b' : null));
  v['fill.ratedOverUnrated'] = lead(g, (c) => (c.terms.rating === 'none' ? 'b' : 'a'));
  return v;
}

/**
 * Share of the units scheduled by the end that were delivered: on rated and unrated contracts, and on
 * DX- and DO-rated ones (1 when none was scheduled).
 */
function fillRates(g: GameState): Record<'rated' | 'unrated' | 'DX' | 'DO', number> {
  const due = { rated: 0, unrated: 0, DX: 0, DO: 0 };
  const done = { rated: 0, unrated: 0, DX: 0, DO: 0 };
  for (const c of g.contracts) {
    if (c.status !== 'active' && c.status !== 'completed') continue;
    const owed = scheduledBy(c, g.month - 1);
    const got = Math.min(owed, c.delivered);
    const keys = c.terms.rating === 'none' ? (['unrated'] as const) : (['rated', c.terms.rating] as const);
    for (const k of keys) {
      due[k] += owed;
      done[k] += got;
    }
  }
  const share = (k: keyof typeof due) => (due[k] > 0 ? done[k] / due[k] : 1);
  return { rated: share('rated'), unrated: share('unrated'), DX: share('DX'), DO: share('DO') };
}

/**
 * How far ahead orders of kind `a` were served over orders of kind `b` from the same seller for the
 * same product: over the (seller, product) pairs holding contracts of both kinds, the mean of `a`'s
 * fill minus `b`'s (0 when no seller held both).
 */
function lead(g: GameState, kindOf: (c: Contract) => 'a' | 'b' | null): number {
  const pairs = new Map<string, { a: [number, number]; b: [number, number] }>();
  for (const c of g.contracts) {
    const kind = kindOf(c);
    if ((c.status !== 'active' && c.status !== 'completed') || !kind) continue;
    const key = `${c.seller}/${c.terms.product}`;
    const p = pairs.get(key) ?? { a: [0, 0], b: [0, 0] };
    pairs.set(key, p);
    const owed = scheduledBy(c, g.month - 1);
    p[kind][0] += Math.min(owed, c.delivered);
    p[kind][1] += owed;
  }
  const gaps = [...pairs.values()]
    .filter((p) => p.a[1] > 0 && p.b[1] > 0)
    .map((p) => p.a[0] / p.a[1] - p.b[0] / p.b[1]);
  return gaps.length > 0 ? gaps.reduce((x, y) => x + y, 0) / gaps.length : 0;
}
