import type { Effect, Inject, Metric, Trigger } from '@arsenal/shared';
import { metricValueText, opText } from '@arsenal/shared';
import type { Formatters } from '../../i18n/format.ts';
import type { T } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';

/** The words around an inject's effects and conditions, in the reader's language. */
export interface Words {
  t: T;
  fmt: Formatters;
  names: Names;
}

/** A multiplier with no trailing zeros: ×0.5, ×1.35, ×2. */
const times = (fmt: Formatters, m: number) =>
  fmt
    .ratio(m)
    .replace(/[.,]00$/, '')
    .replace(/([.,]\d)0$/, '$1');
const signed = (n: string, v: number) => (v > 0 ? `+${n}` : n);

/** One typed inject effect as a sentence: "Red fires on Donbas ×1.35". */
export function effectText({ t, fmt, names }: Words, e: Effect): string {
  const front = (id?: string) => (id ? names.front(id) : t('eff.everyFront'));
  switch (e.type) {
    case 'componentSupply': {
      const what = e.component
        ? names.item(e.component)
        : e.origin
          ? t('eff.fromOrigin', { origin: e.origin })
          : t('eff.allComponents');
      return t('eff.componentSupply', {
        what,
        cap: times(fmt, e.capMultiplier),
        price: times(fmt, e.priceMultiplier),
      });
    }
    case 'productionMultiplier': {
      const what = e.product ? names.product(e.product) : (e.productClass ?? t('eff.allProducts'));
      const unless = e.unlessStock
        ? t('eff.unlessStock', {
            team: names.team(e.unlessStock.team),
            qty: fmt.num(e.unlessStock.atLeast),
            item: names.item(e.unlessStock.item),
          })
        : '';
      return t('eff.productionMultiplier', { what, m: times(fmt, e.multiplier) }) + unless;
    }
    case 'effectMultiplier': {
      const until = e.untilShare
        ? t('eff.untilShare', {
            product: names.product(e.untilShare.product),
            pct: fmt.pct(e.untilShare.atLeast),
            of: e.untilShare.of.map(names.product).join(' + '),
          })
        : '';
      return t('eff.effectMultiplier', { what: e.productClass, m: times(fmt, e.multiplier) }) + until;
    }
    case 'redFires':
      return t('eff.redFires', { front: front(e.front), m: times(fmt, e.multiplier) });
    case 'blueBaseFires':
      return t('eff.blueBaseFires', { front: front(e.front), m: times(fmt, e.multiplier) });
    case 'demand':
      return t('eff.demand', {
        what: e.product ? names.product(e.product) : t('eff.allProducts'),
        front: front(e.front),
        m: times(fmt, e.multiplier),
      });
    case 'ewLevel':
      return t('eff.ewLevel', { front: front(e.front), delta: signed(fmt.num(e.delta), e.delta) });
    case 'qualificationDelay':
      return t('eff.qualificationDelay', { n: e.months });
    case 'leadTimeDelay':
      return t('eff.leadTimeDelay', { what: e.templateKind ?? t('eff.anyWork'), n: e.months });
    case 'lineStoppage':
      return t('eff.lineStoppage', { plant: names.plant(e.plant), n: e.months });
    case 'money':
      return t('eff.money', { team: names.team(e.team), delta: signed(fmt.money(e.delta), e.delta) });
    case 'politicalCapital':
      return t('eff.politicalCapital', {
        team: names.team(e.team),
        delta: signed(fmt.num(e.delta), e.delta),
      });
    case 'unlockLever':
      return t('eff.unlockLever', { lever: t(`lever.${e.lever}`) });
    case 'marketOffer': {
      const lump = t('eff.marketOffer', {
        qty: fmt.num(e.qty),
        product: names.product(e.product),
        price: fmt.money(e.price),
        n: e.deliveryMonths,
      });
      const terms = [
        e.releasePerMonth !== undefined &&
          t(e.carryOver ? 'eff.offerReleaseCarry' : 'eff.offerRelease', { n: fmt.num(e.releasePerMonth) }),
        e.escalation ? t('eff.offerEscalation', { pct: fmt.pct(e.escalation) }) : false,
        e.rivalBids && t('eff.offerRivals'),
      ].filter((x): x is string => typeof x === 'string');
      return terms.length ? `${lump} (${terms.join('; ')})` : lump;
    }
  }
}

/** A model value in words: "days of 155 mm shells at Donbas". */
export function metricText({ t, names }: Words, m: Metric): string {
  const p: Record<string, string> = {};
  if ('front' in m) p.front = names.front(m.front);
  if ('team' in m) p.team = names.team(m.team);
  if ('product' in m) p.product = names.product(m.product);
  if ('of' in m) p.of = m.of.map(names.product).join(' + ');
  return t(`metric.${m.kind}`, p);
}

/** A conditional inject's trigger in words: "Starts when days of 155 mm shells at Donbas < 5". */
export function conditionText(w: Words, trigger: Extract<Inject['trigger'], { type: 'condition' }>): string {
  return w.t('run.condition', {
    metric: metricText(w, trigger.metric),
    op: opText(trigger.op),
    value: metricValueText(w.fmt, trigger.metric.kind, trigger.value),
  });
}

/** A recurring inject's schedule in words: "Every 4 months from month 3, until month 20, at most 3 times". */
export function recurrenceText({ t }: Words, trig: Extract<Trigger, { type: 'recurring' }>): string {
  return (
    t('run.trigger.recurring', { every: trig.everyMonths, from: trig.fromMonth }) +
    (trig.untilMonth !== undefined ? t('run.recurrence.until', { month: trig.untilMonth }) : '') +
    (trig.times !== undefined ? t('run.recurrence.times', { n: trig.times }) : '')
  );
}
