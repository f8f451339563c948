import { z } from 'zod';

/** The languages Arsenal speaks: the client's dictionaries, the narration and scenario texts. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export const lang = z.enum(LANGS);

/**
 * A scenario text in one language or several: a plain string (the scenario's own language) or one
 * string per language, `{ en: …, fr: … }`. Plain strings keep every older scenario file valid.
 */
export const localizedText = (max = 2000) =>
  z.union([
    z.string().min(1).max(max),
    z
      .partialRecord(lang, z.string().min(1).max(max))
      .refine((v) => Object.keys(v).length > 0, 'give the text in at least one language'),
  ]);
export type LocalizedText = string | Partial<Record<Lang, string>>;

/**
 * A text in the reader's language: theirs when the scenario has it, else the scenario's own language,
 * else English, else whichever language it has. A plain string is the same in every language.
 */
export function pickText(text: LocalizedText, reader: Lang, fallback?: Lang): string;
export function pickText(text: LocalizedText | undefined, reader: Lang, fallback?: Lang): string | undefined;
export function pickText(
  text: LocalizedText | undefined,
  reader: Lang,
  fallback: Lang = 'en',
): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[reader] ?? text[fallback] ?? text.en ?? Object.values(text)[0];
}

/** The languages a text is written in (a plain string counts as the scenario's own). */
export function textLanguages(text: LocalizedText | undefined, own: Lang): Lang[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [own];
  return LANGS.filter((l) => text[l] !== undefined);
}
