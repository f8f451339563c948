import { pickText } from '../schema/text.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { SeedOutcome } from './outcome.ts';
import { distribution, mean, noiseFloor, type Distribution } from './stats.ts';
import { combine, LEVERS, parseVariant, type Variant } from './variant.ts';

export interface VariantSummary {
  id: string;
  runs: number;
  figures: Record<string, Distribution>;
}

export interface AblationRow {
  variant: string;
  /** Figures whose mean moved beyond the noise floor, with the move. */
  moved: { figure: string; baseline: number; value: number; delta: number; noise: number }[];
  /** True when nothing moved beyond noise: the lever or inject is a dead mechanic. */
  dead: boolean;
}

export interface BalanceReport {
  scenario: { id: string; title: string };
  turns: number;
  seeds: number[];
  baseline: VariantSummary;
  /** The baseline's figures seed by seed, in seed order (for charts of the spread). */
  baselineRuns: SeedOutcome[];
  /** Noise floor of each figure, from the baseline's seeds. */
  noise: Record<string, { splitHalf: number; noise: number }>;
  variants: VariantSummary[];
  ablation: AblationRow[];
}

/** Figures an ablation looks at (per-front fire ratios and deliveries follow territory and output). */
const HEADLINE =
  /^(territory|frontsLost|output|delivered|score|objectives|redWins|unspent|capex|lineMonths|fill)/;

/**
 * The ablation variants of a scenario on top of `base`: each lever the scenario offers flipped (forced
 * off when it is on at the start or unlocked by an inject that fires by itself, forced on when only the
 * facilitator's inject unlocks it) and each inject removed, or, when only the facilitator can fire it,
 * forced at `forceMonth`. A lever off at the start that no inject unlocks is not part of the scenario
 * and is left out (ask for it with a `lever.<id>=on` variant).
 */
export function ablationVariants(s: Scenario, base: Variant, forceMonth: number): Variant[] {
  const out: Variant[] = [];
  const unlocks = (i: Scenario['injects'][number], lever: string) =>
    i.effects.some((e) => e.type === 'unlockLever' && e.lever === lever);
  for (const lever of LEVERS) {
    if (base.levers[lever] !== undefined) continue;
    if (!s.levers[lever] && !s.injects.some((i) => unlocks(i, lever))) continue;
    const unlocked = s.injects.some((i) => i.trigger.type !== 'facilitator' && unlocks(i, lever));
    const on = s.levers[lever] || unlocked;
    out.push(ablation(base, `lever.${lever}=${on ? 'off' : 'on'}`));
  }
  for (const inj of s.injects) {
    if (base.removeInjects.includes(inj.id) || base.forceInjects[inj.id] !== undefined) continue;
    out.push(
      ablation(
        base,
        inj.trigger.type === 'facilitator' ? `inject.${inj.id}@${forceMonth}` : `inject.${inj.id}=off`,
      ),
    );
  }
  return out;
}

function ablation(base: Variant, text: string): Variant {
  const v = parseVariant(text);
  if (typeof v === 'string') throw new Error(`bug: ${v}`);
  return combine(base, v, text);
}

/** Distributions of every figure over a variant's seeds. */
export function summarise(id: string, outcomes: readonly SeedOutcome[]): VariantSummary {
  return { id, runs: outcomes.length, figures: mapFigures(outcomes, distribution) };
}

function mapFigures<T>(outcomes: readonly SeedOutcome[], f: (values: number[]) => T): Record<string, T> {
  const keys = [...new Set(outcomes.flatMap((o) => Object.keys(o.values)))].sort();
  return Object.fromEntries(keys.map((k) => [k, f(outcomes.map((o) => o.values[k] ?? 0))]));
}

/**
 * The balance report: the baseline's distributions and noise floor, each other variant's
 * distributions, and for each ablation variant the headline figures whose mean moved beyond noise.
 * `outcomes` holds each variant's seed outcomes, in seed order, the baseline's under `baseline`.
 */
export function buildBalanceReport(
  s: Scenario,
  turns: number,
  seeds: number[],
  baseline: string,
  outcomes: ReadonlyMap<string, readonly SeedOutcome[]>,
  ablations: readonly string[],
): BalanceReport {
  const base = outcomes.get(baseline) ?? [];
  const noise = mapFigures(base, noiseFloor);
  const baseMeans = mapFigures(base, mean);
  const variants = [...outcomes].filter(([id]) => id !== baseline).map(([id, runs]) => summarise(id, runs));
  const ablation = ablations.map((id): AblationRow => {
    const means = mapFigures(outcomes.get(id) ?? [], mean);
    const moved = Object.entries(means)
      .filter(([k]) => HEADLINE.test(k))
      .map(([figure, value]) => {
        const b = baseMeans[figure] ?? 0;
        return { figure, baseline: b, value, delta: value - b, noise: noise[figure]?.noise ?? 0 };
      })
      .filter((r) => Math.abs(r.delta) > r.noise && Math.abs(r.delta) > 1e-9);
    return { variant: id, moved, dead: moved.length === 0 };
  });
  return {
    scenario: { id: s.meta.id, title: pickText(s.meta.title, 'en') },
    turns,
    seeds,
    baseline: summarise(baseline, base),
    baselineRuns: [...base],
    noise,
    variants,
    ablation,
  };
}
