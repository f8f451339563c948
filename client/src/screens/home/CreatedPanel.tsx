import { useState } from 'react';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import type { SeatPapers } from '../../api/seats.ts';
import { navigate } from '../../navigation/routes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SeatCodes } from './SeatCodes.tsx';

/** What the facilitator gets once: the console link (a secret), the join codes, the seat sheet. */
export function CreatedPanel({ created, papers }: { created: CreatedExercise; papers: SeatPapers }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.facilitator.link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="panel created" aria-labelledby="created-title">
      <h2 id="created-title">{t('created.title', { title: papers.title })}</h2>
      <div className="field">
        <label htmlFor="facilitator-link">{t('created.link')}</label>
        <div className="row">
          <input
            id="facilitator-link"
            readOnly
            value={created.facilitator.link}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" onClick={() => void copy()}>
            {copied ? t('created.copied') : t('created.copy')}
          </button>
        </div>
        <p className="hint">{t('created.linkHint')}</p>
      </div>
      <div className="row actions">
        <button
          type="button"
          className="primary"
          onClick={() => navigate({ page: 'facilitator', exerciseId: created.exerciseId })}
        >
          {t('created.open')}
        </button>
        <a className="button" href={`/x/${created.exerciseId}/sheet`} target="_blank" rel="noopener">
          {t('created.sheet')}
        </a>
      </div>
      <h3>{t('created.codes')}</h3>
      <p className="hint">{t('created.codesHint', { url: created.joinLink })}</p>
      <SeatCodes papers={papers} />
    </section>
  );
}
