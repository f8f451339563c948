import { useState } from 'react';
import type { InjectStatus } from '@arsenal/shared';
import { optionShares, phaseAccepts } from '@arsenal/shared';
import type { Command } from '@arsenal/shared';
import type { Inject, Scenario } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { namesFor } from '../../ui/names.ts';
import { metricValueText } from '@arsenal/shared';
import { conditionText, effectText, recurrenceText, type Words } from './effectText.ts';
import './cockpit.css';

type Change = { kind: 'fire' } | { kind: 'delay'; month: number } | { kind: 'suppress' };

/** Injects by the month they may start, those only the White Cell starts last. */
const byMonth = (a: InjectStatus, b: InjectStatus) => (a.fromMonth ?? Infinity) - (b.fromMonth ?? Infinity);

/**
 * The master events list: every scenario inject, when it may start, its condition now, its effects
 * in words and the White Cell's guidance; fire, move to a later month or suppress, each confirmed and
 * sent as a logged command.
 */
export function RunSheet({ ex, view, scenario }: { ex: Exercise; view: View; scenario: Scenario | null }) {
  const { t, fmt, text, lang } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [asked, setAsked] = useState<{ inject: string; change: Change } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!scenario || !view.runSheet) return <Notice kind="warn">{t('scenario.unavailable')}</Notice>;
  const words: Words = { t, lang, fmt, names: namesFor(scenario, view) };
  const injects = new Map(scenario.injects.map((i) => [i.id, i]));
  const accepts = (type: Command['type']) => phaseAccepts(scenario, view.phase, type);

  const confirm = async (inj: Inject, change: Change) => {
    const command: Command =
      change.kind === 'fire'
        ? { type: 'fireInject', inject: inj.id }
        : change.kind === 'delay'
          ? { type: 'delayInject', inject: inj.id, month: change.month }
          : { type: 'suppressInject', inject: inj.id };
    const res = await cmd.run(command);
    setAsked(null);
    if (res?.ok)
      setDone(
        t(`run.done.${change.kind}`, {
          title: text(inj.title),
          ...(change.kind === 'delay' ? { month: change.month } : {}),
        }),
      );
  };

  return (
    <section className="run-sheet" aria-labelledby="run-title">
      <h2 id="run-title">{t('run.title')}</h2>
      <p className="muted">{t('run.intro')}</p>
      {!accepts('delayInject') && <p className="muted">{t('run.when')}</p>}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      {done && <Notice kind="ok">{done}</Notice>}
      <ol className="run-list">
        {[...view.runSheet].sort(byMonth).map((st) => {
          const inj = injects.get(st.inject);
          if (!inj) return null;
          return (
            <RunRow
              key={st.inject}
              inj={inj}
              st={st}
              view={view}
              words={words}
              turns={scenario.meta.turns}
              canFire={accepts('fireInject')}
              canPlan={accepts('delayInject')}
              pending={cmd.pending}
              asked={asked?.inject === inj.id ? asked.change : null}
              ask={(change) => {
                setDone(null);
                setAsked({ inject: inj.id, change });
              }}
              cancel={() => setAsked(null)}
              confirm={(change) => void confirm(inj, change)}
            />
          );
        })}
      </ol>
    </section>
  );
}

