import { describe, expect, it } from 'vitest';
import { ErrorCode, validateOrders, type Order, type Scenario } from '@arsenal/shared';
import { droneLineAtRate, facilitator, teamActor, type Driver } from '../helpers/scenarios.ts';

/**
 * AutoCo's line A at full rate on FPV drones (3,000/month a shift, crew 250; civil line B needs 150
 * more), components for months, yield 1. The tutorial's shifts: +80 % a shift at a 25 % premium,
 * overtime +15 % at 50 % for 3 months, then 2 months of rest.
 */
function atRate(skilled: number, edit: (s: Scenario) => void = () => {}) {
  return droneLineAtRate((x) => {
    x.plants[0]!.workforce.skilled = skilled;
    edit(x);
  });
}

const shifts = (n: number, overtime = false): Extract<Order, { type: 'setShifts' }> => ({
  type: 'setShifts',
  plant: 'le_mans',
  line: 'line_a',
  shifts: n,
  overtime,
});

/** Line A's output and the month's wages paid by AutoCo, month by month. */
function run(d: Driver, months: number, orders: Record<number, Order[]> = {}) {
  const rows: { out: number; wages: number; overtime: boolean }[] = [];
  for (let m = 1; m <= months; m++) {
    const mine = orders[m];
    if (mine) d.do(teamActor('autoco'), { type: 'submitOrders', orders: mine });
    d.do(facilitator, { type: 'adjudicate' });
    const g = d.state.context.review!.game;
    const wages = g.payments
      .filter((p) => p.from === 'autoco' && p.reason === 'wages')
      .reduce((n, p) => n + p.amount, 0);
    const l = g.plants.le_mans!.lines[0]!;
    rows.push({ out: l.lastOutput, wages, overtime: l.overtime });
    d.do(facilitator, { type: 'publish' });
  }
  return rows;
}

describe('shifts and overtime (§2.5)', () => {
  it('a second shift adds its share of nameplate for its crew and a wage premium', () => {
    // 650 skilled: two crews of 250 for line A and 150 for line B.
    const base = run(atRate(650), 2);
    const two = run(atRate(650), 2, { 1: [shifts(2)] });
    expect(base.map((r) => r.out)).toEqual([3000, 3000]);
    expect(two.map((r) => r.out)).toEqual([5400, 5400]);
    // 650 × €5,000 wages, plus 25 % on the second crew: 250 × €5,000 × 0.25.
    expect(base[0]!.wages).toBe(650 * 5000);
    expect(two[0]!.wages).toBe(650 * 5000 + 250 * 5000 * 0.25);
  });

  it('needs a crew per shift: without the people, the plant is short alike on every line', () => {
    // 400 skilled for 250 × 2 + 150 = 650 needed: staffing 400 / 650.
    const two = run(atRate(400), 1, { 1: [shifts(2)] });
    expect(two[0]!.out).toBe(Math.floor(5400 * (400 / 650)));
  });

  it('overtime adds its share for at most maxMonths in a row, then the crews rest', () => {
    const d = atRate(400);
    const rows = run(d, 7, { 1: [shifts(1, true)] });
    expect(rows.map((r) => r.out)).toEqual([3450, 3450, 3450, 3000, 3000, 3000, 3000]);
    expect(rows.map((r) => r.overtime)).toEqual([true, true, false, false, false, false, false]);
    // Overtime pays every crew of the line 50 % more.
    expect(rows[0]!.wages).toBe(400 * 5000 + 250 * 5000 * 0.5);
    expect(d.state.context.game.news.some((e) => e.data?.key === 'line.overtimeEnds')).toBe(false);
  });

  it('narrates the order and the end of overtime with typed events', () => {
    const d = atRate(400);
    d.do(teamActor('autoco'), { type: 'submitOrders', orders: [shifts(2, true)] });
    d.do(facilitator, { type: 'adjudicate' });
    expect(d.state.context.review!.news.find((e) => e.data?.key === 'line.shiftsOvertime')).toMatchObject({
      to: ['autoco'],
      data: { plant: 'le_mans', line: 'line_a', shifts: 2 },
    });
    d.do(facilitator, { type: 'publish' }).endMonth();
    d.do(facilitator, { type: 'adjudicate' });
    expect(d.state.context.review!.news.find((e) => e.data?.key === 'line.overtimeEnds')).toMatchObject({
      data: { months: 3, until: 6 },
    });
  });

  it('refuses what the rules do not allow, with a code', () => {
    const d = atRate(400);
    const code = (o: Order, g = d.game) => validateOrders(d.scenario, g, 'autoco', [o])?.code;
    expect(code(shifts(4))).toBe(ErrorCode.TooManyShifts);
    expect(code({ ...shifts(2), line: 'nope' })).toBe(ErrorCode.UnknownLine);
    expect(validateOrders(d.scenario, d.game, 'autoco', [shifts(2), shifts(3)])?.code).toBe(
      ErrorCode.DuplicateOrder,
    );
    expect(validateOrders(d.scenario, d.game, 'dga', [shifts(2)])?.code).toBe(ErrorCode.WrongTeamKind);
    run(d, 3, { 1: [shifts(1, true)] });
    // Month 4: overtime ran out in month 3; rest in months 4 and 5.
    expect(code(shifts(1, true))).toBe(ErrorCode.OvertimeResting);
    expect(code(shifts(2))).toBeUndefined();
    const none = atRate(400, (x) => delete x.rules.shifts);
    expect(validateOrders(none.scenario, none.game, 'autoco', [shifts(2)])?.code).toBe(
      ErrorCode.LeverDisabled,
    );
  });
});
