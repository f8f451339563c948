/** Distribution of one figure over seeds. */
export interface Distribution {
  p10: number;
  median: number;
  p90: number;
  mean: number;
}

/** The `p` quantile (0–1) of sorted values, interpolating between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export function distribution(values: readonly number[]): Distribution {
  const v = [...values].sort((a, b) => a - b);
  return { p10: quantile(v, 0.1), median: quantile(v, 0.5), p90: quantile(v, 0.9), mean: mean(v) };
}

/**
 * The seed noise floor of a figure: how far apart two runs of the same variant can land by the luck
 * of the dice alone. The larger of (a) the gap between the means of two disjoint halves of the seeds
 * (even and odd positions) and (b) twice the standard error of a difference of two means over all the
 * seeds (≈ a 95 % band). A difference between variants within it is not evidence of an effect.
 */
export function noiseFloor(values: readonly number[]): { splitHalf: number; noise: number } {
  const a = values.filter((_, i) => i % 2 === 0);
  const b = values.filter((_, i) => i % 2 === 1);
  const splitHalf = a.length > 0 && b.length > 0 ? Math.abs(mean(a) - mean(b)) : 0;
  const m = mean(values);
  const n = values.length;
  const sd = n > 1 ? Math.sqrt(values.reduce((acc, x) => acc + (x - m) ** 2, 0) / (n - 1)) : 0;
  const se = n > 0 ? sd / Math.sqrt(n) : 0;
  return { splitHalf, noise: Math.max(splitHalf, 2 * Math.SQRT2 * se) };
}
