import type { View } from '@arsenal/shared';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from './useNow.ts';

export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Time left before the planning deadline, from the absolute deadline in the view. */
export function Countdown({ deadline, className = '' }: { deadline: View['deadline']; className?: string }) {
  const { t } = useI18n();
  const running = deadline.at !== null;
  const now = useNow(1000, running);
  if (deadline.pausedRemaining !== null)
    return (
      <span className={`countdown paused ${className}`}>
        <span className="visually-hidden">{t('timer.left')} </span>
        {clock(deadline.pausedRemaining)} <small>{t('timer.paused')}</small>
      </span>
    );
  if (deadline.at === null) return <span className={`countdown none ${className}`}>{t('timer.none')}</span>;
  const left = deadline.at - now;
  return (
    <span className={`countdown ${left < 60_000 ? 'urgent' : ''} ${className}`} role="timer">
      <span className="visually-hidden">{t('timer.left')} </span>
      {clock(left)}
    </span>
  );
}
