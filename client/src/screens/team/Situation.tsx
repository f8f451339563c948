import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { namesFor } from '../../ui/names.ts';
import { FrontsTable } from '../../ui/FrontsTable.tsx';
import { PlantCard } from '../../ui/PlantCard.tsx';

/** The team's brief (in the reader's language), then where it stands: cash and standing, stock and what is on its way, plants and lines, fronts. */
export function Situation({ view, scenario, team }: { view: View; scenario: Scenario | null; team: string }) {
  const { t, fmt, text } = useI18n();
  const names = namesFor(scenario, view);
  const me = view.me?.team;
  const stock = Object.entries(me?.stock ?? {}).filter(([, n]) => n > 0);
  const arriving = view.componentOrders.filter((o) => o.team === team);
  const abroad = Object.entries(me?.abroad ?? {}).filter(([, n]) => n > 0);
  const shipping = view.deliveries.filter((d) => d.team === team);
  const plants = view.plants.filter((p) => p.detail && p.owner === team);
  const otherPlants = view.plants.filter((p) => p.detail && p.owner !== team);
  const announcements = view.notes.filter((n) => n.kind === 'announcement');
  const signed = view.contracts.filter((c) => c.status === 'active');
  const awaiting = view.contracts.filter((c) => c.status === 'offered' && c.awaiting === team).length;
  const brief = scenario?.teams.find((x) => x.id === team)?.description;
  return (
    <div className="situation">
      {brief && (
        <section aria-labelledby="sit-brief" className="panel">
          <h2 id="sit-brief">{t('sit.brief')}</h2>
          <p data-brief>{text(brief)}</p>
        </section>
      )}
      {me && (
        <section aria-labelledby="sit-money" className="cards4">
          <h2 id="sit-money" className="visually-hidden">
            {t('sit.standing')}
          </h2>
          <Stat label={t('sit.money')} value={fmt.money(me.money)} title={fmt.moneyFull(me.money)} />
          <Stat label={t('sit.politicalCapital')} value={fmt.num(me.politicalCapital)} />
          <Stat label={t('sit.trust')} value={fmt.num(me.trust)} />
          <Stat label={t('sit.profit')} value={fmt.money(me.profit)} />
        </section>
      )}
      {announcements.length > 0 && (
        <section aria-labelledby="sit-ann" className="panel">
          <h2 id="sit-ann">{t('sit.announcements')}</h2>
          <ul className="news">
            {announcements.map((n) => (
              <li key={n.seq}>{n.text}</li>
            ))}
          </ul>
        </section>
      )}
      {view.activeInjects.length > 0 && (
        <section aria-labelledby="sit-inj" className="panel">
          <h2 id="sit-inj">{t('sit.events')}</h2>
          <ul>
            {view.activeInjects.map((a) => (
              <li key={a.inject}>
                <strong>{text(a.title)}</strong>{' '}
                <span className="muted">
                  {a.endMonth ? t('sit.until', { month: a.endMonth }) : t('sit.permanent')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="sit-stock" className="panel">
        <h2 id="sit-stock">{t('sit.stock')}</h2>
        {stock.length === 0 ? (
          <p className="muted">{t('sit.noStock')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sit.item')}</th>
                <th scope="col" className="num">
                  {t('sit.qty')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stock.map(([item, n]) => (
                <tr key={item}>
                  <th scope="row">{names.item(item)}</th>
                  <td className="num">{fmt.num(Math.floor(n))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {arriving.length > 0 && (
          <>
            <h3>{t('sit.arriving')}</h3>
            <ul>
              {arriving.map((o, i) => (
                <li key={i}>
                  {t('sit.arrivingItem', {
                    qty: fmt.num(o.qty),
                    item: names.item(o.component),
                    source: o.source.toUpperCase(),
                    month: o.arrivesMonth,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {shipping.length > 0 && (
          <>
            <h3>{t('sit.shipping')}</h3>
            <ul data-shipping>
              {shipping.map((d, i) => (
                <li key={i}>
                  {t(d.repatriated ? 'sit.shippingHome' : 'sit.shippingBought', {
                    qty: fmt.num(d.qty),
                    item: names.item(d.item),
                    month: d.arrivesMonth,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {abroad.length > 0 && (
          <>
            <h3>{t('sit.abroad')}</h3>
            <ul data-abroad>
              {abroad.map(([item, n]) => (
                <li key={item}>
                  {t('sit.abroadItem', { qty: fmt.num(Math.floor(n)), item: names.item(item) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="sit-contracts" className="panel">
        <h2 id="sit-contracts">{t('contracts.title')}</h2>
        {awaiting > 0 && (
          <p>
            <strong>{t('sit.awaiting', { n: awaiting })}</strong>
          </p>
        )}
        {signed.length === 0 ? (
          <p className="muted">{t('sit.noSigned')}</p>
        ) : (
          <ul>
            {signed.map((c) => (
              <li key={c.id}>
                {t(c.buyer === team ? 'sit.buying' : 'sit.selling', {
                  id: c.id,
                  team: names.team(c.buyer === team ? c.seller : c.buyer),
                  qty: fmt.num(c.terms.qty),
                  product: names.product(c.terms.product),
                  delivered: fmt.num(c.delivered),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {plants.map((p) => (
        <PlantCard key={p.id} plant={p.detail!} scenario={scenario} view={view} />
      ))}
      <section aria-labelledby="sit-fronts" className="panel">
        <h2 id="sit-fronts">{t('sit.fronts')}</h2>
        <FrontsTable view={view} names={names} />
      </section>
      {otherPlants.length > 0 && (
        <details className="panel">
          <summary>{t('sit.otherPlants', { n: otherPlants.length })}</summary>
          {otherPlants.map((p) => (
            <PlantCard
              key={p.id}
              plant={p.detail!}
              scenario={scenario}
              view={view}
              owner={names.team(p.owner)}
            />
          ))}
        </details>
      )}
    </div>
  );
}

export function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="stat" title={title}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}
