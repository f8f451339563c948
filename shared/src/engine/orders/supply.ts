import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { supplyModifiers } from '../effects.ts';
import { pay, WORLD } from '../finance.ts';
import { sourceKey } from '../lookup.ts';
import { sourceCap } from '../supply.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/** Buy components from one of their sources, within its monthly cap; they arrive after its lead time. */
export const buyComponents: Handler<Of<'buyComponents'>> = ({ s, g, ix, team, month, grants }, o) => {
  const comp = ix.components.get(o.component);
  if (!comp)
    return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
  const key = sourceKey(ix, o.component, o.source);
  const src = key === undefined ? undefined : ix.sources.get(key);
  if (!src || key === undefined)
    return violation(ErrorCode.UnknownSource, `${comp.name} has no source "${o.source}".`, 'source');
  const mods = supplyModifiers(g, o.component, key, src.origin, s.rules.outbid);
  if (mods.embargoed)
    return violation(ErrorCode.Embargoed, `${src.origin} ${comp.name} is under embargo.`, 'source');
  // The public cap only: what other teams order is theirs to know, and is shared out at adjudication.
  const cap = sourceCap(s, g, o.component, o.source);
  if (o.qty > cap)
    return violation(
      ErrorCode.OverCapacity,
      `Only ${cap} ${comp.name} can be had from ${src.origin} this month.`,
      'qty',
    );
  // At adjudication the order gets its share of the cap (narrated by the sharing); a nil share is a no-op.
  const qty = grants?.get(o) ?? o.qty;
  if (qty <= 0) return { cost: 0, draws: [], apply: () => {} };
  const unit = src.price * mods.price;
  return {
    cost: qty * unit,
    draws: [{ kind: 'source', component: o.component, source: o.source, qty }],
    apply: ({ g, dice }) => {
      pay(g, team, WORLD, qty * unit, 'components');
      const jitter = s.rules.leadTimeJitterMonths
        ? dice.int(-s.rules.leadTimeJitterMonths, s.rules.leadTimeJitterMonths)
        : 0;
      const lead = Math.max(0, src.leadTimeMonths + jitter);
      g.componentOrders.push({
        team,
        component: o.component,
        source: o.source,
        qty,
        arrivesMonth: month + lead,
      });
      const t = g.teams[team]!;
      t.componentsBought += qty;
      if (src.embargoRisk > 0) t.componentsExposed += qty;
    },
  };
};
