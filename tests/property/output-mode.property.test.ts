import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutputMode, Scenario } from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/**
 * Both of AutoCo's lines at rate on FPV drones, each at capacity or to orders with a stock target,
 * fully staffed, yields 1, components for months; the DGA holds a contract for `backlog` drones and
 * AutoCo starts with `stock` of them.
 */
const caseArb = fc.record({
  nameplates: fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })),
  modes: fc.tuple(
    fc.constantFrom<OutputMode>('capacity', 'toOrders'),
    fc.constantFrom<OutputMode>('capacity', 'toOrders'),
  ),
  targets: fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 4000 })),
  backlog: fc.integer({ min: 0, max: 12_000 }),
  stock: fc.integer({ min: 0, max: 8000 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function setUp(c: Case) {
  const s = variant(tutorial, (x: Scenario) => {
    const plant = x.plants[0]!;
    plant.workforce.skilled = 10_000;
    plant.lines.forEach((l, i) =>
      Object.assign(l, {
        state: 'rate',
        product: 'fpv_rf',
        template: 'simple_assembly',
        nameplate: c.nameplates[i],
        outputMode: c.modes[i],
        stockTarget: c.targets[i],
      }),
    );
    x.teams.find((t) => t.id === 'autoco')!.money = 1e10;
    x.rules.yieldTriangular = { min: 1, mode: 1, max: 1 };
    x.injects = [];
  });
  const d = new Driver(s).toPlanning();
  Object.assign(d.game.teams.autoco!.stock, {
    motor: 1_000_000,
    battery: 250_000,
    flight_ctrl: 250_000,
    video_link: 250_000,
    fpv_rf: c.stock,
  });
  if (c.backlog > 0) {
    d.do(teamActor('dga'), {
      type: 'offerContract',
      counterparty: 'autoco',
      as: 'buyer',
      terms: {
        product: 'fpv_rf',
        qty: c.backlog,
        unitPrice: 1,
        type: 'spot',
        rating: 'none',
        months: 12,
        advancePct: 0,
        penaltyPerUnitLate: 0,
        cancelFeePct: 0,
        startsIn: 0,
      },
    });
    d.do(teamActor('autoco'), { type: 'acceptContract', contract: d.game.contracts.at(-1)!.id });
  }
  return d;
}

describe('demand-driven output (property)', () => {
  it('to orders a line never makes more than its capacity, nor the lines more than backlog + targets − stock', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const d = setUp(c).endMonth();
        const lines = d.game.plants.le_mans!.lines;
        const out = lines.map((l) => l.lastOutput);
        const demand = Math.max(0, c.backlog + c.targets[0] + c.targets[1] - c.stock);
        const capacity = c.nameplates[0] + c.nameplates[1];
        out.forEach((o, i) => expect(o).toBeLessThanOrEqual(c.nameplates[i]!));
        // A line at capacity makes its nameplate; the lines to orders make no more than the demand.
        out.forEach((o, i) => c.modes[i] === 'capacity' && expect(o).toBe(c.nameplates[i]));
        const toOrders = out.reduce((n, o, i) => n + (c.modes[i] === 'toOrders' ? o : 0), 0);
        expect(toOrders).toBeLessThanOrEqual(demand);
        // Both to orders: together they make exactly what is called for, up to their capacity.
        if (c.modes.every((m) => m === 'toOrders')) expect(toOrders).toBe(Math.min(demand, capacity));
        // Idle capacity is the capacity no order called for, whatever the modes.
        expect(d.game.teams.autoco!.idleCapacity).toBe(capacity - Math.min(demand, capacity));
      }),
      { numRuns: 60 },
    );
  });
});
