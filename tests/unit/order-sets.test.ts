import { describe, expect, it } from 'vitest';
import { ErrorCode, viewFor } from '@arsenal/shared';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';

/** Two devices on one seat: the order set carries its version, who sent it and when. */

const tutorial = bundled('tutorial');
const autoco = teamActor('autoco');
const buy = (qty: number) => ({ type: 'buyComponents' as const, component: 'motor', source: 'eu', qty });

describe('order set versions', () => {
  it('stamps the set with its seq, time and sender, and shows it to the team only', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(autoco, { type: 'submitOrders', orders: [buy(100)], basedOn: 0, by: 'Ana' });
    const seq = d.state.context.seq;
    const team = viewFor(tutorial, d.state, { role: 'team', team: 'autoco' });
    expect(team.me?.orderSet).toEqual({ seq, at: d.at, by: 'Ana' });
    expect(team.me?.orders).toEqual([buy(100)]);
    const other = viewFor(tutorial, d.state, { role: 'team', team: 'dga' });
    expect(other.me?.orderSet).toBeUndefined();
    expect(JSON.stringify(viewFor(tutorial, d.state, { role: 'display' }))).not.toContain('Ana');
  });

  it('refuses a set written on an older one and keeps the newer orders', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(autoco, { type: 'submitOrders', orders: [buy(100)], basedOn: 0, by: 'Ana' });
    const first = d.state.context.seq;
    // a second device that started before Ana sent hers
    const stale = d.try(autoco, { type: 'submitOrders', orders: [], basedOn: 0, by: 'Ben' });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.code).toBe(ErrorCode.StaleOrderSet);
    expect(d.state.context.orders.autoco).toEqual([buy(100)]);
    // once it has seen Ana's set it may replace it
    d.do(autoco, { type: 'submitOrders', orders: [buy(200)], basedOn: first, by: 'Ben' });
    expect(d.state.context.orders.autoco).toEqual([buy(200)]);
    expect(d.state.context.orderSets?.autoco?.by).toBe('Ben');
  });

  it('a set without a version (a bot, an older client) is not checked; publication clears the stamps', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(autoco, { type: 'submitOrders', orders: [buy(100)] });
    d.do(autoco, { type: 'submitOrders', orders: [buy(50)] });
    expect(d.state.context.orderSets?.autoco?.by).toBeUndefined();
    d.endMonth();
    expect(d.state.context.orderSets).toBeUndefined();
    // month 2 starts again from version 0
    d.do(autoco, { type: 'submitOrders', orders: [], basedOn: 0 });
  });
});
