import { describe, expect, it } from 'vitest';
import { choicesFor } from '../../client/src/screens/team/orders/fields.ts';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';
import { teamView } from './render.tsx';

/** The order form offers to ship home only what the team holds abroad, and to outbid only offers open to rivals. */

const tutorial = bundled('tutorial');

describe('order form choices for stock abroad and offers', () => {
  it('lists only the items the team holds abroad, with the quantity there', () => {
    const d = new Driver(tutorial).toPlanning();
    const army = teamView(d, 'army');
    expect(choicesFor('abroadItem', tutorial, army, 'army', {})).toEqual([
      { value: 'fpv_rf', label: 'FPV drone (radio link) (1000)' },
    ]);
    expect(choicesFor('abroadItem', tutorial, teamView(d, 'dga'), 'dga', {})).toEqual([]);
    d.do(teamActor('army'), {
      type: 'submitOrders',
      orders: [{ type: 'repatriate', item: 'fpv_rf', qty: 400 }],
    }).endMonth();
    expect(choicesFor('abroadItem', tutorial, teamView(d, 'army'), 'army', {})).toEqual([
      { value: 'fpv_rf', label: 'FPV drone (radio link) (600)' },
    ]);
  });

  it('offers every open offer to buy, and only those open to rival bids to outbid', () => {
    const d = new Driver(tutorial)
      .toPlanning()
      .do(facilitator, { type: 'fireInject', inject: 'foreign_drones' });
    const view = teamView(d, 'dga');
    expect(choicesFor('offer', tutorial, view, 'dga', {}).map((c) => c.value)).toEqual([
      d.game.marketOffers[0]!.id,
    ]);
    // The tutorial's offer is open to rival bids (its rival_buyers inject); closed, it is not listed.
    expect(choicesFor('rivalOffer', tutorial, view, 'dga', {}).map((c) => c.value)).toEqual([
      d.game.marketOffers[0]!.id,
    ]);
    const closed = variant(tutorial, (x) => {
      x.injects = x.injects.filter((i) => i.id !== 'rival_buyers');
      const e = x.injects.find((i) => i.id === 'foreign_drones')!.effects[0]!;
      if (e.type === 'marketOffer') e.rivalBids = false;
    });
    const c = new Driver(closed)
      .toPlanning()
      .do(facilitator, { type: 'fireInject', inject: 'foreign_drones' });
    expect(choicesFor('rivalOffer', closed, teamView(c, 'dga'), 'dga', {})).toEqual([]);
  });
});
