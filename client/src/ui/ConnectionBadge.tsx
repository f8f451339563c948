import type { LinkState } from '../realtime/connection.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Always on screen: whether this seat is connected and its view current. */
export function ConnectionBadge({ link }: { link: LinkState }) {
  const { t } = useI18n();
  return (
    <span className={`badge link link-${link}`} role="status" aria-live="polite" data-link={link}>
      <span className="dot" aria-hidden="true" />
      {t(`link.${link}`)}
    </span>
  );
}
