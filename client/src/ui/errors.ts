import { en, type MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface ErrorLike {
  code: string;
  message: string;
}

/**
 * Refusals come with a stable code and an English message written by the engine or the server. In
 * English the message is the most precise text; in other languages the code's translation is shown.
 */
export function useErrorText(): (e: ErrorLike) => string {
  const { lang, t } = useI18n();
  return (e) => {
    const key = `err.${e.code}`;
    const known = key in en;
    if (lang === 'en' && e.message) return e.message;
    return known ? t(key as MessageKey) : e.message || t('err.unknown');
  };
}
