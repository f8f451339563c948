import type { RampCurve, Template } from '../schema/scenario.ts';

const cache = new WeakMap<object, readonly number[]>();

/** The ramp months of a curve: share of nameplate in each ramp month, the last at 1. */
export function curveSteps(c: RampCurve): number[] {
  if (c.monthsToFull <= 1) return [1];
  const steps: number[] = [];
  for (let k = 0; k < c.monthsToFull; k++) {
    const share = c.start + (1 - c.start) * (k / (c.monthsToFull - 1)) ** c.exponent;
    steps.push(Math.round(share * 10_000) / 10_000);
  }
  return steps;
}

/**
 * A template's ramp as one share of nameplate per ramp month (the last is 1), whether the scenario
 * gives it as a list or as a curve. Cached per template object.
 */
export function rampSteps(t: Pick<Template, 'ramp'>): readonly number[] {
  if (Array.isArray(t.ramp)) return t.ramp;
  const hit = cache.get(t.ramp);
  if (hit) return hit;
  const steps = curveSteps(t.ramp as RampCurve);
  cache.set(t.ramp, steps);
  return steps;
}

/** Share of nameplate in ramp month `step` (0-based); past the end of the ramp, full rate. */
export function rampShareAt(t: Pick<Template, 'ramp'>, step: number): number {
  const steps = rampSteps(t);
  return steps[Math.min(step, steps.length - 1)] ?? 1;
}

/** Number of ramp months of a template (0 without one). */
export const rampLength = (t: Pick<Template, 'ramp'> | undefined) => (t ? rampSteps(t).length : 0);
