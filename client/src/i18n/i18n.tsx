import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { formatters, type Formatters } from './format.ts';

import { LANGS, pickText, type Lang, type LocalizedText } from '@arsenal/shared';

export { LANGS, type Lang };
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, fr };
const KEY = 'arsenal:lang';

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  lang: Lang;
  /** True when the person picked a language or the browser names one we speak: scenarios then keep out. */
  chosen: boolean;
  /** The person's choice, remembered on this device. */
  setLang: (lang: Lang) => void;
  /** A default from the scenario, not remembered. */
  adopt: (lang: Lang) => void;
  t: T;
  fmt: Formatters;
  /** A scenario text in the reader's language (or the nearest the scenario gives). */
  text: (value: LocalizedText | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function stored(): Lang | null {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

/** The browser's language, if it is one the client speaks. */
function browser(): Lang | null {
  const l = typeof navigator !== 'undefined' ? navigator.language?.toLowerCase() : undefined;
  return l?.startsWith('fr') ? 'fr' : l?.startsWith('en') ? 'en' : null;
}

const plurals = new Map<Lang, Intl.PluralRules>();

/**
 * A numeric `n` picks the plural form: `key.one` when the language's rules say "one" and the
 * dictionary has that form (English: 1; French: 0 and 1), otherwise `key`.
 */
function form(lang: Lang, key: MessageKey, params?: Params): string | undefined {
  const n = params?.n;
  if (typeof n !== 'number') return undefined;
  let rules = plurals.get(lang);
  if (!rules) plurals.set(lang, (rules = new Intl.PluralRules(lang)));
  if (rules.select(n) !== 'one') return undefined;
  return (DICTS[lang] as Record<string, string>)[`${key}.one`];
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = form(lang, key, params) ?? DICTS[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initial ?? stored() ?? browser() ?? 'en');
  const [chosen, setChosen] = useState(
    () => initial !== undefined || stored() !== null || browser() !== null,
  );
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    setChosen(true);
    try {
      window.localStorage.setItem(KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const adopt = useCallback((l: Lang) => setLangState(l), []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      chosen,
      setLang,
      adopt,
      t: (key, params) => translate(lang, key, params),
      fmt: formatters(lang),
      text: (value) => pickText(value, lang) ?? '',
    }),
    [lang, chosen, setLang, adopt],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * The scenario's language is the default for people whose browser speaks neither English nor French
 * and who have not picked one: their choice, then their browser, then the scenario.
 */
export function useScenarioLanguage(language: string | undefined): void {
  const { chosen, lang, adopt } = useI18n();
  useEffect(() => {
    if (chosen || !language || language === lang) return;
    if (language === 'en' || language === 'fr') adopt(language);
  }, [chosen, language, lang, adopt]);
}

/** A label for a value known only at run time (a team kind from a file): its key if the dictionary has one. */
export function labelOr(t: T, key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}
