import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateOrders, type Order, type Scenario } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

/**
 * An offer abroad never sells more in a month than is on release (its release, plus what carried
 * over), and what buyers are granted is exactly what reaches them: purchases sum to deliveries, and
 * the offer's quantity falls by what Blue bought plus what the rival took.
 */

const flagship = bundled('france-2025');
const BUYERS = ['gov', 'dga', 'armees'] as const;

const terms = fc.record({
  qty: fc.integer({ min: 1, max: 50_000 }),
  releaseShare: fc.integer({ min: 5, max: 100 }).map((pct) => pct / 100),
  carryOver: fc.boolean(),
  escalation: fc.integer({ min: 0, max: 50 }).map((pct) => pct / 100),
  rivalBids: fc.boolean(),
  deliveryMonths: fc.integer({ min: 0, max: 3 }),
});
const MONTHS = 5;
/** Per month: each buyer's ask as a share of what is on sale (up to 1.5 × it), and whether Red outbids. */
const plays = fc.array(
  fc.record({
    asks: fc.tuple(...BUYERS.map(() => fc.integer({ min: 0, max: 150 }).map((pct) => pct / 100))),
    outbid: fc.boolean(),
  }),
  { minLength: MONTHS, maxLength: MONTHS },
);

function scenarioWith(t: TermsValue): Scenario {
  return variant(flagship, (x) => {
    x.injects = [
      {
        id: 'abroad',
        title: 'Shells abroad',
        description: 'A third country sells shells.',
        trigger: { type: 'facilitator' },
        durationMonths: MONTHS + 2,
        effects: [
          {
            type: 'marketOffer',
            product: 'shell_155',
            qty: t.qty,
            price: 3000,
            deliveryMonths: t.deliveryMonths,
            releasePerMonth: Math.max(1, Math.floor(t.qty * t.releaseShare)),
            carryOver: t.carryOver,
            escalation: t.escalation,
            rivalBids: t.rivalBids,
          },
        ],
      },
    ];
  });
}
type TermsValue = {
  qty: number;
  releaseShare: number;
  carryOver: boolean;
  escalation: number;
  rivalBids: boolean;
  deliveryMonths: number;
};

describe('market offers under competition', () => {
  it('never sell more in a month than is on release, and purchases sum to deliveries', () => {
    fc.assert(
      fc.property(terms, plays, (t, months) => {
        const s = scenarioWith(t);
        const release = Math.max(1, Math.floor(t.qty * t.releaseShare));
        const d = new Driver(s).toPlanning().do(facilitator, { type: 'fireInject', inject: 'abroad' });
        const offer = () => d.game.marketOffers.find((m) => m.id.startsWith('abroad'));
        let bought = 0;
        for (const month of months) {
          const live = offer();
          if (!live) break;
          const onSale = live.available;
          expect(onSale).toBeLessThanOrEqual(t.carryOver ? t.qty : release);
          expect(onSale).toBeLessThanOrEqual(live.qty);
          BUYERS.forEach((team, i) => {
            const qty = Math.floor((month.asks[i] ?? 0) * onSale);
            const orders: Order[] = qty >= 1 ? [{ type: 'buyMarketOffer', offer: live.id, qty }] : [];
            if (orders.length && !validateOrders(s, d.game, team, orders))
              d.do(teamActor(team), { type: 'submitOrders', orders });
          });
          if (month.outbid && t.rivalBids)
            d.do(teamActor('russia'), {
              type: 'submitOrders',
              orders: [{ type: 'outbidOffer', offer: live.id }],
            });
          d.endMonth();
          const thisMonth = d.game.news
            .filter((n) => n.data.key === 'import.boughtAt')
            .reduce((n, e) => n + Number(e.data.qty), 0);
          expect(thisMonth).toBeLessThanOrEqual(onSale);
          expect(thisMonth).toBeLessThanOrEqual(t.carryOver ? t.qty : release);
          bought += thisMonth;
        }
        const pending = d.game.deliveries.reduce((n, x) => n + (x.item === 'shell_155' ? x.qty : 0), 0);
        expect((d.game.ledger.imported.shell_155 ?? 0) + pending).toBe(bought);
        const left = offer();
        if (left) expect(t.qty - left.qty).toBe(left.sold);
        if (left && !t.rivalBids) expect(left.sold).toBe(bought);
      }),
      { numRuns: 25 },
    );
  });
});
