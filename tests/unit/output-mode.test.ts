import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  metricValue,
  parseScenario,
  validateOrders,
  type ContractTerms,
  type Order,
  type Scenario,
} from '@arsenal/shared';
import { bundled, Driver, droneLineAtRate, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const dga = teamActor('dga');
const autoco = teamActor('autoco');

/**
 * AutoCo's line A at full rate on FPV drones (3,000/month; 600 skilled cover lines A and B), yields 1,
 * components for months. `edit` sets the case.
 */
function atRate(edit: (s: Scenario) => void = () => {}) {
  return droneLineAtRate((x) => {
    x.rules.yieldTriangular = { min: 1, mode: 1, max: 1 };
    x.rules.workforce.turnoverPerMonth = 0;
    edit(x);
  });
}

const terms = (qty: number, months: number): ContractTerms => ({
  product: 'fpv_rf',
  qty,
  unitPrice: 700,
  type: 'spot',
  rating: 'none',
  months,
  advancePct: 0,
  penaltyPerUnitLate: 0,
  cancelFeePct: 0,
  startsIn: 0,
});

/** The DGA orders `qty` drones over `months`; AutoCo accepts. */
function contract(d: Driver, qty: number, months: number) {
  d.do(dga, { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms: terms(qty, months) });
  d.do(autoco, { type: 'acceptContract', contract: d.game.contracts.at(-1)!.id });
}

const toOrders = (stockTarget: number, mode: 'toOrders' | 'capacity' = 'toOrders'): Order => ({
  type: 'setOutputMode',
  plant: 'le_mans',
  line: 'line_a',
  mode,
  stockTarget,
});

/** Line A's output, AutoCo's stock and its idle capacity and stranded capex, month by month. */
function run(d: Driver, months: number, orders: Record<number, Order[]> = {}) {
  const rows: { out: number; stock: number; idle: number; stranded: number; by: string | null }[] = [];
  for (let m = 1; m <= months; m++) {
    const mine = orders[m];
    if (mine) d.do(autoco, { type: 'submitOrders', orders: mine });
    d.endMonth();
    const l = d.game.plants.le_mans!.lines[0]!;
    const t = d.game.teams.autoco!;
    rows.push({
      out: l.lastOutput,
      stock: t.stock.fpv_rf ?? 0,
      idle: t.idleCapacity,
      stranded: t.strandedCapex,
      by: l.limitedBy,
    });
  }
  return rows;
}

describe('demand-driven output (§2.4)', () => {
  it('a line at capacity makes all it can, orders or not (today’s rule, the default)', () => {
    const rows = run(atRate(), 2);
    expect(rows.map((r) => r.out)).toEqual([3000, 3000]);
    // No orders call for it: all 3,000 are idle capacity, though the line runs.
    expect(rows[0]!.idle).toBe(3000);
  });

  it('to orders, a line makes backlog + stock target − stock, never more than capacity', () => {
    const d = atRate();
    contract(d, 1200, 12); // 100 a month
    const rows = run(d, 4, { 1: [toOrders(500)] });
    // Month 1: 1,200 backlog + 500 target − 0 in stock = 1,700; 100 delivered, 1,600 left in stock.
    expect(rows[0]).toMatchObject({ out: 1700, stock: 1600, by: 'orders' });
    // Month 2: 1,100 + 500 − 1,600 = 0: the line stands idle, its whole capacity without orders.
    expect(rows[1]).toMatchObject({ out: 0, stock: 1500, idle: 3000 });
    expect(rows[2]!.out).toBe(0);
    // Same with a backlog beyond capacity: capacity binds.
    const big = atRate();
    contract(big, 36_000, 12);
    expect(run(big, 1, { 1: [toOrders(0)] })[0]).toMatchObject({ out: 3000, idle: 0 });
  });

  it('idle capacity strands the capex invested in the line, pro rata', () => {
    const d = atRate();
    d.game.plants.le_mans!.lines[0]!.capex = 1_200_000;
    contract(d, 1200, 12);
    const rows = run(d, 2, { 1: [toOrders(0)] });
    // Month 1: 1,200 of 3,000 called for: 1,800 idle, 60 % of €1.2M.
    expect(rows[0]).toMatchObject({ out: 1200, idle: 1800, stranded: 720_000 });
    expect(rows[1]).toMatchObject({ out: 0, idle: 3000, stranded: 1_200_000 });
    const s = d.scenario;
    expect(metricValue(s, d.game, { kind: 'strandedCapex', team: 'autoco' })).toBe(1_200_000);
    expect(metricValue(s, d.game, { kind: 'idleCapacity', team: 'autoco' })).toBe(3000);
    // The month record carries both for the team, for its charts and the after-action report.
    expect(d.game.history.at(-1)!.kpis.autoco).toMatchObject({
      idleCapacity: 3000,
      strandedCapex: 1_200_000,
    });
    expect(d.game.history.at(-1)!.kpis.dga).not.toHaveProperty('strandedCapex');
  });

  it('a conversion, an investment and a new plant add their cost to the capex tied in the line', () => {
    const d = new Driver(variant(tutorial, (x) => (x.injects = []))).toPlanning();
    d.do(autoco, {
      type: 'submitOrders',
      orders: [
        {
          type: 'convertLine',
          plant: 'le_mans',
          line: 'line_a',
          product: 'fpv_rf',
          template: 'simple_assembly',
        },
      ],
    });
    d.endMonth();
    // €2M fixed + €400 × 3,000 of nameplate.
    expect(d.game.plants.le_mans!.lines[0]!.capex).toBe(2_000_000 + 400 * 3000);
  });

  it('the line’s mode holds until changed and can go back to capacity', () => {
    const d = atRate();
    const rows = run(d, 3, { 1: [toOrders(200)], 3: [toOrders(0, 'capacity')] });
    expect(rows.map((r) => r.out)).toEqual([200, 0, 3000]);
    expect(d.game.plants.le_mans!.lines[0]).toMatchObject({ outputMode: 'capacity', stockTarget: 0 });
  });

  it('the scenario can start a line to orders (plants[].lines[].outputMode, stockTarget)', () => {
    const d = atRate((x) =>
      Object.assign(x.plants[0]!.lines[0]!, { outputMode: 'toOrders', stockTarget: 400 }),
    );
    expect(run(d, 1)[0]).toMatchObject({ out: 400, stock: 400, idle: 2600 });
  });

  it('refuses a line that is not the team’s, with a code and nothing changed', () => {
    const d = atRate();
    const r = validateOrders(d.scenario, d.game, 'autoco', [
      { type: 'setOutputMode', plant: 'le_mans', line: 'nope', mode: 'toOrders', stockTarget: 0 },
    ]);
    expect(r).toMatchObject({ ok: false, code: ErrorCode.UnknownLine });
    const before = JSON.stringify(d.state);
    expect(d.try(teamActor('army'), { type: 'submitOrders', orders: [toOrders(0)] })).toMatchObject({
      ok: false,
    });
    expect(JSON.stringify(d.state)).toBe(before);
  });

  it('the schema refuses a bad mode or a negative stock target, with the path', () => {
    const bad = structuredClone(tutorial) as unknown as { plants: { lines: Record<string, unknown>[] }[] };
    Object.assign(bad.plants[0]!.lines[0]!, { outputMode: 'sometimes', stockTarget: -5 });
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toContain('plants.0.lines.0.outputMode');
    expect(paths).toContain('plants.0.lines.0.stockTarget');
  });
});
