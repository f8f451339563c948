import { describe, expect, it } from 'vitest';
import { botCommands, type Order } from '@arsenal/shared';
import { droneLineAtRate, teamActor } from '../helpers/scenarios.ts';

/**
 * Defect 1.1 of issue 10, for the bots: a source's cap is usable every month. The plain industry bot
 * with a drone line at full rate (12,000 motors a month) and no motors in stock orders the full cap of
 * both capped motor sources (1,000 a month each, delivered the month they are bought) in consecutive
 * months, and gets it every month.
 */
describe('the industry bot and a capped source', () => {
  it('orders the full cap every month and gets it every month', () => {
    const d = droneLineAtRate((x) => {
      const motor = x.components.find((c) => c.id === 'motor')!;
      motor.sources = motor.sources.map((src) => ({
        ...src,
        monthlyCap: 1000,
        leadTimeMonths: 0,
        embargoRisk: 0,
      }));
      x.rules.leadTimeJitterMonths = 0;
    }, 6);
    d.game.teams.autoco!.stock.motor = 0;
    const bought: number[] = [];
    for (let month = 1; month <= 5; month++) {
      const submit = botCommands(d.scenario, d.state, 'autoco').find((c) => c.type === 'submitOrders');
      const orders = submit?.type === 'submitOrders' ? submit.orders : [];
      const motors = orders.filter(
        (o): o is Extract<Order, { type: 'buyComponents' }> =>
          o.type === 'buyComponents' && o.component === 'motor',
      );
      expect(motors.map((o) => [o.source, o.qty]).sort()).toEqual([
        ['cn', 1000],
        ['eu', 1000],
      ]);
      const before = d.game.ledger.imported.motor ?? 0;
      d.do(teamActor('autoco'), { type: 'submitOrders', orders }).endMonth();
      bought.push((d.game.ledger.imported.motor ?? 0) - before);
    }
    expect(bought).toEqual([2000, 2000, 2000, 2000, 2000]);
  });
});
