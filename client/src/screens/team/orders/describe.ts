import type { View } from '@arsenal/shared';
import type { Order } from '@arsenal/shared';
import type { Formatters } from '../../../i18n/format.ts';
import type { T } from '../../../i18n/i18n.tsx';
import type { Names } from '../../../ui/names.ts';

/** One sentence per order, in the reader's language: what the team asks for. */
export function describeOrder(o: Order, n: Names, t: T, fmt: Formatters, view: View): string {
  switch (o.type) {
    case 'budget':
      return t('order.say.budget', {
        amount: fmt.money(o.amount),
        team: n.team(o.to),
        purpose: t(`purpose.${o.purpose}`),
      });
    case 'convertLine':
      return t('order.say.convertLine', {
        line: n.line(o.plant, o.line),
        plant: n.plant(o.plant),
        product: n.product(o.product),
        template: n.template(o.template),
      });
    case 'revertLine':
      return t('order.say.revertLine', { line: n.line(o.plant, o.line), plant: n.plant(o.plant) });
    case 'setLinePriority':
      return t('order.say.setLinePriority', {
        line: n.line(o.plant, o.line),
        plant: n.plant(o.plant),
        priority: t(`linePriority.${o.priority}`),
      });
    case 'setShifts':
      return t(o.overtime ? 'order.say.setShiftsOvertime' : 'order.say.setShifts', {
        line: n.line(o.plant, o.line),
        plant: n.plant(o.plant),
        shifts: fmt.num(o.shifts),
      });
    case 'invest':
      return t('order.say.invest', {
        plant: n.plant(o.plant),
        qty: fmt.num(o.addNameplate),
        product: n.product(o.product),
        template: n.template(o.template),
      });
    case 'buildPlant':
      return t('order.say.buildPlant', {
        plant: n.plant(o.site),
        qty: fmt.num(o.addNameplate),
        product: n.product(o.product),
        template: n.template(o.template),
      });
    case 'hire':
      return t('order.say.hire', { qty: fmt.num(o.count), plant: n.plant(o.plant) });
    case 'buyComponents':
      return t('order.say.buyComponents', {
        qty: fmt.num(o.qty),
        item: n.item(o.component),
        source: o.source.toUpperCase(),
      });
    case 'allocate':
      return t('order.say.allocate', {
        qty: fmt.num(o.qty),
        item: n.product(o.product),
        front: n.front(o.front),
      });
    case 'transfer':
      return t('order.say.transfer', { qty: fmt.num(o.qty), item: n.item(o.item), team: n.team(o.to) });
    case 'buyMarketOffer': {
      const offer = view.marketOffers.find((m) => m.id === o.offer);
      return t('order.say.buyMarketOffer', {
        qty: fmt.num(o.qty),
        item: offer ? n.item(offer.product) : o.offer,
      });
    }
    case 'strike':
      return t('order.say.strike', { plant: n.plant(o.plant) });
    case 'ewUpgrade':
      return t('order.say.ewUpgrade', { front: n.front(o.front) });
    case 'outbid':
      return t('order.say.outbid', { item: n.item(o.component) });
    case 'surge':
      return t('order.say.surge', { front: n.front(o.front), amount: fmt.money(o.amount) });
    case 'exportControl':
      return t('order.say.exportControl', { item: n.item(o.component) });
  }
}
