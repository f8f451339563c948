import { TEXT_MAX } from '@arsenal/shared';
import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';

/** An announcement to every seat (team consoles and the room display), or to one team only. */
export function AnnounceForm({ ex, view }: { ex: Exercise; view: View }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [to, setTo] = useState('all');
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    const res = await cmd.run({
      type: 'note',
      kind: 'announcement',
      text: body,
      ...(to === 'all' ? {} : { team: to }),
    });
    if (res?.ok) setText('');
  };
  return (
    <form className="panel announce" onSubmit={submit} noValidate aria-labelledby="ann-title">
      <h2 id="ann-title">{t('ann.title')}</h2>
      <Field label={t('ann.to')}>
        {(p) => (
          <select {...p} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="all">{t('ann.everyone')}</option>
            {view.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ann.text')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={TEXT_MAX}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      <button type="submit" disabled={cmd.pending || !text.trim()}>
        {t('ann.send')}
      </button>
    </form>
  );
}
