import { useEffect, useState } from 'react';
import type { Message, View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';
import { toWhiteCell } from './Inbox.tsx';

interface Toast {
  message: Message;
  /** When it appeared on this device (ms since epoch): the e2e test measures message → toast with it. */
  shownAt: number;
}

/**
 * A toast for each message or request for information that reaches the White Cell while the console
 * is open (not for what was there before it opened); "Open the inbox" goes to it.
 */
export function InboxToasts({ view, names, onOpen }: { view: View; names: Names; onOpen: () => void }) {
  const { t } = useI18n();
  const [seen, setSeen] = useState(() => view.messages.at(-1)?.seq ?? 0);
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const top = view.messages.at(-1)?.seq ?? 0;
    if (top <= seen) return;
    const fresh = toWhiteCell(view.messages.filter((m) => m.seq > seen));
    setSeen(top);
    if (fresh.length === 0) return;
    const shownAt = Date.now();
    setToasts((ts) => [...ts, ...fresh.map((message) => ({ message, shownAt }))].slice(-4));
  }, [view.messages, seen]);
  const dismiss = (seq: number) => setToasts((ts) => ts.filter((x) => x.message.seq !== seq));
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map(({ message: m, shownAt }) => (
        <div key={m.seq} className="toast" role="status" data-seq={m.seq} data-shown-at={shownAt}>
          <p>
            <strong>{t(m.rfi ? 'toast.rfi' : 'toast.message', { from: names.team(m.from) })}</strong>{' '}
            {m.text.length > 100 ? `${m.text.slice(0, 99)}…` : m.text}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              dismiss(m.seq);
              onOpen();
            }}
          >
            {t('toast.open')}
          </button>{' '}
          <button type="button" onClick={() => dismiss(m.seq)}>
            {t('toast.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
