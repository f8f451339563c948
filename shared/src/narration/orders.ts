import type { Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { NewsMessage } from './render.ts';

/** Where a market offer's goods come from, for orders that name an offer by id. */
export interface OfferRef {
  id: string;
  product: string;
}

/**
 * An order in words, as a message: the one narration of orders, used by the team's draft list, the
 * after-action report's decisions and the news of an order that was not carried out. Ids stay ids; the
 * reader's names, numbers and terms are applied by `narrate`.
 */
export function orderMessage(
  s: Pick<Scenario, 'components'> & Partial<Pick<Scenario, 'injects'>>,
  o: Order,
  offers: readonly OfferRef[] = [],
): NewsMessage {
  switch (o.type) {
    case 'budget':
      return { key: 'order.budget', amountEur: o.amount, recipient: o.to, purpose: o.purpose };
    case 'convertLine':
      return {
        key: 'order.convertLine',
        plant: o.plant,
        line: o.line,
        item: o.product,
        template: o.template,
      };
    case 'revertLine':
      return { key: 'order.revertLine', plant: o.plant, line: o.line };
    case 'setLinePriority':
      return { key: 'order.setLinePriority', plant: o.plant, line: o.line, priority: o.priority };
    case 'setOutputMode':
      return {
        key: o.mode === 'toOrders' ? 'order.setOutputMode' : 'order.setOutputAtCapacity',
        plant: o.plant,
        line: o.line,
        qty: o.stockTarget,
      };
    case 'setShifts':
      return {
        key: o.overtime ? 'order.setShiftsOvertime' : 'order.setShifts',
        plant: o.plant,
        line: o.line,
        shifts: o.shifts,
      };
    case 'invest':
      return {
        key: 'order.invest',
        plant: o.plant,
        add: o.addNameplate,
        item: o.product,
        template: o.template,
      };
    case 'buildPlant':
      return {
        key: 'order.buildPlant',
        plant: o.site,
        add: o.addNameplate,
        item: o.product,
        template: o.template,
      };
    case 'hire':
      return { key: 'order.hire', plant: o.plant, qty: o.count };
    case 'buyComponents': {
      const src = s.components.find((c) => c.id === o.component)?.sources.find((x) => x.id === o.source);
      return { key: 'order.buyComponents', qty: o.qty, item: o.component, origin: src?.origin ?? o.source };
    }
    case 'allocate':
      return { key: 'order.allocate', qty: o.qty, item: o.product, front: o.front };
    case 'transfer':
      return { key: 'order.transfer', qty: o.qty, item: o.item, recipient: o.to };
    case 'buyMarketOffer':
      return {
        key: 'order.buyMarketOffer',
        qty: o.qty,
        item: offers.find((m) => m.id === o.offer)?.product ?? o.offer,
      };
    case 'strike':
      return { key: 'order.strike', plant: o.plant };
    case 'ewUpgrade':
      return { key: 'order.ewUpgrade', front: o.front };
    case 'outbid':
      return { key: 'order.outbid', item: o.component };
    case 'outbidOffer':
      return { key: 'order.outbidOffer', item: offers.find((m) => m.id === o.offer)?.product ?? o.offer };
    case 'repatriate':
      return { key: 'order.repatriate', qty: o.qty, item: o.item };
    case 'surge':
      return { key: 'order.surge', front: o.front, amountEur: o.amount };
    case 'exportControl':
      return { key: 'order.exportControl', item: o.component };
    case 'concede':
      return { key: 'order.concede', title: s.injects?.find((i) => i.id === o.inject)?.title ?? o.inject };
  }
}
