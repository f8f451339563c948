import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import type { Message } from '@arsenal/shared';
import { recipientsOf, TEXT_MAX } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { Names } from '../../ui/names.ts';
import './messages.css';

/**
 * Messages this seat may read (a team: its own and those to everyone; the facilitator and observers:
 * all of them), grouped by conversation, and a form to write one: to one seat and copies to others, as
 * a reply to a message (the same thread), or, for a team, as a request for information to the White
 * Cell. `me` is a team id or 'facilitator'; observers read only.
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
  const [also, setAlso] = useState<string[]>([]);
  const [rfi, setRfi] = useState(false);
  const [reply, setReply] = useState<Message | null>(null);
  const paged = usePagedMessages(ex, view);
  const [text, setText] = useState('');

  const copies = to === 'all' ? [] : also.filter((x) => x !== to);
  const canAsk = !facilitator && to === 'facilitator' && copies.length === 0 && !reply;
  const length = text.trim().length;
  const over = length - TEXT_MAX;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || over > 0) return;
    const res = await cmd.run({
      type: 'message',
      to: copies.length ? [to, ...copies] : to,
      text: text.trim(),
      ...(canAsk && rfi ? { kind: 'rfi' as const } : {}),
      ...(reply ? { replyTo: reply.seq } : {}),
    });
    if (!res?.ok) return;
    setText('');
    setReply(null);
    setRfi(false);
    setAlso([]);
  };
  const answer = (m: Message) => {
    setReply(m);
    setTo(m.from === me ? m.to : m.from);
    setAlso([]);
  };
  const threads = byThread(paged.messages);

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
          {threads.map((m) => (
            <li
              key={m.seq}
              className={`${m.from === me ? 'mine' : ''} ${m.replyTo ? 'reply' : ''}`}
              data-seq={m.seq}
              data-from={m.from}
              data-to={recipientsOf(m).join(' ')}
              data-thread={m.thread ?? m.seq}
            >
              <MessageBody message={m} names={names} />
              {!readOnly && (
                <button type="button" className="link" onClick={() => answer(m)}>
                  {t('msg.reply')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <form onSubmit={send} className="compose" noValidate>
          {reply && (
            <p className="replying" data-reply={reply.seq}>
              {t('msg.replyingTo', { from: whoIs(t, names, reply.from), text: snippet(reply.text) })}{' '}
              <button type="button" className="link" onClick={() => setReply(null)}>
                {t('msg.replyCancel')}
              </button>
            </p>
          )}
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
          {to !== 'all' && (
            <fieldset className="copies">
              <legend>{t('msg.also')}</legend>
              {targets
                .filter((x) => x.id !== 'all' && x.id !== to)
                .map((x) => (
                  <label key={x.id} className="check">
                    <input
                      type="checkbox"
                      name="also"
                      value={x.id}
                      checked={also.includes(x.id)}
                      onChange={(e) =>
                        setAlso((a) => (e.target.checked ? [...a, x.id] : a.filter((y) => y !== x.id)))
                      }
                    />{' '}
                    {x.name}
                  </label>
                ))}
            </fieldset>
          )}
          {canAsk && (
            <label className="check">
              <input type="checkbox" name="rfi" checked={rfi} onChange={(e) => setRfi(e.target.checked)} />{' '}
              {t('msg.rfi')}
            </label>
          )}
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

/** Messages grouped by conversation (in the order each began), each conversation in `seq` order. */
function byThread(messages: readonly Message[]): Message[] {
  const root = (m: Message) => m.thread ?? m.seq;
  return [...messages].sort((a, b) => root(a) - root(b) || a.seq - b.seq);
}

const snippet = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

function whoIs(t: ReturnType<typeof useI18n>['t'], names: Names, id: string): string {
  return id === 'facilitator' ? t('msg.facilitator') : id === 'all' ? t('msg.everyone') : names.team(id);
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
  const who = (id: string) => whoIs(t, names, id);
  const to = recipientsOf(m).map(who).join(', ');
  return (
    <>
      <p className="meta">
        {m.rfi && (
          <span className="tag rfi" data-rfi={m.rfi.status}>
            {t(`msg.rfi.${m.rfi.status}`, { by: m.rfi.by ?? '' })}
          </span>
        )}{' '}
        {t('msg.fromTo', { from: who(m.from), to })} · {t('msg.month', { month: m.month })} · {fmt.time(m.at)}
      </p>
      <p className="text">{m.text}</p>
    </>
  );
}
