import { describe, expect, it } from 'vitest';
import { adjudicate, batchCost, unitCost, type GameState } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const fpv = tutorial.products.find((p) => p.id === 'fpv_rf')!;

describe('learning curve', () => {
  it.each([
    [0.8, 2],
    [0.85, 64],
    [0.9, 1000],
  ])('with LR %f the unit cost falls by LR at each doubling (from unit %i)', (lr, n) => {
    const p = { ...fpv, learningRate: lr };
    expect(unitCost(p, 2 * n - 1) / unitCost(p, n - 1)).toBeCloseTo(lr, 6);
  });

  it('a batch costs about the sum of its unit costs, and a flat curve is linear', () => {
    let sum = 0;
    for (let n = 101; n <= 200; n++) sum += 250 * n ** Math.log2(0.85);
    expect(batchCost(250, 0.85, 100, 100)).toBeCloseTo(sum, -1);
    expect(batchCost(250, 1, 0, 40)).toBe(10_000);
    expect(batchCost(250, 0.85, 0, 0)).toBe(0);
  });
});

/** AutoCo's line A already ramping FPV drones, with `stock` components in hand and `skilled` workers. */
function ramping(opts: { motors?: number; skilled?: number; rampStep?: number; money?: number } = {}) {
  const s = variant(tutorial, (x) => {
    const plant = x.plants[0]!;
    Object.assign(plant.lines[0]!, {
      state: 'ramp',
      product: 'fpv_rf',
      template: 'simple_assembly',
      rampStep: opts.rampStep ?? 2,
    });
    plant.workforce.skilled = opts.skilled ?? 600;
    x.teams.find((t) => t.id === 'autoco')!.money = opts.money ?? 50_000_000;
    x.injects = [];
  });
  const d = new Driver(s).toPlanning();
  const stock = d.game.teams.autoco!.stock;
  Object.assign(stock, {
    motor: opts.motors ?? 20_000,
    battery: 5_000,
    flight_ctrl: 5_000,
    video_link: 5_000,
  });
  return { s, g: d.game };
}

const line = (g: GameState) => g.plants.le_mans!.lines[0]!;

describe('production', () => {
  it('never exceeds nameplate × ramp share and reaches full rate at the end of the ramp', () => {
    const { s, g } = ramping({ rampStep: 2 });
    const next = adjudicate(s, g, {}).game;
    expect(line(next).lastOutput).toBeGreaterThan(0);
    expect(line(next).lastOutput).toBeLessThanOrEqual(3_000);
    expect(line(next).state).toBe('rate');
    expect(next.teams.autoco!.stock.fpv_rf).toBe(line(next).lastOutput);
  });

  it('is limited by components and says which one starved the line', () => {
    const { s, g } = ramping({ motors: 400 });
    const r = adjudicate(s, g, {});
    expect(line(r.game).lastOutput).toBe(100); // 4 motors per drone
    expect(line(r.game).state).toBe('starved');
    expect(
      newsText(
        s,
        r.news.find((n) => n.kind === 'starved')!,
      ),
    ).toMatch(/Chassis line A starved: Brushless motor 400 of \d+/);
    expect(r.game.teams.autoco!.stock.motor).toBe(0);
  });

  it('is limited by the skilled workforce shared across the plant', () => {
    const full = ramping({ rampStep: 3 });
    const short = ramping({ rampStep: 3, skilled: 125 }); // line A needs 250, line B 150 (civil): 125/400 staffing
    const a = line(adjudicate(full.s, full.g, {}).game).lastOutput;
    const b = line(adjudicate(short.s, short.g, {}).game);
    expect(b.lastOutput).toBeLessThan(a * 0.4);
    expect(b.limitedBy).toMatch(/workforce 31%/);
  });

  it('is limited by the cash to pay for it, and never overspends', () => {
    const { s, g } = ramping({ money: 5_000 });
    const next = adjudicate(s, g, {}).game;
    expect(line(next).limitedBy).toBe('cash');
    expect(next.teams.autoco!.money).toBeGreaterThanOrEqual(0);
    expect(line(next).lastOutput).toBeGreaterThan(0);
    expect(batchCost(fpv.firstUnitCost, fpv.learningRate, 0, line(next).lastOutput)).toBeLessThanOrEqual(
      5_000,
    );
    expect(batchCost(fpv.firstUnitCost, fpv.learningRate, 0, line(next).lastOutput + 1)).toBeGreaterThan(
      5_000,
    );
  });

  it('a conversion retools, qualifies, then ramps; the line earns no civil revenue meanwhile', () => {
    const d = new Driver(variant(tutorial, (x) => (x.injects = []))).toPlanning();
    d.do(teamActor('autoco'), {
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
    const states: string[] = [];
    for (let m = 0; m < 4; m++) {
      d.endMonth();
      states.push(line(d.game).state);
    }
    expect(states.slice(0, 2)).toEqual(['retooling', 'qualifying']);
    expect(['ramp', 'starved', 'qualifying']).toContain(states[2]); // starved: no components were bought
    expect(d.game.news.length).toBeGreaterThan(0);
  });

  it('hires become skilled workers after the training months', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(teamActor('autoco'), {
      type: 'submitOrders',
      orders: [{ type: 'hire', plant: 'le_mans', count: 100 }],
    });
    d.endMonth(); // hired in month 1; trained for the following months
    for (let m = 1; m < tutorial.rules.workforce.trainingMonths; m++) d.endMonth();
    expect(d.game.plants.le_mans!.skilled).toBe(600);
    d.endMonth();
    expect(d.game.plants.le_mans!.skilled).toBe(700);
  });

  it('civil lines earn revenue and every plant pays its workforce', () => {
    const d = new Driver(tutorial).toPlanning();
    const before = d.game.teams.autoco!.money;
    d.endMonth();
    const civil = tutorial.plants[0]!.lines.reduce((n, l) => n + l.civilRevenue, 0);
    const wages = 600 * tutorial.rules.workforce.wagePerMonth;
    expect(d.game.teams.autoco!.money).toBeCloseTo(before + civil - wages, 0);
  });
});
