import type { OrderType, Scenario, View } from '@arsenal/shared';
import { concessionsFor } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { objectiveWords } from '../../ui/objectives.ts';
import { orderTypesFor } from '../../adapters/orderKinds.ts';
import { GlossaryButton } from '../../ui/Glossary.tsx';

/**
 * What a team reads before its first month: its role (the scenario's description), its objectives in
 * human units, the decisions its first month turns on (the orders its kind may give, and contracts),
 * and the glossary.
 */
export function Briefing({ view, scenario, team }: { view: View; scenario: Scenario | null; team: string }) {
  const { t, fmt, text } = useI18n();
  const spec = scenario?.teams.find((x) => x.id === team);
  const objectives = view.me?.objectives ?? [];
  const words = objectiveWords(fmt, scenario, team);
  const kind = spec?.kind ?? view.teams.find((x) => x.id === team)?.kind;
  // A concession only where an inject offers this team one.
  const orders: OrderType[] = (kind ? orderTypesFor(kind) : []).filter(
    (x) => x !== 'concede' || (scenario ? concessionsFor(scenario, team).length > 0 : false),
  );
  return (
    <div className="briefing">
      <section className="panel" aria-labelledby="brief-role">
        <h2 id="brief-role">
          {t('brief.role')}
          {kind && <span className="muted"> · {t(`kind.${kind}`)}</span>}
        </h2>
        <p data-role>{spec?.description ? text(spec.description) : t('brief.noRole')}</p>
        <p className="muted">{scenario ? text(scenario.meta.summary) : ''}</p>
      </section>
      <section className="panel" aria-labelledby="brief-obj">
        <h2 id="brief-obj">{t('brief.objectives')}</h2>
        {objectives.length === 0 ? (
          <p className="muted">{t('res.noObjectives')}</p>
        ) : (
          <ul className="brief-objectives">
            {objectives.map((o) => (
              <li key={o.id} data-objective={o.id}>
                <strong>{text(o.label)}</strong>{' '}
                <span className="brief-target" data-target>
                  {t('brief.target', { target: words.target(o) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="brief-dec">
        <h2 id="brief-dec">{t('brief.decisions', { month: fmt.month(view.monthLabel) })}</h2>
        <ul className="brief-decisions">
          {orders.map((type) => (
            <li key={type} data-decision={type}>
              {t(`order.type.${type}`)}
            </li>
          ))}
          {kind && kind !== 'adversary' && <li data-decision="contracts">{t('brief.contracts')}</li>}
        </ul>
        <p className="hint">{t('brief.deadline')}</p>
        <GlossaryButton />
      </section>
    </div>
  );
}
