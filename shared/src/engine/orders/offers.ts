import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { pay, say, takeStock, WORLD } from '../finance.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/**
 * Buy finished goods from an offer abroad (made by a market inject), within what is on release this
 * month, at this month's price; they arrive `deliveryMonths` later. Planning checks the public release
 * only; at adjudication every team's purchases share it (`allocateOffers`) and a buyer pays for what
 * it gets.
 */
export const buyMarketOffer: Handler<Of<'buyMarketOffer'>> = ({ g, team, month, grants }, o) => {
  const offer = g.marketOffers.find((m) => m.id === o.offer && m.endMonth > month);
  if (!offer) return violation(ErrorCode.UnknownOffer, 'That market offer is not available.', 'offer');
  if (!grants && o.qty > offer.available)
    return violation(ErrorCode.OverCapacity, `Only ${offer.available} are on sale this month.`, 'qty');
  const qty = grants?.get(o) ?? o.qty;
  if (qty <= 0) return { cost: 0, draws: [], apply: () => {} };
  return {
    cost: qty * offer.price,
    draws: [{ kind: 'offer', offer: offer.id, qty }],
    apply: ({ g, news }) => {
      const live = g.marketOffers.find((m) => m.id === o.offer)!;
      const cost = qty * live.price;
      pay(g, team, WORLD, cost, 'import');
      live.qty -= qty;
      live.available -= qty;
      live.sold += qty;
      const arrivesMonth = month + live.deliveryMonths;
      g.deliveries.push({ team, item: live.product, qty, arrivesMonth });
      say(
        news,
        month,
        'import',
        {
          key: 'import.boughtAt',
          team,
          qty,
          item: live.product,
          priceEur: Math.round(live.price),
          costEur: Math.round(cost),
          month: arrivesMonth,
        },
        [team],
      );
    },
  };
};

/**
 * The adversary outbids the Blue side for an offer open to rival bids (`rivalBids`), by the rule of
 * `rules.outbid`: next month a rival buyer takes (1 − capMultiplier) of the release first and the price
 * is × priceMultiplier. Public news, as an outbid on a component is.
 */
export const outbidOffer: Handler<Of<'outbidOffer'>> = ({ s, g, team, month }, o) => {
  const offer = g.marketOffers.find((m) => m.id === o.offer && m.endMonth > month);
  if (!offer) return violation(ErrorCode.UnknownOffer, 'That market offer is not available.', 'offer');
  if (!offer.rivalBids)
    return violation(ErrorCode.ClosedToRivals, 'That offer is not open to rival bids.', 'offer');
  return {
    cost: s.rules.outbid.cost,
    draws: [{ kind: 'once', action: 'outbidOffer', target: offer.id }],
    apply: ({ g, news }) => {
      pay(g, team, WORLD, s.rules.outbid.cost, 'outbid');
      g.marketOffers.find((m) => m.id === o.offer)!.outbidUntil = month + 1 + s.rules.outbid.months;
      say(news, month, 'market', {
        key: 'market.outbidOffer',
        item: offer.product,
        side: s.meta.names.blueSide,
      });
    },
  };
};

/** Ship stock the team holds abroad home: it arrives after the team's `abroad.shippingMonths`. */
export const repatriate: Handler<Of<'repatriate'>> = ({ g, spec, team, month }, o) => {
  const held = g.teams[team]?.abroad;
  if (!spec.abroad || !held || !(o.item in spec.abroad.stock))
    return violation(ErrorCode.NotEnoughStock, `No ${o.item} is held abroad.`, 'item');
  const shipping = spec.abroad.shippingMonths;
  return {
    cost: 0,
    draws: [{ kind: 'abroad', item: o.item, qty: o.qty }],
    apply: ({ g, news }) => {
      takeStock(g.teams[team]!.abroad!, o.item, o.qty);
      const arrivesMonth = month + shipping;
      g.deliveries.push({ team, item: o.item, qty: o.qty, arrivesMonth, repatriated: true });
      say(news, month, 'import', { key: 'abroad.shipped', qty: o.qty, item: o.item, month: arrivesMonth }, [
        team,
      ]);
    },
  };
};
