import { describe, expect, it } from 'vitest';
import {
  metricValue,
  objectiveStatus,
  parseScenario,
  teamScore,
  type ContractTerms,
  type Scenario,
} from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const dga = teamActor('dga');
const autoco = teamActor('autoco');

/**
 * AutoCo's line A at full rate on FPV drones (3,000/month), yields 1, no injects; AutoCo's objectives
 * replaced by `objectives` (an on-time share that counts only over 2,000 units delivered, and the like).
 */
function game(objectives: Objective[]) {
  const s = variant(tutorial, (x) => {
    Object.assign(x.plants[0]!.lines[0]!, { state: 'rate', product: 'fpv_rf', template: 'simple_assembly' });
    x.rules.yieldTriangular = { min: 1, mode: 1, max: 1 };
    x.rules.workforce.turnoverPerMonth = 0;
    x.injects = [];
    x.teams.find((t) => t.id === 'autoco')!.objectives = objectives;
  });
  const d = new Driver(s).toPlanning();
  Object.assign(d.game.teams.autoco!.stock, {
    motor: 100_000,
    battery: 25_000,
    flight_ctrl: 25_000,
    video_link: 25_000,
  });
  return d;
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

type Objective = Scenario['teams'][number]['objectives'][number];

const onTimeOverABook: Objective = {
  id: 'on_time',
  label: '90 % on time over at least 2,000 drones delivered',
  metric: { kind: 'onTimeDelivery', team: 'autoco' },
  op: '>=',
  target: 0.9,
  weight: 1,
  also: [{ metric: { kind: 'contractDeliveries', team: 'autoco', side: 'seller' }, op: '>=', target: 2000 }],
};

const met = (d: Driver, id: string) =>
  objectiveStatus(d.scenario, d.game, 'autoco').find((o) => o.id === id)!;

describe('objectives with further conditions (also)', () => {
  it('a share a firm keeps by doing nothing is not met until the book behind it is delivered', () => {
    const d = game([structuredClone(onTimeOverABook)]);
    d.endMonth();
    // No contract: never late, so the share reads 100 %, but nothing was delivered.
    expect(met(d, 'on_time')).toMatchObject({ value: 1, met: false });
    expect(teamScore(d.scenario, d.game, 'autoco')).toBe(0);

    d.do(dga, { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms: terms(3000, 1) });
    d.do(autoco, { type: 'acceptContract', contract: d.game.contracts.at(-1)!.id });
    d.endMonth();
    // 3,000 made and shipped on time: the share holds and the book is there.
    expect(d.game.contracts.at(-1)!.delivered).toBe(3000);
    expect(met(d, 'on_time')).toMatchObject({ value: 1, met: true });
    expect(teamScore(d.scenario, d.game, 'autoco')).toBe(100);
  });

  it('every condition must hold: a book delivered late fails on the share, not on the book', () => {
    const d = game([structuredClone(onTimeOverABook)]);
    // 9,000 due in the first month, 3,000 made a month: two thirds late, then caught up.
    d.do(dga, { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms: terms(9000, 1) });
    d.do(autoco, { type: 'acceptContract', contract: d.game.contracts.at(-1)!.id });
    d.endMonth();
    const o = met(d, 'on_time');
    expect(
      metricValue(d.scenario, d.game, { kind: 'contractDeliveries', team: 'autoco', side: 'seller' }),
    ).toBe(3000);
    expect(o.value).toBeCloseTo(1 / 3, 5);
    expect(o.met).toBe(false);
  });

  it('contract deliveries count by side and product; components bought count every unit ordered', () => {
    const d = game([]);
    d.do(dga, { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms: terms(1200, 12) });
    d.do(autoco, { type: 'acceptContract', contract: d.game.contracts.at(-1)!.id });
    d.do(autoco, {
      type: 'submitOrders',
      orders: [
        { type: 'buyComponents', component: 'motor', source: 'eu', qty: 4000 },
        { type: 'buyComponents', component: 'battery', source: 'cn', qty: 1000 },
      ],
    });
    d.endMonth().endMonth();
    const v = (m: Parameters<typeof metricValue>[2]) => metricValue(d.scenario, d.game, m);
    expect(v({ kind: 'contractDeliveries', team: 'autoco', side: 'seller' })).toBe(200);
    expect(v({ kind: 'contractDeliveries', team: 'autoco', side: 'seller', product: 'fpv_rf' })).toBe(200);
    expect(v({ kind: 'contractDeliveries', team: 'autoco', side: 'seller', product: 'fpv_fibre' })).toBe(0);
    expect(v({ kind: 'contractDeliveries', team: 'dga', side: 'buyer', product: 'fpv_rf' })).toBe(200);
    expect(v({ kind: 'contractDeliveries', team: 'dga', side: 'seller' })).toBe(0);
    expect(v({ kind: 'componentsBought', team: 'autoco' })).toBe(5000);
    // A fifth of them from an exposed source.
    expect(v({ kind: 'sovereignty', team: 'autoco' })).toBeCloseTo(0.8, 5);
  });

  it('a condition naming an unknown team or product is refused with its path; side defaults to seller', () => {
    const text = (also: unknown) => {
      const x = structuredClone(tutorial) as unknown as { teams: { objectives: unknown[] }[] };
      x.teams[1]!.objectives = [{ ...onTimeOverABook, also }];
      return x;
    };
    const bad = parseScenario(
      text([
        { metric: { kind: 'contractDeliveries', team: 'nobody', product: 'nothing' }, op: '>=', target: 1 },
      ]),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining([
          'teams.1.objectives.0.also.0.metric.team',
          'teams.1.objectives.0.also.0.metric.product',
        ]),
      );
    const good = parseScenario(
      text([{ metric: { kind: 'contractDeliveries', team: 'autoco' }, op: '>=', target: 1 }]),
    );
    expect(good.ok).toBe(true);
    if (good.ok)
      expect(good.scenario.teams[1]!.objectives[0]!.also![0]!.metric).toMatchObject({ side: 'seller' });
  });
});
