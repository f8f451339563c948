import { announcementsNow, TEXT_MAX } from '@arsenal/shared';
import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';

/**
 * An announcement to every seat (team consoles and the room display), or to one team only. It leaves
 * the room display when the next month begins unless pinned; those on screen now can be pinned or
 * unpinned here.
 */
export function AnnounceForm({ ex, view }: { ex: Exercise; view: View }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [to, setTo] = useState('all');
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState(false);
  const onScreen = announcementsNow(view.notes, view.month);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    const res = await cmd.run({
      type: 'note',
      kind: 'announcement',
      text: body,
      ...(to === 'all' ? {} : { team: to }),
      ...(pinned ? { pinned: true } : {}),
    });
    if (res?.ok) {
      setText('');
      setPinned(false);
    }
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
      <label className="check">
        <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />{' '}
        {t('ann.pin')}
      </label>
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      <button type="submit" disabled={cmd.pending || !text.trim()}>
        {t('ann.send')}
      </button>
      {onScreen.length > 0 && (
        <>
          <h3>{t('ann.onScreen')}</h3>
          <ul className="announce-list">
            {onScreen.map((n) => (
              <li key={n.seq} data-seq={n.seq} data-pinned={n.pinned === true}>
                <span>
                  {n.text} <small className="muted">{n.pinned ? t('ann.pinned') : t('ann.untilNext')}</small>
                </span>
                <button
                  type="button"
                  disabled={cmd.pending}
                  aria-label={t(n.pinned ? 'ann.unpinOne' : 'ann.pinOne', { text: n.text.slice(0, 40) })}
                  onClick={() => void cmd.run({ type: 'pinNote', seq: n.seq, pinned: !n.pinned })}
                >
                  {n.pinned ? t('ann.unpinButton') : t('ann.pinButton')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}
