import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  checkPolicy,
  parseScenario,
  playPolicy,
  policySchema,
  type MonthRecord,
  type Policy,
  type Scenario,
} from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

/**
 * A calibration case: a small scenario modelling one sourced real programme, a scripted policy (the
 * decisions history records), and the timeline figures history gives. The engine passes an anchor
 * when engine ÷ history lies within [0.5, 2] for every seed played.
 *
 * A case borrows the flagship's templates (and injects) by id, so that what is calibrated is the
 * flagship's own data: the borrowed template keeps its timing, ramp and costs; a borrowed inject becomes facilitator-only, without its concession, and the policy fires it.
 */
const id = z.string().regex(/^[a-z][a-z0-9_-]*$/);
const common = {
  id,
  label: z.string().min(1),
  history: z.number().positive().describe('the historical figure, in the unit of the anchor kind'),
  cite: z.array(z.string()).min(1).describe('source ids from the case sources'),
  note: z.string().optional(),
};
const anchorSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ ...common, kind: z.literal('monthsToFirstOutput'), product: id, from: z.number().int() })
    .describe('months from the order month `from` to the first month with output'),
  z.strictObject({ ...common, kind: z.literal('monthlyOutput'), product: id, month: z.number().int() }),
  z.strictObject({ ...common, kind: z.literal('cumulativeOutput'), product: id, month: z.number().int() }),
  z
    .strictObject({
      ...common,
      kind: z.literal('outputOver'),
      product: id,
      from: z.number().int(),
      to: z.number().int(),
    })
    .describe('units made in months from…to, inclusive (a calendar or production year)'),
  z
    .strictObject({
      ...common,
      kind: z.literal('monthsToReach'),
      product: id,
      atLeast: z.number().positive(),
      from: z.number().int(),
    })
    .describe('months from `from` to the first month whose output is at least `atLeast`'),
  z
    .strictObject({
      ...common,
      kind: z.literal('delayFrom'),
      inject: id,
      product: id,
      atLeast: z.number().positive(),
    })
    .describe('months by which firing `inject` delays the first month of output ≥ atLeast'),
]);
export type Anchor = z.infer<typeof anchorSchema>;

const caseSchema = z.strictObject({
  id,
  title: z.string().min(1),
  programme: z.string().min(1),
  seeds: z.number().int().min(1).max(2000).default(100),
  sources: z.array(z.strictObject({ id: z.string(), url: z.string().url(), note: z.string().optional() })),
  borrow: z
    .strictObject({
      templates: z
        .array(
          z.union([
            id,
            z.strictObject({
              id,
              makes: z.strictObject({
                products: z.array(id).default([]),
                classes: z.array(z.string()).default([]),
              }),
            }),
          ]),
        )
        .default([])
        .describe(
          'flagship templates by id; `{id, makes}` keeps its timing and costs for the products the case makes',
        ),
      injects: z.array(id).default([]),
    })
    .default({ templates: [], injects: [] }),
  policy: policySchema,
  anchors: z.array(anchorSchema).min(1),
  scenario: z.record(z.string(), z.unknown()),
});
export type CalibrationCase = z.infer<typeof caseSchema> & { scenarioData: Scenario; policy: Policy };

const DIR = join(import.meta.dirname, 'cases');

/** Build a case's scenario: its own data, the flagship's rules and levers unless it gives them, and the borrowed items. */
function assemble(c: z.infer<typeof caseSchema>, flagship: Scenario): unknown {
  const own = c.scenario as Record<string, unknown>;
  const templates = [...((own.templates as unknown[]) ?? [])];
  const injects = [...((own.injects as unknown[]) ?? [])];
  const cited = new Set<string>();
  for (const b of c.borrow.templates) {
    const ref = typeof b === 'string' ? b : b.id;
    const t = flagship.templates.find((x) => x.id === ref);
    if (!t) throw new Error(`${c.id}: the flagship has no template "${ref}"`);
    templates.push(typeof b === 'string' ? t : { ...t, makes: b.makes });
    t.cite?.forEach((x) => cited.add(x));
  }
  for (const i of c.borrow.injects) {
    const inj = flagship.injects.find((x) => x.id === i);
    if (!inj) throw new Error(`${c.id}: the flagship has no inject "${i}"`);
    // the concession names a flagship team the case need not have; the case's policy fires it anyway
    const { concession: _concession, ...borrowed } = inj;
    injects.push({ ...borrowed, trigger: { type: 'facilitator' } });
    inj.cite?.forEach((x) => cited.add(x));
  }
  const sources = [...c.sources];
  for (const src of flagship.sources)
    if (cited.has(src.id) && !sources.some((x) => x.id === src.id)) sources.push(src);
  return {
    levers: flagship.levers,
    ...own,
    // A case may replace some of the flagship's rules (its workforce, say) and keep the others.
    rules: { ...flagship.rules, ...((own.rules as object | undefined) ?? {}) },
    templates,
    injects,
    sources,
  };
}

