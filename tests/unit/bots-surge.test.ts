import { describe, expect, it } from 'vitest';
import { botCommands, validateOrders, type Contract, type Order, type Scenario } from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

/**
 * The competent industry bot uses the newer orders (issue 12): extra shifts and overtime when its
 * book outruns its lines, a new plant on its site when the book over the game calls for it, and
 * making to order (with a month of stock) what nobody has bought. Through the same command path as
 * people: the orders it submits are valid and the engine applies them.
 */
const flagship = bundled('france-2025');

/** The flagship with the tutorial's shift rules and a greenfield site for the prime. */
function withSurge(edit: (s: Scenario) => void = () => {}): Scenario {
  return variant(flagship, (x) => {
    x.rules.shifts = {
      max: 3,
      outputPerShift: 0.8,
      wagePremium: 0.25,
      overtime: { output: 0.15, wagePremium: 0.5, maxMonths: 3, restMonths: 2 },
    };
    x.sites = [
      {
        id: 'test_site',
        name: 'Test munitions plant',
        owner: 'prime',
        type: 'munitions',
        landCost: 10_000_000,
        buildCost: 50_000_000,
        buildMonths: 6,
        workforce: { skilled: 300, convertible: 0 },
        security: 0,
        criticality: 0,
      },
    ];
    // a quick greenfield line (the flagship's takes 18 months, too long to pay within its game)
    const slow = x.templates.find((tpl) => tpl.id === 'greenfield_d')!;
    x.templates.push({
      ...structuredClone(slow),
      id: 'quick_greenfield',
      name: 'Quick greenfield munitions line',
      leadMonths: 3,
      qualificationMonths: 0,
      ramp: [0.5, 1],
      fixedCost: 10_000_000,
      costPerMonthlyUnit: 2000,
    });
    edit(x);
  });
}

/** Planning of month 1 with the prime's seat a bot of `strength` and a DGA book of `qty` shells. */
function prime(s: Scenario, qty: number, strength: 'plain' | 'competent' = 'competent', money?: number) {
  const d = new Driver(s).toPlanning();
  const g = d.state.context.game;
  d.state.context.botStrength = { prime: strength };
  if (money !== undefined) g.teams.prime!.money = money;
  if (qty > 0) {
    const c: Contract = {
      id: 'c-test',
      buyer: 'dga',
      seller: 'prime',
      terms: {
        product: 'shell_155',
        qty,
        unitPrice: 4000,
        type: 'multiYear',
        rating: 'none',
        months: 24,
        advancePct: 0,
        penaltyPerUnitLate: 0,
        cancelFeePct: 0,
        startsIn: 0,
      },
      status: 'active',
      awaiting: 'dga',
      startMonth: 1,
      delivered: 0,
      paid: 0,
      history: [],
    };
    g.contracts.push(c);
  }
  return d;
}

function ordersOf(s: Scenario, d: Driver): Order[] {
  const submit = botCommands(s, d.state, 'prime').find((c) => c.type === 'submitOrders');
  return submit?.type === 'submitOrders' ? submit.orders : [];
}

const ofType = <T extends Order['type']>(orders: Order[], type: T) =>
  orders.filter((o): o is Extract<Order, { type: T }> => o.type === type);

