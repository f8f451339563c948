import type { FreeFormAction } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';
import { effectText } from '../facilitator/effectText.ts';
import './actions.css';

/** A free-form action's state as a tag: waiting, success or failure. */
export const actionState = (a: FreeFormAction) =>
  !a.outcome ? 'proposed' : a.outcome.success ? 'success' : 'failure';

/**
 * What the White Cell decided about a free-form action, in plain words: the odds (and whether they were
 * the scenario's default), the roll, the effects applied and how long they hold, the narration.
 */
export function ActionOutcome({ action, names }: { action: FreeFormAction; names: Names }) {
  const { t, fmt, lang } = useI18n();
  const o = action.outcome;
  if (!o) return null;
  const words = { t, lang, fmt, names };
  const lasting = o.months > 0 && o.effects.length > 0;
  return (
    <div className="action-outcome" data-outcome={o.success ? 'success' : 'failure'}>
      <p>
        <span data-odds={o.odds} data-roll={o.roll}>
          {t('act.outcome', { odds: fmt.pct(o.odds / 100), roll: o.roll })}
        </span>
        {o.defaultOdds && <> {t('act.defaultOdds')}</>}
      </p>
      {o.success &&
        (o.effects.length > 0 ? (
          <>
            <p className="action-effects-label">{t('act.effects')}</p>
            <ul className="action-effects">
              {o.effects.map((e, i) => (
                <li key={i} data-effect={e.type}>
                  {effectText(words, e)}
                </li>
              ))}
            </ul>
            {lasting && <p className="muted small">{t('act.lasting', { n: o.months })}</p>}
          </>
        ) : (
          <p className="muted">{t('act.noEffects')}</p>
        ))}
      <p className="action-narration">
        <strong>{t('act.narration')}</strong> {o.narration}
      </p>
    </div>
  );
}
