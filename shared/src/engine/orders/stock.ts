import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { own } from '../../util/canonical.ts';
import { bump, say, takeStock } from '../finance.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/** Send units from the team's stock to a front. */
export const allocate: Handler<Of<'allocate'>> = ({ g, ix, team }, o) => {
  if (!own(g.fronts, o.front))
    return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
  if (!ix.products.has(o.product))
    return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
  return {
    cost: 0,
    draws: [{ kind: 'stock', item: o.product, qty: o.qty }],
    apply: ({ g }) => {
      takeStock(g.teams[team]!.stock, o.product, o.qty);
      bump(g.fronts[o.front]!.stock, o.product, o.qty);
      bump(g.fronts[o.front]!.committed, o.product, o.qty);
    },
  };
};

/** Hand stock (products or components) to a friendly team. */
export const transfer: Handler<Of<'transfer'>> = ({ ix, team, month }, o) => {
  if (o.to === team) return violation(ErrorCode.SelfDealing, 'A team cannot transfer to itself.', 'to');
  const to = ix.teams.get(o.to);
  if (!to || to.kind === 'adversary')
    return violation(ErrorCode.UnknownTeam, `There is no friendly team "${o.to}".`, 'to');
  if (!ix.products.has(o.item) && !ix.components.has(o.item))
    return violation(ErrorCode.UnknownProduct, `There is no item "${o.item}".`, 'item');
  return {
    cost: 0,
    draws: [{ kind: 'stock', item: o.item, qty: o.qty }],
    apply: ({ g, news }) => {
      takeStock(g.teams[team]!.stock, o.item, o.qty);
      bump(g.teams[o.to]!.stock, o.item, o.qty);
      say(
        news,
        month,
        'transfer',
        { key: 'stock.transfer', team, qty: o.qty, item: o.item, recipient: to.id },
        [team, o.to],
      );
    },
  };
};
