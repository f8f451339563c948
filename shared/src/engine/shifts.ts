import type { Scenario } from '../schema/scenario.ts';
import { crewPerShift } from './crew.ts';
import { say } from './finance.ts';
import type { GameState, LineRuntime, NewsEvent, PlantRuntime } from './state.ts';

/**
 * Shifts and overtime, the surge lever of `rules.shifts`: a line's nameplate is one shift's output;
 * each further shift adds `outputPerShift` of it and needs a crew of its own; overtime adds
 * `overtime.output` with the crews there are, for at most `overtime.maxMonths` months in a row.
 */

/** Multiplier on a line's one-shift capacity from its shifts and overtime. */
export function shiftFactor(s: Scenario, line: LineRuntime): number {
  const r = s.rules.shifts;
  if (!r) return 1;
  const extra = (line.shifts - 1) * r.outputPerShift;
  return 1 + extra + (line.overtime && r.overtime ? r.overtime.output : 0);
}

/**
 * € a month a line's shift and overtime premiums cost on top of the plant's wages (paid by its
 * owner): extra shifts' crews at `wagePremium`, every crew at `overtime.wagePremium` on overtime.
 * Scaled by the share of the crew the plant has (`staffing`).
 */
export function shiftPremium(s: Scenario, line: LineRuntime, staffing: number): number {
  const r = s.rules.shifts;
  if (!r) return 0;
  const wage = s.rules.workforce.wagePerMonth * crewPerShift(s, line) * staffing;
  const shifts = (line.shifts - 1) * r.wagePremium;
  const overtime = line.overtime && r.overtime ? line.shifts * r.overtime.wagePremium : 0;
  return wage * (shifts + overtime);
}

/** After production: a month of overtime is counted; at the limit it stops for the rest months. */
export function countOvertime(
  s: Scenario,
  g: GameState,
  plant: PlantRuntime,
  line: LineRuntime,
  news: NewsEvent[],
): void {
  const o = s.rules.shifts?.overtime;
  if (!line.overtime || !o) return;
  line.overtimeMonths += 1;
  if (line.overtimeMonths < o.maxMonths) return;
  line.overtime = false;
  line.overtimeMonths = 0;
  line.restUntil = g.month + 1 + o.restMonths;
  say(
    news,
    g.month,
    'workforce',
    {
      key: 'line.overtimeEnds',
      plant: plant.id,
      line: line.id,
      months: o.maxMonths,
      until: line.restUntil,
    },
    [plant.owner],
  );
}
