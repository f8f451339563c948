import { useState, type FormEvent } from 'react';
import { ACTION_LIMITS, phaseAccepts, TEXT_MAX, type Scenario, type View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { Names } from '../../ui/names.ts';
import { ActionOutcome, actionState } from '../common/ActionOutcome.tsx';

const FIELDS = new Set(['title', 'argument']);
/** The field a refusal's path ends on (`argument`, or `command.argument` from the envelope). */
const fieldOf = (path: string | undefined) => path?.split('.').pop() ?? '';

/**
 * A team's free-form actions: in planning, a form to argue for something the rules do not list; below,
 * the team's own actions (the view carries no other team's) with the White Cell's decision on each.
 */
export function ActionsPanel({
  ex,
  view,
  scenario,
  team,
  names,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario;
  team: string;
  names: Names;
}) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [title, setTitle] = useState('');
  const [argument, setArgument] = useState('');
  const [sent, setSent] = useState(false);
  const open = phaseAccepts(scenario, view.phase, 'proposeAction');
  const mine = view.actions.filter((a) => a.team === team).reverse();
  // The server's refusal names the field it is about: shown under it, in the reader's language.
  const fieldError = (field: 'title' | 'argument') => {
    const e = cmd.error;
    if (!e || fieldOf(e.path) !== field) return null;
    return lang === 'en' ? e.message : t(`act.err.${field}`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const res = await cmd.run({ type: 'proposeAction', title, argument });
    if (res?.ok) {
      setTitle('');
      setArgument('');
      setSent(true);
    }
  };

  return (
    <section className="panel actions-panel" aria-labelledby="act-title">
      <h2 id="act-title">{t('act.title')}</h2>
      <p className="muted">{t('act.intro')}</p>
      {open ? (
        <form onSubmit={submit} noValidate aria-labelledby="act-propose">
          <h3 id="act-propose">{t('act.propose')}</h3>
          <Field label={t('act.field.title')} error={fieldError('title')}>
            {(p) => (
              <input
                {...p}
                name="title"
                value={title}
                maxLength={ACTION_LIMITS.title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('act.field.argument')}
            hint={t('act.field.argumentHint')}
            error={fieldError('argument')}
          >
            {(p) => (
              <textarea
                {...p}
                name="argument"
                rows={4}
                maxLength={TEXT_MAX}
                value={argument}
                onChange={(e) => setArgument(e.target.value)}
              />
            )}
          </Field>
          {cmd.error && !FIELDS.has(fieldOf(cmd.error.path)) && (
            <Notice kind="error">{errorText(cmd.error)}</Notice>
          )}
          {sent && <Notice kind="ok">{t('act.sent')}</Notice>}
          <button type="submit" className="primary" disabled={cmd.pending}>
            {t('act.send')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('act.when')}</p>
      )}
      <h3>{t('act.mine')}</h3>
      {mine.length === 0 ? (
        <p className="muted">{t('act.none')}</p>
      ) : (
        <ul className="action-list">
          {mine.map((a) => (
            <li key={a.seq} className="action-item" data-action={a.seq} data-state={actionState(a)}>
              <h4>
                {a.title}{' '}
                <span className={`tag tag-${actionState(a)}`}>{t(`act.state.${actionState(a)}`)}</span>
              </h4>
              <p className="muted small">{t('act.month', { month: a.month })}</p>
              <p className="action-argument">{a.argument}</p>
              <ActionOutcome action={a} names={names} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
