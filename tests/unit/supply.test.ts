import { describe, expect, it } from 'vitest';
import {
  adjudicate,
  ErrorCode,
  initialGame,
  validateOrders,
  type GameState,
  type Order,
  type Scenario,
} from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const buy = (qty: number, source = 'eu'): Order => ({
  type: 'buyComponents',
  component: 'motor',
  source,
  qty,
});

/**
 * The tutorial with 1,000-a-month motor sources that deliver in the month they are bought, and
 * optionally a second industry team.
 */
function scenario(opts: { rival?: boolean; rivalFirst?: boolean } = {}): Scenario {
  return variant(bundled('tutorial'), (s) => {
    const motor = s.components.find((c) => c.id === 'motor')!;
    motor.sources = motor.sources.map((src) => ({
      ...src,
      monthlyCap: 1000,
      embargoRisk: 0,
      leadTimeMonths: 0,
    }));
    s.rules.leadTimeJitterMonths = 0;
    if (!opts.rival) return;
    const autoco = s.teams.find((t) => t.id === 'autoco')!;
    const rival = { ...structuredClone(autoco), id: 'dronesme', name: 'DroneSME', objectives: [] };
    if (opts.rivalFirst) s.teams.splice(s.teams.indexOf(autoco), 0, rival);
    else s.teams.push(rival);
  });
}

/** Units bought by each team in the month just adjudicated (from the componentsBought counters). */
const bought = (before: GameState, after: GameState, team: string) =>
  after.teams[team]!.componentsBought - before.teams[team]!.componentsBought;

describe('a capped source', () => {
  it('delivers its full cap every month, and planning accepts buying at cap every month', () => {
    const d = new Driver(scenario()).toPlanning();
    for (let month = 1; month <= 6; month++) {
      const before = d.game;
      expect(validateOrders(d.scenario, before, 'autoco', [buy(1000)])).toBeNull();
      d.do(teamActor('autoco'), { type: 'submitOrders', orders: [buy(1000)] }).endMonth();
      expect(bought(before, d.game, 'autoco')).toBe(1000);
      expect(d.game.ledger.imported.motor).toBe(month * 1000);
    }
  });

  it('refuses more than the cap with the public cap, whatever a rival bought the month before', () => {
    const answers = [0, 900].map((rivalQty) => {
      const s = scenario({ rival: true });
      const d = new Driver(s).toPlanning();
      if (rivalQty) d.do(teamActor('dronesme'), { type: 'submitOrders', orders: [buy(rivalQty)] });
      d.endMonth();
      return {
        over: validateOrders(s, d.game, 'autoco', [buy(1001)]),
        atCap: validateOrders(s, d.game, 'autoco', [buy(1000)]),
      };
    });
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.over).toMatchObject({ code: ErrorCode.OverCapacity, path: 'orders.0.qty' });
    expect(answers[0]!.over!.message).toContain('1000');
    expect(answers[0]!.atCap).toBeNull();
  });
});

describe('scarce supply shared between teams', () => {
  const month1 = (s: Scenario, orders: Record<string, Order[]>, edit?: (g: GameState) => void) => {
    const g = initialGame(s, 7);
    edit?.(g);
    return { before: g, ...adjudicate(s, g, orders) };
  };

  it('shares pro rata and partially fills instead of skipping an order', () => {
    const s = scenario({ rival: true });
    const r = month1(s, { autoco: [buy(600)], dronesme: [buy(900)] });
    expect(bought(r.before, r.game, 'autoco')).toBe(400);
    expect(bought(r.before, r.game, 'dronesme')).toBe(600);
    expect(r.news.filter((n) => n.kind === 'order_skipped')).toEqual([]);
    // autoco paid for what it got, not for what it asked
    const paid = r.game.payments.filter((p) => p.from === 'autoco' && p.reason === 'components');
    expect(paid.reduce((n, p) => n + p.amount, 0)).toBe(400 * 28);
  });

  it('gives the same shares whichever team comes first in the file', () => {
    const orders = { autoco: [buy(700)], dronesme: [buy(700)] };
    const a = month1(scenario({ rival: true }), orders);
    const b = month1(scenario({ rival: true, rivalFirst: true }), orders);
    for (const team of ['autoco', 'dronesme'])
      expect(bought(a.before, a.game, team)).toBe(bought(b.before, b.game, team));
    expect(bought(a.before, a.game, 'autoco') + bought(a.before, a.game, 'dronesme')).toBe(1000);
  });

  it('serves the need of a rated contract first, flowing down to the supplier’s components', () => {
    const s = scenario({ rival: true });
    const r = month1(s, { autoco: [buy(800)], dronesme: [buy(800)] }, (g) => {
      g.contracts.push({
        id: 'c1',
        buyer: 'dga',
        seller: 'autoco',
        terms: {
          product: 'fpv_rf',
          qty: 100,
          unitPrice: 700,
          type: 'spot',
          rating: 'DX',
          months: 2,
          startsIn: 0,
          advancePct: 0,
          penaltyPerUnitLate: 0,
          cancelFeePct: 0,
        },
        status: 'active',
        awaiting: 'autoco',
        startMonth: 1,
        delivered: 0,
        paid: 0,
        history: [],
      });
    });
    // 100 rated drones × 4 motors = 400 first; the other 600 pro rata to 400 and 800 unrated asked.
    expect(bought(r.before, r.game, 'autoco')).toBe(600);
    expect(bought(r.before, r.game, 'dronesme')).toBe(400);
  });

  it('tells each buyer what it got and why, and the White Cell the whole split', () => {
    const s = scenario({ rival: true });
    const r = month1(s, { autoco: [buy(600)], dronesme: [buy(900)] });
    const supply = r.news.filter((n) => n.kind === 'supply');
    const mine = supply.filter((n) => n.to?.length === 1 && n.to[0] === 'autoco');
    expect(mine).toHaveLength(1);
    expect(newsText(s, mine[0]!)).toContain('you receive 400 of the 600');
    expect(newsText(s, mine[0]!)).not.toContain('DroneSME');
    const white = supply.filter((n) => n.to?.length === 0);
    expect(white).toHaveLength(1);
    expect(newsText(s, white[0]!)).toContain('AutoCo (car maker) 400 of 600');
    expect(newsText(s, white[0]!)).toContain('DroneSME 600 of 900');
  });
});
