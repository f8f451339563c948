import type { NewsEvent } from '@arsenal/shared';
import { en, type MessageKey } from '../../i18n/en.ts';
import type { Formatters } from '../../i18n/format.ts';
import { labelOr, useI18n, type Params, type T } from '../../i18n/i18n.tsx';

/**
 * An event in the reader's language: events with `data.key` are narrated from the dictionary with the
 * event's data as parameters, numbers written the reader's way (a parameter named `…Eur` as money);
 * others keep the engine's English text.
 */
export function narrate(t: T, fmt: Formatters, e: NewsEvent): string {
  const key = typeof e.data?.key === 'string' ? `news.text.${e.data.key}` : null;
  if (!key || !(key in en) || !e.data) return e.text;
  const params: Params = {};
  for (const [name, v] of Object.entries(e.data))
    params[name] = typeof v !== 'number' ? v : name.endsWith('Eur') ? fmt.money(v) : fmt.figure(v);
  return t(key as MessageKey, params);
}

/** The narration of a month: what happened and why, as the engine told it. */
export function NewsList({ news, big = false }: { news: readonly NewsEvent[]; big?: boolean }) {
  const { t, fmt } = useI18n();
  if (!news.length) return <p className="muted">{t('news.none')}</p>;
  return (
    <ul className={`news ${big ? 'big' : ''}`}>
      {news.map((e, i) => (
        <li key={i} data-kind={e.kind}>
          <span className={`tag kind-${e.kind}`}>{labelOr(t, `news.kind.${e.kind}`, e.kind)}</span>{' '}
          {narrate(t, fmt, e)}
        </li>
      ))}
    </ul>
  );
}
