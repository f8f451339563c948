import type { View } from '@arsenal/shared';
import { useI18n } from '../i18n/i18n.tsx';

export function PhaseLabel({ view }: { view: Pick<View, 'phase' | 'pausedFrom'> }) {
  const { t } = useI18n();
  return (
    <span className={`phase phase-${view.phase}`} data-phase={view.phase}>
      {t(`phase.${view.phase}`)}
      {view.phase === 'paused' && view.pausedFrom ? ` (${t(`phase.${view.pausedFrom}`)})` : ''}
    </span>
  );
}
