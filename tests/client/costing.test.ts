import { describe, expect, it } from 'vitest';
import { adjudicate, type Order } from '@arsenal/shared';
import { checkDraft } from '../../client/src/adapters/checkOrders.ts';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';
import { teamView } from './render.tsx';

const flagship = bundled('france-2025');

/**
 * The console shows the engine's own cost of a draft (`orderCosts` from shared), never a reckoning of
 * its own: under an outbid, world prices rise and the console says so before the team sends.
 */
describe('the cost a console shows is what the engine charges', () => {
  it('under an outbid on motors: a purchase costs the raised price, as charged at adjudication', () => {
    const d = new Driver(flagship, 3).toPlanning();
    d.do(teamActor('russia'), { type: 'submitOrders', orders: [{ type: 'outbid', component: 'motor' }] });
    d.endMonth();
    expect(d.game.outbids.motor).toBeGreaterThan(d.game.month);

    const orders: Order[] = [
      { type: 'buyComponents', component: 'motor', source: 'eu', qty: 1000 },
      { type: 'hire', plant: flagship.plants.find((p) => p.owner === 'carmaker')!.id, count: 10 },
    ];
    const shown = checkDraft(flagship, teamView(d, 'carmaker'), 'carmaker', orders);
    expect(shown.problem).toBeNull();
    const list =
      1000 * flagship.components.find((c) => c.id === 'motor')!.sources.find((x) => x.id === 'eu')!.price;
    expect(shown.costs[0]).toBeGreaterThan(list);

    d.do(teamActor('carmaker'), { type: 'submitOrders', orders });
    const after = adjudicate(flagship, d.game, d.state.context.orders);
    const charged = (reason: string) =>
      after.game.payments
        .filter((p) => p.from === 'carmaker' && p.reason === reason)
        .reduce((a, p) => a + p.amount, 0);
    expect(shown.costs[0]).toBeCloseTo(charged('components'), 6);
    expect(shown.costs[1]).toBeCloseTo(charged('hiring'), 6);
    expect(shown.total).toBeCloseTo(charged('components') + charged('hiring'), 6);
  });
});
