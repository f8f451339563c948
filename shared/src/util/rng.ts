/**
 * mulberry32: a small seeded PRNG whose whole state is one uint32, kept in the exercise state so that a
 * replay draws exactly the same numbers. Every draw returns the next state with the value.
 */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return [value, next];
}

/** Mutable cursor over the PRNG state, for use inside one pure adjudication. */
export class Dice {
  constructor(public state: number) {}

  /** Uniform in [0, 1). */
  next(): number {
    const [v, s] = nextRandom(this.state);
    this.state = s;
    return v;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Sum of `dice` rolls of a `sides`-sided die. */
  roll(dice: number, sides: number): number {
    let total = 0;
    for (let i = 0; i < dice; i++) total += 1 + Math.floor(this.next() * sides);
    return total;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  triangular(min: number, mode: number, max: number): number {
    if (max <= min) return min;
    const u = this.next();
    const c = (mode - min) / (max - min);
    return u < c
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
}

/** Spread a user seed into a well-mixed initial PRNG state. */
export function seedState(seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
