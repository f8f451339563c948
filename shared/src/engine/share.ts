/** One claim on a scarce quantity: `key` orders ties and never depends on where a team sits in the file. */
export interface Claim {
  key: string;
  qty: number;
}

/**
 * Share `available` whole units among claims pro rata to what each asks (largest remainder: each gets
 * the floor of its share, then the units left go one each to the largest fractions, ties by `key`).
 * Never gives a claim more than it asks, and gives out min(available, total asked) in all.
 */
export function proRata(available: number, claims: readonly Claim[]): number[] {
  const total = claims.reduce((n, c) => n + c.qty, 0);
  const pool = Math.max(0, Math.floor(available));
  if (total <= pool) return claims.map((c) => c.qty);
  const exact = claims.map((c) => (c.qty * pool) / total);
  const given = exact.map(Math.floor);
  let left = pool - given.reduce((n, x) => n + x, 0);
  const order = claims
    .map((c, i) => ({ i, frac: exact[i]! - given[i]!, key: c.key }))
    .sort((a, b) => b.frac - a.frac || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { i } of order) {
    if (left <= 0) break;
    if (given[i]! >= claims[i]!.qty) continue;
    given[i]! += 1;
    left -= 1;
  }
  return given;
}

/**
 * Share `available` among claims in tiers: every claim of the first tier in full or pro rata, then the
 * next tier from what is left, and so on. Returns the units given per claim, in the input order.
 */
export function byTiers<T extends Claim & { tier: number }>(
  available: number,
  claims: readonly T[],
): number[] {
  const given = claims.map(() => 0);
  let left = Math.max(0, Math.floor(available));
  const tiers = [...new Set(claims.map((c) => c.tier))].sort((a, b) => a - b);
  for (const tier of tiers) {
    const at: number[] = [];
    claims.forEach((c, i) => {
      if (c.tier === tier) at.push(i);
    });
    const got = proRata(
      left,
      at.map((i) => claims[i]!),
    );
    at.forEach((i, k) => {
      given[i] = got[k]!;
      left -= got[k]!;
    });
  }
  return given;
}
