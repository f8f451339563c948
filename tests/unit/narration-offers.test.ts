import { describe, expect, it } from 'vitest';
import { adjudicate } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');

describe('market offers of one inject (defect 4)', () => {
  it('get one id each, and each can be bought', () => {
    const s = variant(flagship, (x) => {
      x.injects = [
        {
          id: 'two_offers',
          title: 'Two offers',
          description: 'Two sellers abroad.',
          trigger: { type: 'facilitator' },
          durationMonths: 3,
          effects: [
            { type: 'marketOffer', product: 'shell_155', qty: 1000, price: 5000, deliveryMonths: 1 },
            { type: 'marketOffer', product: 'fpv_rf', qty: 500, price: 900, deliveryMonths: 1 },
          ],
        },
      ];
    });
    const d = new Driver(s).toPlanning().do(facilitator, { type: 'fireInject', inject: 'two_offers' });
    const ids = d.game.marketOffers.map((m) => m.id);
    expect(new Set(ids).size).toBe(2);
    d.do(teamActor('dga'), {
      type: 'submitOrders',
      orders: ids.map((offer) => ({ type: 'buyMarketOffer', offer, qty: 100 }) as const),
    });
    d.endMonth();
    expect(d.game.marketOffers.map((m) => m.qty)).toEqual([900, 400]);
  });
});

describe('narration names come from the scenario (defect 9)', () => {
  it('names the acceptance authority and the Blue side as the scenario does', () => {
    const s = variant(flagship, (x) => {
      x.meta.names = { acceptance: 'the Bundeswehr', blueSide: 'the Coalition' };
      x.injects = [];
      const line = x.plants.find((p) => p.owner === 'drone_sme')!.lines[0]!;
      Object.assign(line, { state: 'qualifying', product: 'colibri' });
    });
    const d = new Driver(s, 4).toPlanning();
    const plant = Object.values(d.game.plants).find((p) => p.owner === 'drone_sme')!;
    Object.assign(plant.lines[0]!, { monthsLeft: 1, target: 'colibri', template: 'assembly_a' });
    d.do(teamActor('russia'), { type: 'submitOrders', orders: [{ type: 'outbid', component: 'motor' }] });
    const news = adjudicate(s, d.game, d.state.context.orders).news.map((n) => newsText(s, n));
    const text = news.join('\n');
    expect(text).toMatch(/accepted by the Bundeswehr|fails acceptance by the Bundeswehr/);
    expect(text).toMatch(/outbidding the Coalition/);
    expect(text).not.toMatch(/DGA|Europe/);
  });
});
