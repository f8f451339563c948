import { useState } from 'react';
import { api } from '../../api/http.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';

/** Downloads the exercise's log with its hash chain (for replay, audit and the after-action report). */
export function ExportButton({ ex }: { ex: Exercise }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    if (!ex.token) return;
    const blob = await api.exportFile(ex.exerciseId, ex.token);
    setFailed(!blob);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `arsenal-${ex.exerciseId}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <p className="export">
      <button type="button" onClick={() => void download()}>
        {t('fac.export')}
      </button>
      {failed && <span className="error"> {t('fac.exportFailed')}</span>}{' '}
      <a href={`/x/${ex.exerciseId}/replay`}>{t('fac.openReplay')}</a>
    </p>
  );
}
