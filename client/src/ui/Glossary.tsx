import { useId, useRef } from 'react';
import { GLOSSARY } from '@arsenal/shared';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The glossary of the game's words (shared `GLOSSARY`, in the reader's language), opened from any
 * screen's bar as a modal dialog.
 */
export function GlossaryButton() {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useId();
  const entries = [...GLOSSARY].sort((a, b) => a.term[lang].localeCompare(b.term[lang], lang));
  return (
    <>
      <button type="button" className="glossary-open" onClick={() => dialog.current?.showModal()}>
        {t('glossary.open')}
      </button>
      <dialog ref={dialog} className="glossary" aria-labelledby={title}>
        <h2 id={title}>{t('glossary.title')}</h2>
        <dl>
          {entries.map((e) => (
            <div key={e.id} data-term={e.id}>
              <dt>{e.term[lang]}</dt>
              <dd>{e.meaning[lang]}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="primary">
            {t('glossary.close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
