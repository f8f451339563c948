import type { PublicMonth } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { PageLabel } from './PageLabel.tsx';
import { usePages } from './usePages.ts';

/** Output and deliveries to the fronts against the fronts' demand, per product, as plain bars. */
export function ProductionBars({ month, name }: { month: PublicMonth; name: (id: string) => string }) {
  const { t, fmt } = useI18n();
  // only what the fronts asked for: the room follows supply against demand
  const products = Object.keys(month.demand).filter((p) => (month.demand[p] ?? 0) > 0);
  const pages = usePages(products, 1);
  if (!products.length) return <p className="muted">{t('disp.productionNone')}</p>;
  return (
    <>
      <PageLabel label={pages.label} />
      <ul className="bars">
        {pages.shown.map((p) => {
          const demand = month.demand[p] ?? 0;
          const output = month.output[p] ?? 0;
          const delivered = month.deliveredToFronts[p] ?? 0;
          const scale = Math.max(demand, output, delivered, 1);
          const share = demand > 0 ? delivered / demand : null;
          return (
            <li key={p}>
              <p className="bar-label">
                <strong>{name(p)}</strong>{' '}
                {share !== null && (
                  <span className={share >= 1 ? 'ok' : 'bad'}>
                    {t('disp.coverage', { pct: fmt.pct(share) })}
                  </span>
                )}
              </p>
              <Bar label={t('hist.output')} value={output} scale={scale} kind="output" />
              <Bar label={t('hist.delivered')} value={delivered} scale={scale} kind="delivered" />
              <Bar label={t('hist.demand')} value={demand} scale={scale} kind="demand" />
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Bar({ label, value, scale, kind }: { label: string; value: number; scale: number; kind: string }) {
  const { fmt } = useI18n();
  return (
    <div className={`bar bar-${kind}`}>
      <span className="bar-name">{label}</span>
      <span className="bar-track">
        <span className="bar-fill" style={{ width: `${Math.round((100 * value) / scale)}%` }} />
      </span>
      <span className="bar-value">{fmt.num(value)}</span>
    </div>
  );
}
