/**
 * About `count` round values (1, 2 or 5 × a power of ten apart) covering [lo, hi], from a tick at or
 * below `lo` to one at or above `hi`: the gridlines of a chart's value axis.
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return hi === 0 ? [0, 1] : [Math.min(0, hi), Math.max(0, hi) || 1];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  // whole multiples of the step, rounded so that 0.1 + 0.2 shows as 0.3
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}
