import type { Scenario } from '../schema/scenario.ts';
import { runSeed, type SeedOutcome } from './outcome.ts';
import { ablationVariants } from './report.ts';
import { applyVariant, strengthsOf, type Variant } from './variant.ts';

/** What a balance run plays: the baseline, the variants asked for and the ablation, each over every seed. */
export interface BalancePlan {
  base: Variant;
  /** Every variant played, the baseline first. */
  all: Variant[];
  /** Ids of the ablation variants (a lever flipped or an inject removed or forced). */
  ablations: string[];
}

export function planBalance(
  s: Scenario,
  o: { base: Variant; variants: readonly Variant[]; ablation: boolean; forceMonth: number },
): BalancePlan {
  const ablations = o.ablation ? ablationVariants(s, o.base, o.forceMonth) : [];
  return { base: o.base, all: [o.base, ...o.variants, ...ablations], ablations: ablations.map((v) => v.id) };
}

/** One game of a balance run: `s` changed by the variant, its seats at the variant's strengths. */
export function runVariantSeed(s: Scenario, v: Variant, seed: number, turns: number): SeedOutcome {
  return runSeed(applyVariant(s, v), seed, strengthsOf(s, v), turns);
}
