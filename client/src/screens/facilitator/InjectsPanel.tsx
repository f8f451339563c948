import { TEXT_MAX } from '@arsenal/shared';
import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import './cockpit.css';

/** The scenario's injects (fire one now) and ad hoc injects written on the spot. */
export function InjectsPanel({
  ex,
  view,
  scenario,
  readOnly = false,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  readOnly?: boolean;
}) {
  const { t, text } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const canFire = view.phase === 'briefing' || view.phase === 'planning';
  const canAdHoc = canFire || view.phase === 'review';
  const active = new Set(view.activeInjects.map((a) => a.inject));
  const fired = new Set(view.all?.firedInjects ?? active);
  // The run sheet's status says whether an inject can still be fired (a recurring one between occurrences).
  const status = new Map((view.runSheet ?? []).map((st) => [st.inject, st.state]));
  const fireable = (id: string) => {
    const st = status.get(id);
    return st ? st === 'pending' || st === 'suppressed' : !fired.has(id);
  };

  const adHoc = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    const res = await cmd.run({ type: 'adHocInject', title: title.trim(), description: description.trim() });
    if (res?.ok) {
      setTitle('');
      setDescription('');
    }
  };

  return (
    <section className="injects" aria-labelledby="inj-title">
      <h2 id="inj-title">{t('inj.title')}</h2>
      {!readOnly && !canFire && <p className="muted">{t('inj.when')}</p>}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      {!scenario ? (
        <Notice kind="warn">{t('scenario.unavailable')}</Notice>
      ) : (
        <ul className="inject-list">
          {scenario.injects.map((inj) => (
            <li key={inj.id} data-inject={inj.id}>
              <h3>
                {text(inj.title)} {active.has(inj.id) && <span className="tag">{t('inj.active')}</span>}
                {!active.has(inj.id) && fired.has(inj.id) && <span className="tag">{t('inj.fired')}</span>}
              </h3>
              <p>{text(inj.description)}</p>
              {inj.guidance && (
                <p className="guidance" data-guidance>
                  <strong>{t('inj.guidance')}</strong> {text(inj.guidance)}
                </p>
              )}
              <p className="muted small">
                {t(
                  `inj.trigger.${inj.trigger.type}`,
                  inj.trigger.type === 'month' ? { month: inj.trigger.month } : {},
                )}{' '}
                · {inj.durationMonths ? t('inj.duration', { n: inj.durationMonths }) : t('inj.oneShot')}
              </p>
              {!readOnly && (
                <button
                  type="button"
                  disabled={cmd.pending || !canFire || !fireable(inj.id)}
                  onClick={() => void cmd.run({ type: 'fireInject', inject: inj.id })}
                >
                  {t('inj.fire')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="panel" onSubmit={adHoc} noValidate aria-labelledby="adhoc-title">
          <h3 id="adhoc-title">{t('inj.adHoc')}</h3>
          <Field label={t('inj.adHocTitle')}>
            {(p) => (
              <input
                {...p}
                name="title"
                value={title}
                maxLength={200}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('inj.adHocText')}>
            {(p) => (
              <textarea
                {...p}
                name="description"
                rows={3}
                maxLength={TEXT_MAX}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={cmd.pending || !canAdHoc || !title.trim()}>
            {t('inj.adHocSend')}
          </button>
        </form>
      )}
    </section>
  );
}
