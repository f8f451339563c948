import { useEffect, useState } from 'react';

/**
 * A long list on the projector pages through by itself: `perPage` items at a time, the next page
 * every `everyMs`. Returns the items to show now and "page/pages" (null when one page holds all).
 */
export function usePages<T>(
  items: readonly T[],
  perPage: number,
  everyMs = 8000,
): { shown: readonly T[]; label: string | null } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages < 2) return;
    const id = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(id);
  }, [pages, everyMs]);
  const page = tick % pages;
  return {
    shown: items.slice(page * perPage, (page + 1) * perPage),
    label: pages > 1 ? `${page + 1}/${pages}` : null,
  };
}
