import type { View } from '@arsenal/shared';
import type { LocalizedText, Scenario } from '@arsenal/shared';
import type { Formatters } from '../../../i18n/format.ts';
import { labelOr, type T } from '../../../i18n/i18n.tsx';
import type { Choice, FieldKind, FieldValues } from './fields.ts';

/**
 * The text of one option: ids become names, and sources and offers show their terms so the choice can
 * be made from the menu (price, lead time, monthly cap, embargo risk).
 */
export function choiceLabel(
  kind: FieldKind,
  choice: Choice,
  ctx: {
    scenario: Scenario;
    view: View;
    values: FieldValues;
    t: T;
    fmt: Formatters;
    text: (value: LocalizedText) => string;
  },
): string {
  const { scenario, view, values, t, fmt } = ctx;
  switch (kind) {
    case 'concession': {
      const inj = scenario.injects.find((i) => i.id === choice.value);
      if (!inj?.concession) return choice.label;
      const { politicalCapital, money } = inj.concession;
      const terms = { title: ctx.text(inj.title), capital: fmt.num(politicalCapital) };
      return money
        ? t('order.concessionLabelPaid', { ...terms, money: fmt.money(money) })
        : t('order.concessionLabel', terms);
    }
    case 'purpose':
      return labelOr(t, `purpose.${choice.value}`, choice.value);
    case 'yesNo':
      return labelOr(t, `choice.${choice.value}`, choice.value);
    case 'priority':
      return labelOr(t, `linePriority.${choice.value}`, choice.value);
    case 'outputMode':
      return labelOr(t, `outputMode.${choice.value}`, choice.value);
    case 'source': {
      const src = scenario.components
        .find((c) => c.id === values.component)
        ?.sources.find((x) => x.id === choice.value);
      if (!src) return choice.label;
      return t('order.sourceLabel', {
        origin: src.origin,
        price: fmt.money(src.price),
        lead: src.leadTimeMonths,
        cap: fmt.num(src.monthlyCap),
        risk: fmt.pct(src.embargoRisk),
      });
    }
    case 'offer':
    case 'rivalOffer': {
      const m = view.marketOffers.find((x) => x.id === choice.value);
      if (!m) return choice.label;
      const product = scenario.products.find((p) => p.id === m.product)?.name ?? m.product;
      return t('order.offerLabel', {
        product,
        qty: fmt.num(m.available),
        left: fmt.num(m.qty),
        price: fmt.money(m.price),
        months: m.deliveryMonths,
      });
    }
    default:
      return choice.label;
  }
}
