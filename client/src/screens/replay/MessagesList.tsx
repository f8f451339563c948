import type { View } from '@arsenal/shared/engine/views';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';

/** The messages the audience could read at the entry shown, in the order they were sent. */
export function MessagesList({ view, names }: { view: View; names: Names }) {
  const { t, fmt } = useI18n();
  const who = (id: string) =>
    id === 'facilitator' ? t('msg.facilitator') : id === 'all' ? t('msg.everyone') : names.team(id);
  return (
    <section className="panel" aria-labelledby="rp-msg">
      <h2 id="rp-msg">{t('replay.messages')}</h2>
      {view.messages.length === 0 ? (
        <p className="muted">{t('msg.none')}</p>
      ) : (
        <ol className="message-log">
          {view.messages.map((m) => (
            <li key={m.seq} data-seq={m.seq}>
              <p className="meta">
                {t('msg.fromTo', { from: who(m.from), to: who(m.to) })} · {t('msg.month', { month: m.month })}{' '}
                · {fmt.time(m.at)}
              </p>
              <p className="text">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
