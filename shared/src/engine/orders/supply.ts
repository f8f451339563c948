import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { supplyModifiers } from '../effects.ts';
import { bump, euros, pay, say, WORLD } from '../finance.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/** Buy components from one of their sources, within its monthly cap; they arrive after its lead time. */
export const buyComponents: Handler<Of<'buyComponents'>> = ({ s, g, ix, team, month }, o) => {
  const comp = ix.components.get(o.component);
  if (!comp)
    return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
  const key = `${o.component}/${o.source}`;
  const src = ix.sources.get(key);
  if (!src) return violation(ErrorCode.UnknownSource, `${comp.name} has no source "${o.source}".`, 'source');
  const mods = supplyModifiers(g, o.component, key, src.origin, s.rules.outbid);
  if (mods.embargoed)
    return violation(ErrorCode.Embargoed, `${src.origin} ${comp.name} is under embargo.`, 'source');
  const cap = Math.floor(src.monthlyCap * mods.cap) - (g.sourceUsed[key] ?? 0);
  if (o.qty > cap)
    return violation(
      ErrorCode.OverCapacity,
      `Only ${Math.max(0, cap)} ${comp.name} can be had from ${src.origin} this month.`,
      'qty',
    );
  const unit = src.price * mods.price;
  return {
    cost: o.qty * unit,
    draws: [{ kind: 'source', component: o.component, source: o.source, qty: o.qty }],
    apply: ({ g, dice }) => {
      pay(g, team, WORLD, o.qty * unit, 'components');
      bump(g.sourceUsed, key, o.qty);
      const jitter = s.rules.leadTimeJitterMonths
        ? dice.int(-s.rules.leadTimeJitterMonths, s.rules.leadTimeJitterMonths)
        : 0;
      const lead = Math.max(0, src.leadTimeMonths + jitter);
      g.componentOrders.push({
        team,
        component: o.component,
        source: o.source,
        qty: o.qty,
        arrivesMonth: month + lead,
      });
      const t = g.teams[team]!;
      t.componentsBought += o.qty;
      if (src.embargoRisk > 0) t.componentsExposed += o.qty;
    },
  };
};

/** Buy finished goods from an offer abroad (made by a market inject); they arrive after its delay. */
export const buyMarketOffer: Handler<Of<'buyMarketOffer'>> = ({ g, team, spec, month }, o) => {
  const offer = g.marketOffers.find((m) => m.id === o.offer && m.endMonth > month);
  if (!offer) return violation(ErrorCode.UnknownOffer, 'That market offer is not available.', 'offer');
  if (o.qty > offer.qty) return violation(ErrorCode.OverCapacity, `Only ${offer.qty} are on offer.`, 'qty');
  return {
    cost: o.qty * offer.price,
    draws: [{ kind: 'offer', offer: offer.id, qty: o.qty }],
    apply: ({ g, news }) => {
      const live = g.marketOffers.find((m) => m.id === o.offer)!;
      pay(g, team, WORLD, o.qty * live.price, 'import');
      live.qty -= o.qty;
      g.deliveries.push({ team, item: live.product, qty: o.qty, arrivesMonth: month + live.deliveryMonths });
      say(
        news,
        month,
        'import',
        `${spec.name} buys ${o.qty} ${live.product} abroad for ${euros(o.qty * live.price)}.`,
        [team],
      );
    },
  };
};