function RunRow({
  inj,
  st,
  view,
  words,
  turns,
  canFire,
  canPlan,
  pending,
  asked,
  ask,
  cancel,
  confirm,
}: {
  inj: Inject;
  st: InjectStatus;
  view: View;
  words: Words;
  turns: number;
  canFire: boolean;
  canPlan: boolean;
  pending: boolean;
  asked: Change | null;
  ask: (c: Change) => void;
  cancel: () => void;
  confirm: (c: Change) => void;
}) {
  const { t, fmt } = words;
  const { text } = useI18n();
  const next = view.month + 1;
  const [month, setMonth] = useState(Math.min(Math.max(next, (st.fromMonth ?? view.month) + 1), turns));
  const open = st.state === 'pending' || st.state === 'suppressed';
  const trig = inj.trigger;
  const titleId = `run-${inj.id}`;
  return (
    <li
      className={`run-row run-${st.state}`}
      data-inject={inj.id}
      data-state={st.state}
      aria-labelledby={titleId}
    >
      <div className="run-when">
        {st.fromMonth === null
          ? t('run.unscheduled')
          : t('run.month', { month: st.recurrence?.next[0] ?? st.fromMonth })}
        {st.delayed && <span className="tag">{t('run.delayed')}</span>}
      </div>
      <div className="run-body">
        <h3 id={titleId}>
          {text(inj.title)} <span className="tag">{t(`run.state.${st.state}`)}</span>
        </h3>
        <p className="muted small">
          {trig.type === 'chance'
            ? t('run.trigger.chance', { pct: fmt.pct(trig.perMonth) })
            : trig.type === 'recurring'
              ? recurrenceText(words, trig)
              : t(`run.trigger.${trig.type}`)}
          {trig.type === 'condition' && <> · {conditionText(words, trig)}</>}
        </p>
        {st.recurrence && (
          <p className="small" data-recurrence data-next={st.recurrence.next.join(' ')}>
            {t('run.recurrence.fired', { n: st.recurrence.fired })}
            {' · '}
            {st.recurrence.next.length
              ? t('run.recurrence.next', { months: st.recurrence.next.join(', ') })
              : t('run.recurrence.none')}
          </p>
        )}
        {trig.type === 'condition' && st.condition && open && (
          <p className={st.condition.holds ? 'run-holds' : 'run-not-holds'} data-holds={st.condition.holds}>
            {t(st.condition.holds ? 'run.condition.now' : 'run.condition.notNow', {
              value: metricValueText(fmt, trig.metric.kind, st.condition.value),
            })}
          </p>
        )}
        <p>{text(inj.description)}</p>
        <p className="small">
          <strong>{t('run.effects')}:</strong>
        </p>
        <ul className="small run-effects">
          {inj.effects.map((e, i) => (
            <li key={i}>{effectText(words, e)}</li>
          ))}
        </ul>
        {inj.options && (
          <>
            <p className="small">
              <strong>{t('run.options')}:</strong>
            </p>
            <ul className="small run-options">
              {optionShares(inj.options).map(({ option: o, share }) => (
                <li key={o.id} data-option={o.id}>
                  {t('run.option', { label: text(o.label), pct: fmt.pct(share) })}
                  {o.effects.length > 0 && <> — {o.effects.map((e) => effectText(words, e)).join('; ')}</>}
                </li>
              ))}
            </ul>
          </>
        )}
        {inj.guidance && (
          <p className="guidance" data-guidance>
            <strong>{t('inj.guidance')}</strong> {text(inj.guidance)}
          </p>
        )}
        {asked ? (
          <div className="run-confirm" role="group" aria-label={t('run.confirm.yes')}>
            <span>
              {t(`run.confirm.${asked.kind}`, {
                title: text(inj.title),
                ...(asked.kind === 'delay' ? { month: asked.month } : {}),
              })}
            </span>{' '}
            <button type="button" disabled={pending} onClick={() => confirm(asked)}>
              {t('run.confirm.yes')}
            </button>{' '}
            <button type="button" onClick={cancel}>
              {t('run.confirm.no')}
            </button>
          </div>
        ) : (
          open && (
            <div className="run-actions">
              <button type="button" disabled={pending || !canFire} onClick={() => ask({ kind: 'fire' })}>
                {t('run.fire')}
              </button>
              {st.state === 'pending' && next <= turns && (
                <>
                  <label>
                    {t('run.delay')}{' '}
                    <input
                      type="number"
                      name="month"
                      min={next}
                      max={turns}
                      value={month}
                      onChange={(e) => setMonth(Number(e.target.value))}
                    />
                  </label>
                  <button
                    type="button"
                    disabled={pending || !canPlan || !(month >= next && month <= turns)}
                    onClick={() => ask({ kind: 'delay', month })}
                  >
                    {t('run.delaySend')}
                  </button>
                  <button
                    type="button"

                    disabled={pending || !canPlan}
                    onClick={() => ask({ kind: 'suppress' })}
                  >
                    {t('run.suppress')}
                  </button>
                </>
              )}
            </div>
          )
        )}
      </div>
    </li>
  );
}
