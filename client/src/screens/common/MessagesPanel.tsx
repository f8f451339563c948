import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import type { Message } from '@arsenal/shared';
import { TEXT_MAX } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { Names } from '../../ui/names.ts';

/**
 * Messages this seat may read (a team: its own and those to everyone; the facilitator and observers:
 * all of them), and a form to write one. `me` is a team id or 'facilitator'; observers read only.
 */
export function MessagesPanel({
  ex,
  view,
  me,
  names,
  readOnly = false,
}: {
  ex: Exercise;
  view: View;
  me: string;
  names: Names;
  readOnly?: boolean;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const facilitator = me === 'facilitator';
  const targets = facilitator
    ? [{ id: 'all', name: t('msg.everyone') }, ...view.teams.map((x) => ({ id: x.id, name: x.name }))]
    : [
        { id: 'facilitator', name: t('msg.facilitator') },
        ...view.teams.filter((x) => x.id !== me).map((x) => ({ id: x.id, name: x.name })),
      ];
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const paged = usePagedMessages(ex, view);
  const [text, setText] = useState('');

  const length = text.trim().length;
  const over = length - TEXT_MAX;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || over > 0) return;
    const res = await cmd.run({ type: 'message', to, text: text.trim() });
    if (res?.ok) setText('');
  };

  return (
    <section className="messages" aria-labelledby="msg-title">
      <h2 id="msg-title">{t('msg.title')}</h2>
      {paged.left > 0 && (
        <button type="button" className="load-older" onClick={paged.load} disabled={paged.loading}>
          {t('msg.older', { count: paged.left })}
        </button>
      )}
      {paged.error && <Notice kind="error">{t('msg.olderFailed', { reason: paged.error })}</Notice>}
      {paged.messages.length === 0 ? (
        <p className="muted">{t('msg.none')}</p>
      ) : (
        <ol className="message-log" aria-live="polite" aria-label={t('msg.title')} tabIndex={0}>
          {paged.messages.map((m) => (
            <li key={m.seq} className={m.from === me ? 'mine' : ''} data-from={m.from} data-to={m.to}>
              <MessageBody message={m} names={names} />
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <form onSubmit={send} className="compose" noValidate>
          <Field label={t('msg.to')}>
            {(p) => (
              <select {...p} name="to" value={to} onChange={(e) => setTo(e.target.value)}>
                {targets.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('msg.text')}
            hint={
              <span className="counter" data-length={length}>
                {t('msg.count', { n: fmt.num(length), max: fmt.num(TEXT_MAX) })}
              </span>
            }
            error={over > 0 ? t('msg.tooLong', { over: fmt.num(over), max: fmt.num(TEXT_MAX) }) : null}
          >
            {(p) => (
              <textarea {...p} name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
            )}
          </Field>
          {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
          <button type="submit" className="primary" disabled={cmd.pending || !text.trim() || over > 0}>
            {t('msg.send')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * The view's messages (the latest pages only) and the older ones loaded on demand, a page per press.
 * When the view's window moves on past messages that were on screen while older pages are loaded, they
 * join the loaded ones, so the list stays whole.
 */
function usePagedMessages(ex: Exercise, view: View) {
  const errorText = useErrorText();
  const [older, setOlder] = useState<Message[]>([]);
  const [olderLeft, setOlderLeft] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(view.messages);
  if (shown !== view.messages) {
    setShown(view.messages);
    const first = view.messages[0]?.seq ?? Infinity;
    const dropped = shown.filter((m) => m.seq < first);
    if (older.length && dropped.length) setOlder(mergeBySeq(older, dropped));
  }

  const load = async () => {
    const before = older[0]?.seq ?? view.messages[0]?.seq;
    if (before === undefined || !ex.connection) return;
    setLoading(true);
    setError(null);
    const res = await ex.connection.olderMessages({ before });
    setLoading(false);
    if (!res.ok) return setError(errorText(res));
    if (!('messages' in res)) return;
    setOlder((o) => mergeBySeq(res.messages, o));
    setOlderLeft(res.older);
  };

  const messages = older.length ? mergeBySeq(older, view.messages) : view.messages;
  return { messages, left: older.length ? olderLeft : view.olderMessages, load, loading, error };
}

/** Two lists of messages as one, in `seq` order, each message once. */
function mergeBySeq(a: readonly Message[], b: readonly Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const m of a) bySeq.set(m.seq, m);
  for (const m of b) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}

/** One message as both the live panel and the replay show it: who to whom, when, and the text. */
export function MessageBody({ message: m, names }: { message: View['messages'][number]; names: Names }) {
  const { t, fmt } = useI18n();
  const who = (id: string) =>
    id === 'facilitator' ? t('msg.facilitator') : id === 'all' ? t('msg.everyone') : names.team(id);
  return (
    <>
      <p className="meta">
        {t('msg.fromTo', { from: who(m.from), to: who(m.to) })} · {t('msg.month', { month: m.month })} ·{' '}
        {fmt.time(m.at)}
      </p>
      <p className="text">{m.text}</p>
    </>
  );
}
