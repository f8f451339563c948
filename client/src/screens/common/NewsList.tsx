import { kindLabel, narrate, type NewsEvent } from '@arsenal/shared';
import type { Lang } from '../../i18n/i18n.tsx';
import type { Formatters } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';

/** An event in the reader's language: the shared narration, with the scenario's names and the reader's numbers. */
export function newsLine(e: NewsEvent, lang: Lang, names: Names, fmt: Formatters): string {
  return narrate(e.data, lang, names, fmt);
}

/** The narration of a month: what happened and why, as the engine told it. */
export function NewsList({
  news,
  names,
  big = false,
}: {
  news: readonly NewsEvent[];
  names: Names;
  big?: boolean;
}) {
  const { t, fmt, lang } = useI18n();
  if (!news.length) return <p className="muted">{t('news.none')}</p>;
  return (
    <ul className={`news ${big ? 'big' : ''}`}>
      {news.map((e, i) => (
        <li key={i} data-kind={e.kind}>
          <span className={`tag kind-${e.kind}`}>{kindLabel(e.kind, lang)}</span>{' '}
          {newsLine(e, lang, names, fmt)}
        </li>
      ))}
    </ul>
  );
}
