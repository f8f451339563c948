import { useState } from 'react';
import { api } from '../../api/http.ts';
import { download as saveFile } from '../../ui/download.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';

/** Downloads the exercise's log with its hash chain (for replay, audit and the after-action report). */
export function ExportButton({ ex }: { ex: Exercise }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    if (!ex.token) return;
    const file = await api.exportText(ex.exerciseId, ex.token);
    setFailed(!file.ok);
    if (file.ok) saveFile(`arsenal-${ex.exerciseId}.json`, file.text, 'application/json');
  };
  return (
    <p className="export">
      <button type="button" onClick={() => void download()}>
        {t('fac.export')}
      </button>
      {failed && <span className="error"> {t('fac.exportFailed')}</span>}{' '}
      <a href={`/x/${ex.exerciseId}/replay`} target="_blank" rel="noopener">
        {t('fac.openReplay')}
      </a>
    </p>
  );
}
