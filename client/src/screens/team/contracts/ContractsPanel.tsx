import { useMemo, useState, type ReactNode } from 'react';
import type { Contract } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useCommand } from '../../../realtime/useCommand.ts';
import type { Exercise } from '../../../realtime/useExercise.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { useErrorText } from '../../../ui/errors.ts';
import { namesFor } from '../../../ui/names.ts';
import { ContractCard } from './ContractCard.tsx';
import { ContractForm } from './ContractForm.tsx';

/** Offers awaiting this team's answer come first; then its own offers, signed contracts, closed ones. */
export function ContractsPanel({
  ex,
  view,
  scenario,
  team,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario;
  team: string;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [countering, setCountering] = useState<string | null>(null);
  const [offering, setOffering] = useState(false);
  const names = useMemo(() => namesFor(scenario, view), [scenario, view]);
  const planning = view.phase === 'planning';
  const mine = view.contracts;
  const awaitingMe = mine.filter((c) => c.status === 'offered' && c.awaiting === team);
  const awaitingThem = mine.filter((c) => c.status === 'offered' && c.awaiting !== team);
  const active = mine.filter((c) => c.status === 'active');
  const closed = mine.filter((c) => ['completed', 'rejected', 'cancelled'].includes(c.status));

  /** A move on a contract still stands if the contract is as it was when the button was pressed. */
  const unchanged = (c: Contract) => (v: View) =>
    JSON.stringify(v.contracts.find((x) => x.id === c.id)) === JSON.stringify(c);

  const group = (title: string, list: Contract[], actions: (c: Contract) => ReactNode) =>
    list.length > 0 && (
      <section className="contract-group" aria-label={title}>
        <h3>{title}</h3>
        {list.map((c) => (
          <ContractCard key={c.id} c={c} names={names} team={team}>
            {planning && actions(c)}
          </ContractCard>
        ))}
      </section>
    );

  return (
    <section className="contracts" aria-labelledby="contracts-title">
      <h2 id="contracts-title">{t('contracts.title')}</h2>
      {!planning && <p className="muted">{t('contracts.closed')}</p>}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      {mine.length === 0 && <p className="muted">{t('contracts.none')}</p>}
      {group(t('contracts.awaitingMe'), awaitingMe, (c) =>
        countering === c.id ? (
          <ContractForm
            scenario={scenario}
            view={view}
            team={team}
            counter={c}
            pending={cmd.pending}
            onCancel={() => setCountering(null)}
            onSend={(move) => void cmd.run(move, unchanged(c)).then((r) => r?.ok && setCountering(null))}
          />
        ) : (
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'acceptContract', contract: c.id }, unchanged(c))}
            >
              {t('contract.accept')}
            </button>
            <button type="button" disabled={cmd.pending} onClick={() => setCountering(c.id)}>
              {t('contract.counter')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'rejectContract', contract: c.id }, unchanged(c))}
            >
              {t('contract.reject')}
            </button>
          </div>
        ),
      )}
      {group(t('contracts.awaitingThem'), awaitingThem, (c) => (
        <button
          type="button"
          disabled={cmd.pending}
          onClick={() => void cmd.run({ type: 'cancelContract', contract: c.id }, unchanged(c))}
        >
          {t('contract.withdraw')}
        </button>
      ))}
      {group(t('contracts.active'), active, (c) =>
        c.buyer === team ? (
          <button
            type="button"
            className="danger"
            disabled={cmd.pending}
            onClick={() => {
              if (window.confirm(t('contract.cancelConfirm', { id: c.id, fee: c.terms.cancelFeePct })))
                void cmd.run({ type: 'cancelContract', contract: c.id }, unchanged(c));
            }}
          >
            {t('contract.cancel')}
          </button>
        ) : null,
      )}
      {closed.length > 0 && (
        <details>
          <summary>{t('contracts.closedList', { n: closed.length })}</summary>
          {closed.map((c) => (
            <ContractCard key={c.id} c={c} names={names} team={team} />
          ))}
        </details>
      )}
      {planning &&
        (offering ? (
          <section className="panel" aria-labelledby="offer-title">
            <h3 id="offer-title">{t('contract.offerTitle')}</h3>
            <ContractForm
              scenario={scenario}
              view={view}
              team={team}
              pending={cmd.pending}
              onCancel={() => setOffering(false)}
              onSend={(move) => void cmd.run(move).then((r) => r?.ok && setOffering(false))}
            />
          </section>
        ) : (
          <button type="button" className="primary" onClick={() => setOffering(true)}>
            {t('contract.newOffer')}
          </button>
        ))}
    </section>
  );
}
