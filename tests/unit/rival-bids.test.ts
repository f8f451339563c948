import { describe, expect, it } from 'vitest';
import { ErrorCode, newsText, parseScenario, validateOrders, viewFor, type Scenario } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

/**
 * Rival bidders on a third-country offer (issue 10 §2.2), in the tutorial: its `foreign_drones` offer
 * (2,000 a month, 8,000 in all, price up a tenth per release sold, open to rival bids) and its
 * `rival_buyers` inject (other countries bid for it for three months, by `rules.outbid`: they take
 * 30 % of each release first and the price is ×1.3). The tutorial has no adversary team: the rivals
 * are scenario data.
 */
const tutorial = bundled('tutorial');
const dga = teamActor('dga');

/** Month by month, what was on sale, at what price, and what the DGA got, buying 2,000 a month. */
function play(rivals: boolean) {
  const d = new Driver(tutorial)
    .toPlanning()
    .do(facilitator, { type: 'fireInject', inject: 'foreign_drones' });
  if (rivals) d.do(facilitator, { type: 'fireInject', inject: 'rival_buyers' });
  const months: { onSale: number; price: number; got: number }[] = [];
  for (let month = 1; month <= 4; month++) {
    const offer = d.game.marketOffers.find((m) => m.id.startsWith('foreign_drones'));
    if (!offer) break;
    const qty = Math.min(2000, offer.available);
    const order = { type: 'buyMarketOffer', offer: offer.id, qty } as const;
    const before = d.game.teams.dga!.money;
    d.do(dga, { type: 'submitOrders', orders: qty > 0 ? [order] : [] }).endMonth();
    const got = d.game.deliveries
      .filter((x) => x.team === 'dga' && x.arrivesMonth === month + 1)
      .reduce((n, x) => n + x.qty, 0);
    const appropriation = tutorial.teams[0]!.appropriation;
    months.push({ onSale: offer.available, price: offer.price, got });
    expect(before - d.game.teams.dga!.money + appropriation).toBeCloseTo(got * offer.price, 0);
  }
  return { d, months };
}

describe('rival bids in the tutorial', () => {
  it('the rivals take part of each release first and raise the price, for as long as they bid', () => {
    const alone = play(false).months;
    const { d, months: rivalled } = play(true);
    // Alone, the DGA buys each month's 2,000, at a price rising a tenth per release sold.
    expect(alone.map((m) => m.got)).toEqual([2000, 2000, 2000, 2000]);
    expect(alone.map((m) => Math.round(m.price))).toEqual([1000, 1100, 1200, 1300]);
    // With rivals (months 2–4 released while they bid): 30 % of each release goes to them first,
    // at ×1.3, and their purchases count in the escalation; once they stop, the full release is back.
    expect(rivalled.map((m) => m.onSale)).toEqual([2000, 1400, 1400, 1400]);
    // e.g. month 2: 1,000 × (1 + 0.1 × 2,600 sold ÷ 2,000) × 1.3
    expect(rivalled.map((m) => Math.round(m.price))).toEqual([1000, 1469, 1599, 1729]);
    const total = (ms: typeof alone) => ms.reduce((n, m) => n + m.got, 0);
    expect(total(alone)).toBe(8000);
    // The rivals took 1,800 of the 8,000: the DGA got 6,200 and paid a third more a drone.
    expect(total(rivalled)).toBe(6200);
    expect(d.game.marketOffers.every((m) => !m.id.startsWith('foreign_drones') || m.qty === 0)).toBe(true);
  });

  it('the rivals’ take is narrated to the White Cell, and the DGA’s view shows only what is left', () => {
    const d = new Driver(tutorial)
      .toPlanning()
      .do(facilitator, { type: 'fireInject', inject: 'foreign_drones' })
      .do(facilitator, { type: 'fireInject', inject: 'rival_buyers' })
      .endMonth();
    const took = d.game.news.filter((n) => n.data.key === 'offer.rivalTook');
    expect(took).toHaveLength(1);
    expect(took[0]!.to).toEqual([]);
    // Nobody bought in month 1: its 2,000 carry over, and the rivals take 30 % of the 4,000 on sale.
    expect(newsText(tutorial, took[0]!)).toBe(
      'A rival buyer takes 1,200 FPV drone (radio link) of the offer’s release abroad before anyone else.',
    );
    const view = viewFor(tutorial, d.state, { role: 'team', team: 'dga' });
    expect(view.marketOffers.map((m) => m.available)).toEqual([2800]);
    expect(JSON.stringify(view.news)).not.toContain('offer.rivalTook');
    const offer = d.game.marketOffers[0]!;
    expect(
      validateOrders(tutorial, d.game, 'dga', [{ type: 'buyMarketOffer', offer: offer.id, qty: 2801 }]),
    ).toMatchObject({
      code: ErrorCode.OverCapacity,
    });
  });
});

describe('rival buyers as scenario data are checked with paths', () => {
  const errorsOf = (edit: (s: Scenario) => void) => {
    const r = parseScenario(variant(tutorial, edit));
    return r.ok ? [] : r.errors.map((e) => e.path);
  };
  const at = (s: Scenario, id: string) => s.injects.findIndex((i) => i.id === id);

  it('an offer open to rival bids needs an adversary or rival buyers', () => {
    expect(errorsOf((s) => (s.injects = s.injects.filter((i) => i.id !== 'rival_buyers')))).toEqual([
      `injects.${at(tutorial, 'foreign_drones')}.effects.0.rivalBids`,
    ]);
  });

  it('rival buyers need an offer open to rival bids, of their product if they name one', () => {
    const i = at(tutorial, 'rival_buyers');
    expect(
      errorsOf((s) => {
        const e = s.injects.find((x) => x.id === 'foreign_drones')!.effects[0]!;
        if (e.type === 'marketOffer') e.rivalBids = false;
      }),
    ).toEqual([`injects.${i}.effects.0`]);
    expect(errorsOf((s) => (s.injects[i]!.effects = [{ type: 'rivalBid', product: 'fpv_fibre' }]))).toEqual([
      `injects.${at(tutorial, 'foreign_drones')}.effects.0.rivalBids`,
      `injects.${i}.effects.0`,
    ]);
    expect(errorsOf((s) => (s.injects[i]!.effects = [{ type: 'rivalBid', product: 'nope' }]))).toContain(
      `injects.${i}.effects.0.product`,
    );
  });
});
