import { useState, type FormEvent } from 'react';
import { recipientsOf, TEXT_MAX, type Message, type View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { Names } from '../../ui/names.ts';
import { MessageBody } from '../common/MessagesPanel.tsx';
import './cockpit.css';

type Filter = 'unanswered' | 'answered' | 'all';

/** What was written to the White Cell (alone or among others). */
export const toWhiteCell = (messages: readonly Message[]) =>
  messages.filter((m) => m.from !== 'facilitator' && recipientsOf(m).includes('facilitator'));

export const unanswered = (messages: readonly Message[]) =>
  toWhiteCell(messages).filter((m) => m.answered === undefined).length;

const NAME_KEY = 'arsenal:whitecell-name';
function savedName(): string {
  try {
    return window.localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The White Cell's inbox: messages to it, unanswered first, and requests for information, which a
 * facilitator takes (so that two White Cell devices do not both answer) and answers, releasing the
 * answer to the team that asked or to everyone.
 */
export function Inbox({ ex, view, names }: { ex: Exercise; view: View; names: Names }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('unanswered');
  const [name, setName] = useState(savedName);
  const all = toWhiteCell(view.messages);
  const shown = all.filter((m) =>
    filter === 'all' ? true : filter === 'answered' ? m.answered !== undefined : m.answered === undefined,
  );
  const keepName = (v: string) => {
    setName(v);
    try {
      window.localStorage.setItem(NAME_KEY, v);
    } catch {
      // the name is only a convenience
    }
  };
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t('inbox.title')}</h2>
      <div className="control-row">
        <Field label={t('inbox.filter')}>
          {(p) => (
            <select {...p} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              <option value="unanswered">{t('inbox.unanswered', { n: unanswered(view.messages) })}</option>
              <option value="answered">{t('inbox.answered')}</option>
              <option value="all">{t('inbox.all')}</option>
            </select>
          )}
        </Field>
        <Field label={t('inbox.name')}>
          {(p) => <input {...p} value={name} maxLength={60} onChange={(e) => keepName(e.target.value)} />}
        </Field>
      </div>
      {shown.length === 0 ? (
        <p className="muted">{t(filter === 'unanswered' ? 'inbox.noneOpen' : 'inbox.none')}</p>
      ) : (
        <ol className="inbox-list">
          {shown.map((m) => (
            <InboxItem key={m.seq} ex={ex} message={m} names={names} name={name.trim()} view={view} />
          ))}
        </ol>
      )}
    </section>
  );
}

function InboxItem({
  ex,
  view,
  message: m,
  names,
  name,
}: {
  ex: Exercise;
  view: View;
  message: Message;
  names: Names;
  name: string;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [release, setRelease] = useState<'asker' | 'all'>('asker');
  const replies = view.messages.filter((x) => x.replyTo === m.seq);
  const take = () => cmd.run({ type: 'takeRfi', message: m.seq, ...(name ? { by: name } : {}) });
  const over = text.trim().length > TEXT_MAX;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || over) return;
    const to = m.rfi && release === 'all' ? 'all' : m.from;
    const res = await cmd.run({ type: 'message', to, text: text.trim(), replyTo: m.seq });
    if (res?.ok) {
      setText('');
      setOpen(false);
    }
  };
  return (
    <li
      className="inbox-item"
      data-seq={m.seq}
      data-from={m.from}
      data-state={m.answered === undefined ? 'unanswered' : 'answered'}
      {...(m.rfi ? { 'data-rfi': m.rfi.status } : {})}
    >
      <MessageBody message={m} names={names} />
      {replies.length > 0 && (
        <ul className="inbox-replies">
          {replies.map((r) => (
            <li key={r.seq}>
              <MessageBody message={r} names={names} />
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {m.rfi?.status === 'asked' && (
          <button type="button" onClick={() => void take()} disabled={cmd.pending}>
            {t('inbox.take')}
          </button>
        )}
        {m.rfi?.status !== 'answered' && !open && (
          <button type="button" className="primary" onClick={() => setOpen(true)}>
            {t('inbox.answer')}
          </button>
        )}
      </div>
      {open && (
        <form className="compose" onSubmit={send} noValidate aria-label={t('inbox.answerForm')}>
          <Field label={t('inbox.answerText')} error={over ? t('inbox.tooLong', { max: TEXT_MAX }) : null}>
            {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          {m.rfi && (
            <Field label={t('inbox.release')}>
              {(p) => (
                <select
                  {...p}
                  value={release}
                  onChange={(e) => setRelease(e.target.value as 'asker' | 'all')}
                >
                  <option value="asker">{t('inbox.release.asker', { team: names.team(m.from) })}</option>
                  <option value="all">{t('inbox.release.all')}</option>
                </select>
              )}
            </Field>
          )}
          <button type="submit" className="primary" disabled={cmd.pending || !text.trim() || over}>
            {t('inbox.send')}
          </button>{' '}
          <button type="button" onClick={() => setOpen(false)}>
            {t('inbox.cancel')}
          </button>
        </form>
      )}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
    </li>
  );
}
