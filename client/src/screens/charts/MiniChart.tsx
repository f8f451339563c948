import { useI18n } from '../../i18n/i18n.tsx';
import { niceTicks } from './ticks.ts';

export interface Series {
  key: string;
  label: string;
}

const COLOURS = [
  '#1f4e79',
  '#c0392b',
  '#2e7d32',
  '#8e44ad',
  '#d35400',
  '#00838f',
  '#5d4037',
  '#ad1457',
  '#455a64',
];

// the drawing's own units; the SVG scales to its box and keeps its proportions
const W = 480;
const H = 220;
const PAD = { top: 10, right: 14, bottom: 24, left: 64 };

/**
 * One small line chart over months, with a caption that says what it shows: hand-drawn SVG (a charting
 * library cost the client 119 KB gzipped for this). The plot has a fixed height; the legend sits under
 * it and wraps, so that nine teams never push the plot out of its card. Each point has a tooltip.
 */
export function MiniChart({
  title,
  data,
  series,
  format,
}: {
  title: string;
  data: Record<string, number>[];
  series: Series[];
  format?: (n: number) => string;
}) {
  const { fmt } = useI18n();
  const show = format ?? fmt.figure;
  const months = data.map((d) => d.month ?? 0);
  const values = data.flatMap((d) => series.map((s) => d[s.key]).filter(isNumber));
  const x0 = Math.min(...months);
  const x1 = Math.max(...months);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4);
  const y0 = ticks[0]!;
  const y1 = ticks[ticks.length - 1]!;
  const x = (m: number) =>
    x1 === x0
      ? (PAD.left + W - PAD.right) / 2
      : PAD.left + ((m - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const monthTicks =
    months.length > 12 ? months.filter((_, i) => i % Math.ceil(months.length / 12) === 0) : months;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        className="chart-plot"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={title}
        data-points={values.length}
      >
        {ticks.map((v) => (
          <g key={v} className="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {show(v)}
            </text>
          </g>
        ))}
        {monthTicks.map((m) => (
          <text key={m} className="chart-month" x={x(m)} y={H - 6} textAnchor="middle">
            {m}
          </text>
        ))}
        {series.map((s, i) => {
          const points = data.filter((d) => isNumber(d[s.key]));
          const colour = COLOURS[i % COLOURS.length];
          const d = points.map((p, j) => `${j ? 'L' : 'M'}${x(p.month ?? 0)},${y(p[s.key]!)}`).join('');
          return (
            <g key={s.key} data-series={s.key} stroke={colour} fill={colour}>
              {points.length > 1 && <path d={d} fill="none" strokeWidth={2} />}
              {points.map((p) => (
                <circle key={p.month} cx={x(p.month ?? 0)} cy={y(p[s.key]!)} r={3}>
                  <title>{`${s.label}, ${p.month}: ${show(p[s.key]!)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((s, i) => (
            <li key={s.key}>
              <span
                className="chart-swatch"
                style={{ background: COLOURS[i % COLOURS.length] }}
                aria-hidden="true"
              />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
