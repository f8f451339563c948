import { describe, expect, it } from 'vitest';
import type { Scenario } from '@arsenal/shared';
import { droneLineAtRate, teamActor, type Driver } from '../helpers/scenarios.ts';

/**
 * AutoCo's line A at full rate on FPV drones (3,000/month, crew 250; civil line B needs 150 more),
 * with components for months, and an expansion template: 2 months to build, 1 to qualify, a 2-month
 * ramp of 50 % then 100 %, 0.1 skilled workers per unit/month added.
 */
function atRate(skilled: number, ramp: Scenario['templates'][number]['ramp'] = [0.5, 1]) {
  return droneLineAtRate((x) => {
    x.plants[0]!.workforce.skilled = skilled;
    x.templates.push({
      id: 'more_stations',
      name: 'More stations',
      kind: 'expansion',
      leadMonths: 2,
      qualificationMonths: 1,
      ramp,
      partnerDesign: false,
      fixedCost: 0,
      costPerMonthlyUnit: 1000,
      crewPerMonthlyUnit: 0.1,
      plantTypes: [],
      makes: { products: ['fpv_rf'], classes: [] },
    });
  }, 30);
}

const expand = {
  type: 'invest',
  plant: 'le_mans',
  line: 'line_a',
  template: 'more_stations',
  product: 'fpv_rf',
  addNameplate: 1000,
} as const;

/** Output of line A and its nameplate and crew, month by month, with or without the expansion order. */
function run(d: Driver, months: number, order: boolean) {
  const rows: { out: number; nameplate: number; crew: number }[] = [];
  for (let m = 1; m <= months; m++) {
    if (m === 1 && order) d.do(teamActor('autoco'), { type: 'submitOrders', orders: [expand] });
    d.endMonth();
    const l = d.game.plants.le_mans!.lines[0]!;
    rows.push({ out: l.lastOutput, nameplate: l.nameplate, crew: l.crew });
  }
  return rows;
}

describe('capacity expansion', () => {
  it('needs its crew when the capacity arrives, not from the order month (defect 2)', () => {
    // 400 skilled: exactly lines A and B. The added 100 workers are short only once in service.
    const rows = run(atRate(400), 4, true);
    const control = run(atRate(400), 4, false);
    expect(rows.slice(0, 3).map((r) => r.out)).toEqual(control.slice(0, 3).map((r) => r.out));
    expect(rows.slice(0, 3).map((r) => r.crew)).toEqual([250, 250, 250]);
    expect(rows[3]!.crew).toBe(350);
    // In service at 50 %: 3,500 wanted, but 400 of the 500 needed: 80 % staffing.
    expect(rows[3]!.out).toBe(Math.floor(3500 * 0.8));
  });

  it('is built, qualified, then ramps along its template before joining nameplate (defect 3)', () => {
    const rows = run(atRate(600), 6, true);
    // Ordered in month 1: built by month 3, qualified in month 4's planning, so it runs at 50 % in
    // month 4 and at 100 % in month 5, when it joins the nameplate.
    expect(rows.map((r) => r.out)).toEqual([3000, 3000, 3000, 3500, 4000, 4000]);
    expect(rows.map((r) => r.nameplate)).toEqual([3000, 3000, 3000, 3000, 4000, 4000]);
  });

  it('follows a ramp given as a curve, longer than twelve months', () => {
    const rows = run(atRate(600, { monthsToFull: 20, start: 0.05, exponent: 2 }), 24, true);
    const added = rows.map((r) => r.out - 3000);
    expect(added.slice(0, 3)).toEqual([0, 0, 0]);
    expect(added[3]).toBe(50); // 5 % of 1,000 in the first month in service
    for (let k = 4; k < 23; k++) expect(added[k]!).toBeGreaterThanOrEqual(added[k - 1]!);
    expect(added[21]).toBeLessThan(1000); // month 19 of the ramp
    expect(added[22]).toBe(1000); // the 20th ramp month is at full rate
    expect(rows[22]!.nameplate).toBe(4000);
  });
});
