import type { View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';
import { MessageBody } from '../common/MessagesPanel.tsx';

/** The messages the audience could read at the entry shown, in the order they were sent. */
export function MessagesList({ view, names }: { view: View; names: Names }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="rp-msg">
      <h2 id="rp-msg">{t('replay.messages')}</h2>
      {view.messages.length === 0 ? (
        <p className="muted">{t('msg.none')}</p>
      ) : (
        <ol className="message-log">
          {view.messages.map((m) => (
            <li key={m.seq} data-seq={m.seq}>
              <MessageBody message={m} names={names} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
