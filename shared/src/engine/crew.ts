import type { Scenario } from '../schema/scenario.ts';
import { labourFactor } from './learning.ts';
import { indexOf } from './lookup.ts';
import { rampShareAt } from './ramp.ts';
import type { LineRuntime } from './state.ts';

/**
 * Skilled workers a line needs this month for one shift. `line.crew` is its crew at full rate (the
 * crews of tranches in service included). Two rules lower it:
 * - a line, or a tranche, ramping by a template with `crewFollowsRamp` needs its crew × its ramp
 *   month's share of nameplate (8 % of the crew in a ramp month at 8 %), the full crew once at rate;
 * - learning (`products[].learning.labourPerDoubling`) multiplies the whole by `labourFactor` of the
 *   line's cumulative output.
 * Without either, it is `line.crew`.
 */
export function crewPerShift(s: Scenario, line: LineRuntime): number {
  const ix = indexOf(s);
  const product = line.product ? ix.products.get(line.product) : undefined;
  const factor = product ? labourFactor(product, line.cumUnits) : 1;
  let crew = line.crew;
  const tpl = line.template ? ix.templates.get(line.template) : undefined;
  const ramping = line.state === 'ramp' || line.state === 'starved';
  if (ramping && tpl?.crewFollowsRamp) {
    // The line's own crew (tranches' crews apart) at its ramp share.
    const tranches = line.expansions.reduce((n, x) => n + (x.stage === 'ramp' ? x.crew : 0), 0);
    crew = (line.crew - tranches) * rampShareAt(tpl, line.rampStep) + tranches;
  }
  for (const x of line.expansions) {
    if (x.stage !== 'ramp') continue;
    const t = ix.templates.get(x.template);
    if (t?.crewFollowsRamp) crew -= x.crew * (1 - rampShareAt(t, x.rampStep));
  }
  return factor === 1 ? crew : crew * factor;
}

/** Skilled workers a line needs this month: one crew per shift (see `crewPerShift`). */
export const crewNeeded = (s: Scenario, line: LineRuntime) => crewPerShift(s, line) * line.shifts;
