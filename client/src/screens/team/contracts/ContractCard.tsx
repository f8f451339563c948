import type { ReactNode } from 'react';
import type { Contract } from '@arsenal/shared';
import { labelOr, useI18n } from '../../../i18n/i18n.tsx';
import type { Names } from '../../../ui/names.ts';

/** A contract's terms, its progress and its history of moves. Actions are given by the caller. */
export function ContractCard({
  c,
  names,
  team,
  children,
}: {
  c: Contract;
  names: Names;
  team: string;
  children?: ReactNode;
}) {
  const { t, fmt } = useI18n();
  const x = c.terms;
  const other = c.buyer === team ? c.seller : c.buyer;
  const terms: [string, string][] = [
    [t('contract.type'), t(`contract.type.${x.type}`)],
    [t('contract.rating'), t(`contract.rating.${x.rating}`)],
    [t('contract.startsIn'), String(x.startsIn)],
    [t('contract.advancePct'), fmt.pct(x.advancePct / 100)],
    [t('contract.penaltyPerUnitLate'), fmt.money(x.penaltyPerUnitLate)],
    [t('contract.cancelFeePct'), fmt.pct(x.cancelFeePct / 100)],
  ];
  return (
    <article
      className={`contract contract-${c.status}`}
      data-contract={c.id}
      aria-labelledby={`contract-${c.id}`}
    >
      <h3 id={`contract-${c.id}`}>
        {c.id} ·{' '}
        {c.buyer === team
          ? t('contract.buyingFrom', { team: names.team(other) })
          : t('contract.sellingTo', { team: names.team(other) })}{' '}
        <span className={`tag status-${c.status}`}>{t(`contract.status.${c.status}`)}</span>
      </h3>
      <p className="terms">
        {t('contract.terms', {
          qty: fmt.num(x.qty),
          product: names.product(x.product),
          price: fmt.money(x.unitPrice),
          value: fmt.money(x.qty * x.unitPrice),
          months: x.months,
        })}
      </p>
      <dl className="terms-grid">
        {terms.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {c.status !== 'offered' && c.status !== 'rejected' && (
        <p>
          <label>
            {t('contract.delivered', { delivered: fmt.num(c.delivered), qty: fmt.num(x.qty) })}{' '}
            <progress max={x.qty} value={c.delivered} />
          </label>
        </p>
      )}
      <ol className="history small muted">
        {c.history.map((h, i) => (
          <li key={i}>
            {t('contract.move', {
              month: h.month,
              team: names.team(h.by),
              action: labelOr(t, `contract.action.${h.action}`, h.action),
            })}
          </li>
        ))}
      </ol>
      {children}
    </article>
  );
}
