import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { namesFor } from '../../ui/names.ts';
import { MiniChart } from './MiniChart.tsx';

/**
 * The team's history, month by month: its score and objectives, then what every team may see
 * (output against front demand, ground, the fire ratio, money where visible). Loaded on demand: the
 * charting library stays out of the console's first download.
 */
export default function HistoryCharts({ view, scenario }: { view: View; scenario: Scenario | null }) {
  const { t, fmt, text } = useI18n();
  const names = namesFor(scenario, view);
  if (!view.history.length) return <p className="muted">{t('hist.none')}</p>;
  const kpis = view.me?.kpis ?? [];
  const objectives = view.me?.objectives ?? [];
  const products = [
    ...new Set(view.history.flatMap((h) => [...Object.keys(h.output), ...Object.keys(h.demand)])),
  ];
  const fronts = view.fronts;
  const moneyTeams = [...new Set(view.history.flatMap((h) => Object.keys(h.money ?? {})))];
  const rows = (pick: (h: View['history'][number]) => Record<string, number>) =>
    view.history.map((h) => ({ month: h.month, ...pick(h) }));
  return (
    <div className="charts">
      {kpis.length > 0 && (
        <MiniChart
          title={t('hist.score')}
          data={kpis.map((k) => ({ month: k.month ?? 0, score: k.score ?? 0 }))}
          series={[{ key: 'score', label: t('hist.scoreLabel') }]}
        />
      )}
      {objectives.map((o) => (
        <MiniChart
          key={o.id}
          title={text(o.label)}
          data={kpis.map((k) => ({ month: k.month ?? 0, value: k[o.id] ?? 0, target: o.target }))}
          series={[
            { key: 'value', label: t('res.value') },
            { key: 'target', label: t('res.target') },
          ]}
          format={Math.abs(o.target) >= 10_000 ? fmt.compact : undefined}
        />
      ))}
      {kpis.some((k) => k.strandedCapex !== undefined) && (
        <MiniChart
          title={t('hist.stranded')}
          data={kpis.map((k) => ({ month: k.month ?? 0, value: k.strandedCapex ?? 0 }))}
          series={[{ key: 'value', label: t('hist.strandedLabel') }]}
          format={fmt.money}
        />
      )}
      {kpis.some((k) => k.idleCapacity !== undefined) && (
        <MiniChart
          title={t('hist.idle')}
          data={kpis.map((k) => ({ month: k.month ?? 0, value: k.idleCapacity ?? 0 }))}
          series={[{ key: 'value', label: t('hist.idleLabel') }]}
          format={fmt.compact}
        />
      )}
      {products.map((p) => (
        <MiniChart
          key={p}
          title={t('hist.outputVsDemand', { product: names.item(p) })}
          data={rows((h) => ({
            output: h.output[p] ?? 0,
            delivered: h.deliveredToFronts[p] ?? 0,
            demand: h.demand[p] ?? 0,
          }))}
          series={[
            { key: 'output', label: t('hist.output') },
            { key: 'delivered', label: t('hist.delivered') },
            { key: 'demand', label: t('hist.demand') },
          ]}
          format={fmt.compact}
        />
      ))}
      <MiniChart
        title={t('hist.territory')}
        data={rows((h) => h.territory)}
        series={fronts.map((f) => ({ key: f.id, label: f.name }))}
      />
      <MiniChart
        title={t('hist.fireRatio')}
        data={rows((h) => h.fireRatio)}
        series={fronts.map((f) => ({ key: f.id, label: f.name }))}
      />
      {moneyTeams.length > 0 && (
        <MiniChart
          title={t('hist.money')}
          data={rows((h) => h.money ?? {})}
          series={moneyTeams.map((id) => ({ key: id, label: names.team(id) }))}
          format={fmt.money}
        />
      )}
    </div>
  );
}
