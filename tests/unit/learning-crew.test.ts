import { describe, expect, it } from 'vitest';
import { doublings, labourFactor, parseScenario, rateFactor, type Scenario } from '@arsenal/shared';
import { bundled, droneLineAtRate, teamActor, type Driver } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/**
 * AutoCo's line A making FPV drones (3,000/month, crew 250; civil line B needs 150 more), yields fixed
 * at 1 so that output is exact, components for months. `edit` sets the case.
 */
function line(skilled: number, edit: (s: Scenario) => void) {
  return droneLineAtRate((x) => {
    x.plants[0]!.workforce.skilled = skilled;
    x.rules.yieldTriangular = { min: 1, mode: 1, max: 1 };
    x.rules.workforce.turnoverPerMonth = 0;
    edit(x);
  });
}

/** Line A's output month by month. */
function outputs(d: Driver, months: number) {
  const rows: number[] = [];
  for (let m = 1; m <= months; m++) {
    d.endMonth();
    rows.push(d.game.plants.le_mans!.lines[0]!.lastOutput);
  }
  return rows;
}

const fpv = (x: Scenario) => x.products.find((p) => p.id === 'fpv_rf')!;
const learning = (l: Partial<NonNullable<Scenario['products'][number]['learning']>>) => ({
  fromUnits: 3000,
  rateGainPerDoubling: 0,
  maxRateGain: 0.5,
  labourPerDoubling: 1,
  minLabour: 0.5,
  ...l,
});

describe('learning raises a line’s rate and lowers its labour (§2.3)', () => {
  it('states the factors: doublings beyond fromUnits, a capped rate gain, a floored labour factor', () => {
    const p = { learning: learning({ rateGainPerDoubling: 0.1, maxRateGain: 0.25, labourPerDoubling: 0.8 }) };
    expect(doublings(p, 1500)).toBe(0);
    expect(doublings(p, 12_000)).toBe(2);
    expect(rateFactor(p, 12_000)).toBeCloseTo(1.2, 12);
    expect(rateFactor(p, 3000 * 2 ** 4)).toBe(1.25); // 0.4 capped at 0.25
    expect(labourFactor(p, 12_000)).toBeCloseTo(0.64, 12);
    expect(labourFactor(p, 3000 * 2 ** 10)).toBe(0.5); // 0.8^10 floored
    expect(rateFactor({}, 1e9)).toBe(1);
    expect(labourFactor({}, 1e9)).toBe(1);
  });

  it('a line two doublings down the curve makes 20 % more with the same crew', () => {
    const cum = (x: Scenario) => (x.plants[0]!.lines[0]!.cumUnits = 12_000);
    const without = outputs(line(600, cum), 1);
    const withGain = outputs(
      line(600, (x) => {
        cum(x);
        fpv(x).learning = learning({ rateGainPerDoubling: 0.1, maxRateGain: 0.25 });
      }),
      3,
    );
    expect(without).toEqual([3000]);
    // 12,000 units on the line: 2 doublings, 1.2 × 3,000. Then 15,600 (log2 5.2 doublings), then
    // past the cap of +25 %.
    const second = Math.floor(3000 * (1 + 0.1 * Math.log2(15_600 / 3000)));
    expect(withGain).toEqual([3600, second, 3750]);
    expect(second).toBeGreaterThan(3600);
  });

  it('the tutorial’s fibre-optic FPV learns: 2,000 made on the line is two doublings past 500', () => {
    const d = line(600, (x) =>
      Object.assign(x.plants[0]!.lines[0]!, { product: 'fpv_fibre', cumUnits: 2000 }),
    );
    d.game.teams.autoco!.stock.fibre_spool = 100_000;
    // +10 % of nameplate per doubling, and 0.9² of the crew: 250 → 202.5 people.
    expect(outputs(d, 1)).toEqual([3600]);
  });

  it('fewer workers per unit: the same plant staff covers more of its lines', () => {
    // 310 skilled for 250 + 150 = 400 needed: 77.5 % staffing without learning. Two doublings at
    // 0.8 cut line A's crew to 160: 310 covers 160 + 150.
    const cum = (x: Scenario) => (x.plants[0]!.lines[0]!.cumUnits = 12_000);
    expect(outputs(line(310, cum), 1)).toEqual([Math.floor(3000 * (310 / 400))]);
    const learned = line(310, (x) => {
      cum(x);
      fpv(x).learning = learning({ labourPerDoubling: 0.8 });
    });
    expect(outputs(learned, 1)).toEqual([3000]);
  });
});

