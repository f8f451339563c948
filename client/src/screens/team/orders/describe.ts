import { narrate, orderMessage, type Order, type Scenario, type View } from '@arsenal/shared';
import type { Formatters } from '../../../i18n/format.ts';
import type { Lang } from '../../../i18n/i18n.tsx';
import type { Names } from '../../../ui/names.ts';

/** One sentence per order, in the reader's language: the shared narration of orders. */
export function describeOrder(
  o: Order,
  scenario: Scenario | null,
  names: Names,
  lang: Lang,
  fmt: Formatters,
  view: View,
): string {
  return narrate(orderMessage(scenario ?? { components: [] }, o, view.marketOffers), lang, names, fmt);
}
