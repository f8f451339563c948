import type { NewsEvent } from '@arsenal/shared/engine/state';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';

/** The narration of a month: what happened and why, as the engine told it. */
export function NewsList({ news, big = false }: { news: readonly NewsEvent[]; big?: boolean }) {
  const { t } = useI18n();
  if (!news.length) return <p className="muted">{t('news.none')}</p>;
  return (
    <ul className={`news ${big ? 'big' : ''}`}>
      {news.map((e, i) => (
        <li key={i} data-kind={e.kind}>
          <span className={`tag kind-${e.kind}`}>{labelOr(t, `news.kind.${e.kind}`, e.kind)}</span> {e.text}
        </li>
      ))}
    </ul>
  );
}
