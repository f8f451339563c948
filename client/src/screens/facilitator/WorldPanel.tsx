import { lazy, Suspense } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { FrontsTable } from '../../ui/FrontsTable.tsx';
import { PlantCard } from '../../ui/PlantCard.tsx';
import { namesFor } from '../../ui/names.ts';
import { describeOrder } from '../team/orders/describe.ts';

const HistoryCharts = lazy(() => import('../charts/HistoryCharts.tsx'));

/** Everything the facilitator sees of the world: orders given this month, contracts, plants, fronts, history. */
export function WorldPanel({ view, scenario }: { view: View; scenario: Scenario | null }) {
  const { t, fmt, lang } = useI18n();
  const names = namesFor(scenario, view);
  const orders = view.all?.orders ?? {};
  return (
    <div className="world">
      <section className="panel" aria-labelledby="w-orders">
        <h2 id="w-orders">{t('world.orders')}</h2>
        {view.teams.map((team) => (
          <div key={team.id}>
            <h3>
              {team.name}{' '}
              <span className="muted small">{team.submitted ? t('grid.yes') : t('grid.waiting')}</span>
            </h3>
            {(orders[team.id] ?? []).length === 0 ? (
              <p className="muted">{t('orders.empty')}</p>
            ) : (
              <ul>
                {(orders[team.id] ?? []).map((o, i) => (
                  <li key={i}>{describeOrder(o, scenario, names, lang, fmt, view)}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="w-contracts">
        <h2 id="w-contracts">{t('contracts.title')}</h2>
        {view.contracts.length === 0 ? (
          <p className="muted">{t('contracts.none')}</p>
        ) : (
          <ul>
            {view.contracts.map((c) => (
              <li key={c.id}>
                {t('world.contract', {
                  id: c.id,
                  seller: names.team(c.seller),
                  buyer: names.team(c.buyer),
                  qty: fmt.num(c.terms.qty),
                  product: names.product(c.terms.product),
                  price: fmt.money(c.terms.unitPrice),
                  status: t(`contract.status.${c.status}`),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="w-fronts">
        <h2 id="w-fronts">{t('sit.fronts')}</h2>
        <FrontsTable view={view} names={names} />
      </section>
      {view.plants
        .filter((p) => p.detail)
        .map((p) => (
          <PlantCard
            key={p.id}
            plant={p.detail!}
            scenario={scenario}
            view={view}
            owner={names.team(p.owner)}
          />
        ))}
      <Suspense fallback={<p className="loading">{t('loading')}</p>}>
        <HistoryCharts view={view} scenario={scenario} />
      </Suspense>
    </div>
  );
}