describe('competent industry bot: shifts and overtime as a surge lever', () => {
  it('goes on overtime when its book is twice its capacity and its crews cannot man a second shift', () => {
    const s = withSurge();
    // 7,000 shells a month at one shift; crews of 500 (155 mm) and 250 (120 mm) for Bourges' 900 skilled
    const orders = ordersOf(s, prime(s, 14_000 * 24));
    expect(ofType(orders, 'setShifts')).toEqual([
      { type: 'setShifts', plant: 'bourges', line: 'shell_155', shifts: 1, overtime: true },
    ]);
    expect(ofType(orders, 'hire').find((o) => o.plant === 'bourges')?.count).toBeGreaterThan(0);
    expect(validateOrders(s, prime(s, 14_000 * 24).game, 'prime', orders)).toBeFalsy();
  });

  it('works the shifts its crews can man, and overtime, when its book is twice its capacity', () => {
    const s = withSurge();
    // a book of 14,000 a month over the 24 months; 1,300 skilled man two 155 mm shifts, not three
    const d = prime(s, 14_000 * 24);
    d.game.plants.bourges!.skilled = 1300;
    const orders = ordersOf(s, d);
    const shifts = ofType(orders, 'setShifts');
    // three shifts would cover it (1 + 2 × 0.8 = 2.6), but the crews man only two
    expect(shifts).toEqual([
      { type: 'setShifts', plant: 'bourges', line: 'shell_155', shifts: 2, overtime: true },
    ]);
    // and it hires towards the third shift's crew
    expect(ofType(orders, 'hire').find((o) => o.plant === 'bourges')?.count).toBeGreaterThan(0);
    expect(validateOrders(s, d.game, 'prime', orders)).toBeFalsy();
    // the engine applies them: the line works two shifts on overtime
    d.do(teamActor('prime'), { type: 'submitOrders', orders }).endMonth();
    const line = d.game.plants.bourges!.lines.find((l) => l.id === 'shell_155')!;
    expect([line.shifts, line.overtime]).toEqual([2, true]);
  });

  it('stays at one shift when one shift covers its book, and a plain bot never asks for shifts', () => {
    const s = withSurge();
    expect(ofType(ordersOf(s, prime(s, 5_000 * 24)), 'setShifts')).toEqual([]);
    expect(ofType(ordersOf(s, prime(s, 14_000 * 24, 'plain')), 'setShifts')).toEqual([]);
  });

  it('asks for no shifts in a scenario without shift rules', () => {
    const s = withSurge((x) => delete x.rules.shifts);
    expect(ofType(ordersOf(s, prime(s, 14_000 * 24)), 'setShifts')).toEqual([]);
  });

  it('buys components for what its lines make at their shifts and overtime, not at one shift', () => {
    // world supply of shell bodies ample, so that only the bot's need sets what it buys
    const s = withSurge((x) => {
      for (const src of x.components.find((c) => c.id === 'shell_body')!.sources) src.monthlyCap = 1_000_000;
    });
    const bought = (shifts: number, overtime: boolean) => {
      const d = prime(s, 14_000 * 24);
      const line = d.game.plants.bourges!.lines.find((l) => l.id === 'shell_155')!;
      Object.assign(line, { shifts, overtime });
      return ofType(ordersOf(s, d), 'buyComponents')
        .filter((o) => o.component === 'shell_body')
        .reduce((n, o) => n + o.qty, 0);
    };
    // 7,000 bodies a month at one shift, 1 + 0.8 = 1.8 times that at two, 1.95 times with overtime,
    // each over the input cover and the longest lead time (1 + 4 months)
    expect(bought(1, false)).toBe(7000 * 5);
    expect(bought(2, false)).toBe(7000 * 1.8 * 5);
    expect(bought(2, true)).toBe(Math.ceil(7000 * 1.95 * 5));
  });

  it('goes back to one shift once its book no longer needs more', () => {
    const s = withSurge();
    const d = prime(s, 14_000 * 24);
    d.game.plants.bourges!.skilled = 1300;
    d.do(teamActor('prime'), { type: 'submitOrders', orders: ordersOf(s, d) }).endMonth();
    d.game.contracts.find((c) => c.id === 'c-test')!.terms.qty = 1_000;
    const back = ofType(ordersOf(s, d), 'setShifts');
    expect(back).toEqual([
      { type: 'setShifts', plant: 'bourges', line: 'shell_155', shifts: 1, overtime: false },
    ]);
  });
});

describe('competent industry bot: greenfield plants', () => {
  it('builds a plant on its site when its book over the game outruns its lines at every shift', () => {
    const s = withSurge();
    // 30,000 a month for 24 months: 720,000, beyond 7,000 × 2.6 × 24 ≈ 437,000 at three shifts
    const d = prime(s, 30_000 * 24, 'competent', 3_000_000_000);
    const orders = ordersOf(s, d);
    const build = ofType(orders, 'buildPlant');
    expect(build).toHaveLength(1);
    expect(build[0]).toMatchObject({ site: 'test_site', template: 'quick_greenfield', product: 'shell_155' });
    expect(build[0]!.addNameplate).toBeGreaterThan(0);
    expect(validateOrders(s, d.game, 'prime', orders)).toBeFalsy();
    d.do(teamActor('prime'), { type: 'submitOrders', orders }).endMonth();
    expect(d.game.plants.test_site?.owner).toBe('prime');
  });

  it('builds none when its lines can make the book, or it cannot pay for the plant', () => {
    const s = withSurge();
    expect(ofType(ordersOf(s, prime(s, 14_000 * 24, 'competent', 3_000_000_000)), 'buildPlant')).toEqual([]);
    expect(ofType(ordersOf(s, prime(s, 30_000 * 24, 'competent', 50_000_000)), 'buildPlant')).toEqual([]);
    expect(ofType(ordersOf(s, prime(s, 30_000 * 24, 'plain', 3_000_000_000)), 'buildPlant')).toEqual([]);
  });
});

describe('competent industry bot: output to orders', () => {
  it('makes to order with a month of stock what nobody has bought, once it holds that month', () => {
    const s = withSurge();
    const d = prime(s, 0);
    d.game.teams.prime!.stock.shell_155 = 8_000;
    const modes = ofType(ordersOf(s, d), 'setOutputMode');
    expect(modes).toContainEqual({
      type: 'setOutputMode',
      plant: 'bourges',
      line: 'shell_155',
      mode: 'toOrders',
      stockTarget: 7000,
    });
    expect(validateOrders(s, d.game, 'prime', modes)).toBeFalsy();
    // with a book it makes all it can
    const sold = prime(s, 14_000 * 24);
    sold.game.teams.prime!.stock.shell_155 = 8_000;
    expect(ofType(ordersOf(s, sold), 'setOutputMode').filter((o) => o.line === 'shell_155')).toEqual([]);
  });
});
