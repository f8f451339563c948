import type { Product } from '../schema/scenario.ts';

/**
 * Learning by doing beyond unit cost (`products[].learning`): after `fromUnits` units made on a line,
 * each doubling of the line's cumulative output raises its rate and lowers its crew. Without
 * `learning`, both factors are 1 (only the unit cost learns, by `learningRate`).
 */

/** Doublings of a line's cumulative output `cum` beyond the product's `learning.fromUnits` (0 before). */
export function doublings(p: Pick<Product, 'learning'>, cum: number): number {
  const l = p.learning;
  if (!l || cum <= l.fromUnits) return 0;
  return Math.log2(cum / l.fromUnits);
}

/** Multiplier (≥ 1) on a line's rate: 1 + min(maxRateGain, rateGainPerDoubling × doublings). */
export function rateFactor(p: Pick<Product, 'learning'>, cum: number): number {
  const l = p.learning;
  if (!l || l.rateGainPerDoubling === 0) return 1;
  return 1 + Math.min(l.maxRateGain, l.rateGainPerDoubling * doublings(p, cum));
}

/** Multiplier (≤ 1) on a line's crew: max(minLabour, labourPerDoubling ^ doublings). */
export function labourFactor(p: Pick<Product, 'learning'>, cum: number): number {
  const l = p.learning;
  if (!l || l.labourPerDoubling === 1) return 1;
  return Math.max(l.minLabour, l.labourPerDoubling ** doublings(p, cum));
}