/** Load and validate one case file (throws with every error and its path). */
export function loadCase(file: string, flagship = bundled('france-2025')): CalibrationCase {
  const raw = caseSchema.safeParse(parse(readFileSync(join(DIR, file), 'utf8')));
  if (!raw.success)
    throw new Error(
      `${file}: ${raw.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const r = parseScenario(assemble(raw.data, flagship));
  if (!r.ok)
    throw new Error(`${file}: ${r.errors.map((e) => `scenario.${e.path}: ${e.message}`).join('; ')}`);
  const bad = checkPolicy(r.scenario, raw.data.policy);
  if (bad.length) throw new Error(`${file}: ${bad.map((e) => `policy.${e.path}: ${e.message}`).join('; ')}`);
  const sourceIds = new Set(raw.data.sources.map((x) => x.id));
  for (const a of raw.data.anchors)
    for (const x of a.cite)
      if (!sourceIds.has(x)) throw new Error(`${file}: anchor ${a.id} cites unknown "${x}"`);
  return { ...raw.data, scenarioData: r.scenario };
}

export const caseFiles = () =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

/** Month records of one seed played under the case's policy (no bots: only the policy acts). */
export function playCase(c: CalibrationCase, seed: number, policy: Policy = c.policy): MonthRecord[] {
  const { play, rejected } = playPolicy(c.scenarioData, { seed, policy, bots: [] });
  if (rejected.length)
    throw new Error(
      `${c.id} seed ${seed}: ${rejected.map((r) => `${r.path} ${r.code} ${r.message}`).join('; ')}`,
    );
  return play.state.context.game.history;
}

const out = (h: MonthRecord[], product: string, month: number) =>
  h.find((m) => m.month === month)?.output[product] ?? 0;

function firstMonth(h: MonthRecord[], product: string, atLeast: number): number | null {
  for (const m of h) if ((m.output[product] ?? 0) >= atLeast) return m.month;
  return null;
}

/** The engine's figure for an anchor in one seed's run; null when the run never gets there. */
export function anchorValue(c: CalibrationCase, a: Anchor, h: MonthRecord[], seed: number): number | null {
  switch (a.kind) {
    case 'monthsToFirstOutput': {
      const m = firstMonth(h, a.product, 1);
      return m === null ? null : m - a.from;
    }
    case 'monthlyOutput':
      return out(h, a.product, a.month);
    case 'cumulativeOutput':
      return h.filter((m) => m.month <= a.month).reduce((n, m) => n + (m.output[a.product] ?? 0), 0);
    case 'outputOver':
      return h
        .filter((m) => m.month >= a.from && m.month <= a.to)
        .reduce((n, m) => n + (m.output[a.product] ?? 0), 0);
    case 'monthsToReach': {
      const m = firstMonth(h, a.product, a.atLeast);
      return m === null ? null : m - a.from;
    }
    case 'delayFrom': {
      const without = {
        actions: c.policy.actions.filter((x) => !('fireInject' in x && x.fireInject === a.inject)),
      };
      const withIt = firstMonth(h, a.product, a.atLeast);
      const counter = firstMonth(playCase(c, seed, without), a.product, a.atLeast);
      return withIt === null || counter === null ? null : withIt - counter;
    }
  }
}

export interface AnchorResult {
  case: string;
  anchor: Anchor;
  /** the engine's figure over the seeds: 10th percentile, median, 90th (null: some seeds never get there) */
  p10: number | null;
  median: number | null;
  p90: number | null;
  /** engine median ÷ history */
  ratio: number | null;
  /** share of seeds whose engine ÷ history lies within [0.5, 2] */
  inBand: number;
  pass: boolean;
}

/** Seeds whose ratio may fall outside the band: dice (qualification failures, yields) have tails. */
export const MIN_IN_BAND = 0.9;
export const inBand = (ratio: number) => ratio >= 0.5 && ratio <= 2;

function quantile(xs: readonly (number | null)[], q: number): number | null {
  // A run that never gets there sorts above every figure.
  const sorted = [...xs].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? null;
}

/**
 * Play every seed of a case and compare each anchor with history: an anchor passes when the median
 * engine ÷ history lies within [0.5, 2] and so does that of at least 90 % of the seeds.
 */
export function calibrate(c: CalibrationCase, seeds = c.seeds): AnchorResult[] {
  const values = c.anchors.map(() => [] as (number | null)[]);
  for (let seed = 1; seed <= seeds; seed++) {
    const h = playCase(c, seed);
    c.anchors.forEach((a, i) => values[i]!.push(anchorValue(c, a, h, seed)));
  }
  return c.anchors.map((a, i) => {
    const vs = values[i]!;
    const median = quantile(vs, 0.5);
    const ratio = median === null ? null : median / a.history;
    const share = vs.filter((v) => v !== null && inBand(v / a.history)).length / vs.length;
    return {
      case: c.id,
      anchor: a,
      p10: quantile(vs, 0.1),
      median,
      p90: quantile(vs, 0.9),
      ratio,
      inBand: share,
      pass: ratio !== null && inBand(ratio) && share >= MIN_IN_BAND,
    };
  });
}