describe('scenario data for learning and crew ramps', () => {
  it('refuses bad learning figures and a non-boolean crewFollowsRamp, with their paths', () => {
    const bad = structuredClone(tutorial) as unknown as {
      products: Record<string, unknown>[];
      templates: Record<string, unknown>[];
    };
    bad.products[0]!.learning = { fromUnits: 0, rateGainPerDoubling: 2, labourPerDoubling: 0 };
    bad.templates[0]!.crewFollowsRamp = 'yes';
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    for (const f of ['fromUnits', 'rateGainPerDoubling', 'labourPerDoubling'])
      expect(paths).toContain(`products.0.learning.${f}`);
    expect(paths).toContain('templates.0.crewFollowsRamp');
  });
});

describe('crew ramps with the line (§2.6)', () => {
  /** Line A just qualified: ramp month 0 of the tutorial's 8 % → 70 % → 100 %. */
  const ramping = (follows: boolean) => (x: Scenario) => {
    Object.assign(x.plants[0]!.lines[0]!, { state: 'ramp', rampStep: 0 });
    x.templates.find((t) => t.id === 'simple_assembly')!.crewFollowsRamp = follows;
  };

  it('a ramping line needs its crew × the ramp share, not the full crew from ramp month 0', () => {
    // 170 skilled: line B's 150 and 20 more. At 8 % line A needs 250 × 0.08 = 20.
    expect(outputs(line(170, ramping(true)), 2)).toEqual([
      240, // 8 % of 3,000, fully staffed
      Math.floor(2100 * (170 / (175 + 150))), // 70 %: 175 needed, the plant is short
    ]);
    // Today's rule (full crew from ramp month 0): 170 of 400 from the first ramp month.
    expect(outputs(line(170, ramping(false)), 1)).toEqual([Math.floor(240 * (170 / 400))]);
  });

  it('at full rate the line needs its full crew', () => {
    const rows = outputs(line(400, ramping(true)), 4);
    expect(rows).toEqual([240, 2100, 3000, 3000]);
    const short = outputs(line(300, ramping(true)), 4);
    // Month 3 at 100 %: 250 + 150 = 400 needed, 300 there.
    expect(short[2]).toBe(Math.floor(3000 * (300 / 400)));
  });

  it('a tranche in service needs its crew × its own ramp share', () => {
    const run = (follows: boolean) => {
      const d = line(400, (x) => {
        x.meta.turns = 30;
        x.templates.push({
          id: 'more_stations',
          name: 'More stations',
          kind: 'expansion',
          leadMonths: 2,
          qualificationMonths: 1,
          ramp: [0.5, 1],
          partnerDesign: false,
          fixedCost: 0,
          costPerMonthlyUnit: 1000,
          crewPerMonthlyUnit: 0.1,
          crewFollowsRamp: follows,
          plantTypes: [],
          makes: { products: ['fpv_rf'], classes: [] },
        });
      });
      d.do(teamActor('autoco'), {
        type: 'submitOrders',
        orders: [
          {
            type: 'invest',
            plant: 'le_mans',
            line: 'line_a',
            template: 'more_stations',
            product: 'fpv_rf',
            addNameplate: 1000,
          },
        ],
      });
      return outputs(d, 4);
    };
    // In service in month 4 at 50 %: 3,500 wanted. Its 100 workers at 50 % → 450 needed of 400.
    expect(run(true)[3]).toBe(Math.floor(3500 * (400 / 450)));
    expect(run(false)[3]).toBe(Math.floor(3500 * (400 / 500)));
  });
});
