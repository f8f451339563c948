import { en, type MessageKey } from '../i18n/en.ts';
import { labelOr, useI18n, type T } from '../i18n/i18n.tsx';
import type { ViewChange } from '../realtime/whatChanged.ts';

export interface ErrorLike {
  code: string;
  message: string;
  /** For a stale-view refusal: what changed in the seat's view meanwhile. */
  changes?: ViewChange[];
}

/** One change in the reader's words: "AutoCo withdrew offer c6". */
export function changeText(t: T, c: ViewChange): string {
  switch (c.kind) {
    case 'contract':
      return t('change.contract', {
        who: c.who,
        did: labelOr(t, `change.action.${c.action}`, c.action),
        contract: c.contract,
      });
    case 'phase':
      return t('change.phase', { phase: labelOr(t, `phase.${c.phase}`, c.phase) });
    case 'month':
      return t('change.month', { month: c.month });
    case 'orders':
      return c.by ? t('change.ordersBy', { by: c.by }) : t('change.orders');
  }
}

/**
 * Refusals come with a stable code and an English message written by the engine or the server. In
 * English the message is the most precise text; in other languages the code's translation is shown.
 */
export function useErrorText(): (e: ErrorLike) => string {
  const { lang, t } = useI18n();
  return (e) => {
    if (e.changes?.length)
      return t('err.conflictWith', { changes: e.changes.map((c) => changeText(t, c)).join('; ') });
    const key = `err.${e.code}`;
    const known = key in en;
    if (lang === 'en' && e.message) return e.message;
    return known ? t(key as MessageKey) : e.message || t('err.unknown');
  };
}
