import { useState } from 'react';
import { ROUTES } from '@arsenal/shared/protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { QrCode } from '../home/QrCode.tsx';

/**
 * The facilitator link again (the console's own token, kept on this device), for a second White Cell
 * device: shown only when asked for, since whoever opens it runs the exercise.
 */
export function FacilitatorLink({ ex }: { ex: Exercise }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  if (!ex.token) return null;
  const link = `${window.location.origin}${ROUTES.facilitator(ex.exerciseId)}#token=${ex.token}`;
  return (
    <div className="facilitator-link">
      <button type="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? t('fac.hideLink') : t('fac.showLink')}
      </button>
      {shown && (
        <div className="row wrap">
          <a href={link} target="_blank" rel="noopener" data-facilitator-link>
            {link}
          </a>
          <QrCode text={link} label={t('fac.linkQr')} size={96} />
          <p className="hint">{t('created.linkHint')}</p>
        </div>
      )}
    </div>
  );
}
