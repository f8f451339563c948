import type { Effect, Inject, Metric, Trigger } from '@arsenal/shared';
import { effectMessage, metricValueText, narrate, opText, type Lang } from '@arsenal/shared';
import type { Formatters } from '../../i18n/format.ts';
import type { T } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';

/** The words around an inject's effects and conditions, in the reader's language. */
export interface Words {
  t: T;
  lang: Lang;
  fmt: Formatters;
  names: Names;
}

/**
 * One typed inject effect as a sentence ("Red fires on Donbas ×1.35"): the shared wording
 * (`effectMessage`, the after-action report's too) in the reader's language.
 */
export function effectText({ lang, fmt, names }: Words, e: Effect): string {
  return narrate(effectMessage(e), lang, names, fmt);
}

/** A model value in words: "days of 155 mm shells at Donbas". */
export function metricText({ t, names }: Words, m: Metric): string {
  const p: Record<string, string> = {};
  if ('front' in m) p.front = names.front(m.front);
  if ('team' in m) p.team = names.team(m.team);
  if ('product' in m && m.product) p.product = names.product(m.product);
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
