import { pickText } from '../schema/text.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { MonthRecord } from '../engine/state.ts';

/** One indicator month by month in the original and in a fork (null: that side has not played it). */
export interface ComparedSeries {
  /** `*.<kpi>`, `<team>.score`, `<team>.<objective>` or `territory.<front>`. */
  key: string;
  label: string;
  unit: string;
  points: { month: number; original: number | null; fork: number | null }[];
}

/**
 * The KPIs of an exercise and of a fork side by side: the scenario's indicators, each team's score
 * and objectives, and the territory of each front, for every month either side has played. Months
 * before the fork point are equal by construction (the fork's log starts with a copy of the prefix).
 */
export function compareKpis(
  s: Scenario,
  original: readonly MonthRecord[],
  fork: readonly MonthRecord[],
): ComparedSeries[] {
  const months = [...new Set([...original, ...fork].map((h) => h.month))].sort((a, b) => a - b);
  const byMonth = (list: readonly MonthRecord[]) => new Map(list.map((h) => [h.month, h]));
  const a = byMonth(original);
  const b = byMonth(fork);
  const series = (
    key: string,
    label: string,
    unit: string,
    pick: (h: MonthRecord) => number | undefined,
  ): ComparedSeries => ({
    key,
    label,
    unit,
    points: months.map((month) => {
      const x = a.get(month);
      const y = b.get(month);
      return { month, original: x ? (pick(x) ?? null) : null, fork: y ? (pick(y) ?? null) : null };
    }),
  });
  return [
    ...s.kpis.map((k) => series(`*.${k.id}`, pickText(k.label, 'en'), k.unit, (h) => h.kpis['*']?.[k.id])),
    ...s.fronts.map((f) => series(`territory.${f.id}`, f.name, 'steps', (h) => h.territory[f.id])),
    ...s.teams.flatMap((t) => [
      series(`${t.id}.score`, `${t.name}: score`, '/100', (h) => h.kpis[t.id]?.score),
      ...t.objectives.map((o) =>
        series(`${t.id}.${o.id}`, `${t.name}: ${o.label}`, '', (h) => h.kpis[t.id]?.[o.id]),
      ),
    ]),
  ];
}
