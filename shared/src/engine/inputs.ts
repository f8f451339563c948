import { LINE_PRIORITIES, type LinePriority } from '../schema/scenario.ts';

/** One line's claim on its owner's inputs this month. */
export interface InputClaim {
  priority: LinePriority;
  /** Units the line could make this month if its inputs were there (capacity and crew allowing). */
  want: number;
  /** Inputs per unit made (the product's bill of materials). */
  bom: readonly { item: string; qty: number }[];
}

/** Passes that hand what a bound line leaves to the lines of its class that could still use it. */
const PASSES = 4;

/**
 * Share a team's stock of inputs among its lines: priority classes in turn (high, normal, low); within
 * a class, each input pro rata to what the lines want of it, so a line's share does not depend on its
 * place in the file. A line bound by one input leaves its share of the others to the rest of its class
 * in the next pass. Returns the units each claim may make; never reserves more of an item than `stock`
 * holds. Pure: `stock` is not changed.
 */
export function shareInputs(
  claims: readonly InputClaim[],
  stock: Readonly<Record<string, number>>,
): number[] {
  const left: Record<string, number> = { ...stock };
  const granted = claims.map(() => 0);
  for (const priority of LINE_PRIORITIES) {
    const members = claims.flatMap((c, i) => (c.priority === priority && c.want > 0 ? [i] : []));
    for (let pass = 0; pass < PASSES; pass++) {
      const demand: Record<string, number> = {};
      for (const i of members) {
        const c = claims[i]!;
        const rest = c.want - granted[i]!;
        for (const b of c.bom) demand[b.item] = (demand[b.item] ?? 0) + rest * b.qty;
      }
      // Each input's share for this pass, fixed before anyone takes: the order of the lines is irrelevant.
      const factor: Record<string, number> = {};
      for (const [item, d] of Object.entries(demand))
        factor[item] = d > 0 ? Math.min(1, Math.max(0, left[item] ?? 0) / d) : 1;
      let moved = false;
      for (const i of members) {
        const c = claims[i]!;
        const rest = c.want - granted[i]!;
        if (rest <= 0) continue;
        let share = 1;
        for (const b of c.bom) share = Math.min(share, factor[b.item] ?? 1);
        // Units whose inputs are all there: what the shares of every input allow, and what is left.
        // The epsilon keeps 55 × (7 / 55) at 7; the second bound keeps rounding from overdrawing.
        let units = Math.floor(rest * share + 1e-9);
        for (const b of c.bom)
          units = Math.min(units, Math.floor((Math.max(0, left[b.item] ?? 0) + 1e-9) / b.qty));
        if (units <= 0) continue;
        granted[i]! += units;
        for (const b of c.bom) left[b.item] = (left[b.item] ?? 0) - units * b.qty;
        moved = true;
      }
      if (!moved) break;
    }
    handOutRemainder(claims, members, granted, left);
  }
  return granted;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rounds of single units after the pro rata passes; each round gives at least one unit or stops. */
const REMAINDER_ROUNDS = 64;

/**
 * Pro rata shares are whole units, so up to a unit per line can be left over. Hand the rest out one
 * unit at a time, the line furthest from what it wants first (ties by the claim's content, so equal
 * claims are interchangeable and the file order still does not matter).
 */
function handOutRemainder(
  claims: readonly InputClaim[],
  members: readonly number[],
  granted: number[],
  left: Record<string, number>,
): void {
  const fits = (c: InputClaim) => c.bom.every((b) => (left[b.item] ?? 0) + 1e-9 >= b.qty);
  const keys = new Map<number, string>();
  const keyOf = (i: number) => {
    let key = keys.get(i);
    if (key === undefined) keys.set(i, (key = JSON.stringify(claims[i]!.bom)));
    return key;
  };
  for (let round = 0; round < REMAINDER_ROUNDS; round++) {
    // Nothing left that any open line could take a unit of: done (the usual case, checked first).
    if (!members.some((i) => claims[i]!.want > granted[i]! && fits(claims[i]!))) return;
    const open = members
      .filter((i) => claims[i]!.want > granted[i]!)
      .map((i) => ({ i, rest: claims[i]!.want - granted[i]! }))
      .sort((a, b) => b.rest - a.rest || compareKeys(keyOf(a.i), keyOf(b.i)));
    let moved = false;
    for (const { i } of open) {
      const c = claims[i]!;
      if (!fits(c)) continue;
      granted[i]! += 1;
      for (const b of c.bom) left[b.item] = (left[b.item] ?? 0) - b.qty;
      moved = true;
    }
    if (!moved) return;
  }
}
