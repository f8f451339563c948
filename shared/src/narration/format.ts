/** Numbers, money and times in the reader's language (Intl). One set of formatters per language, cached. */
export interface Formatters {
  /** 12 345 */
  num: (n: number) => string;
  /** A figure as given, up to two decimals: 12 345, 0.62, -1 */
  figure: (n: number) => string;
  /** €1.2M / 1,2 M€ for large sums, exact below 10 000. */
  money: (n: number) => string;
  /** €1,234,567 in full. */
  moneyFull: (n: number) => string;
  /** 12 k, 3.4 M: for chart axes. */
  compact: (n: number) => string;
  /** 0.42 → 42 % */
  pct: (share: number) => string;
  /** A ratio such as 0.96 */
  ratio: (n: number) => string;
  /** 14:05 */
  time: (ms: number) => string;
  /** 2025-03 → March 2025 */
  month: (label: string) => string;
}

const cache = new Map<string, Formatters>();

export function formatters(lang: string): Formatters {
  const hit = cache.get(lang);
  if (hit) return hit;
  const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const figure = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency: 'EUR',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const full = new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const short = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  const ratio = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const month = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const f: Formatters = {
    num: (n) => num.format(n),
    figure: (n) => figure.format(n),
    money: (n) => (Math.abs(n) < 10_000 ? full.format(n) : compact.format(n)),
    moneyFull: (n) => full.format(n),
    compact: (n) => short.format(n),
    pct: (s) => pct.format(s),
    ratio: (n) => ratio.format(n),
    time: (ms) => time.format(new Date(ms)),
    month: (label) => {
      const m = /^(\d{4})-(\d{2})$/.exec(label);
      return m ? month.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : label;
    },
  };
  cache.set(lang, f);
  return f;
}
