import { useState, type FormEvent } from 'react';
import {
  phaseAccepts,
  ACTION_LIMITS,
  TEXT_MAX,
  type Effect,
  type FacilitatorCommand,
  type FreeFormAction,
  type Scenario,
  type View,
} from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { namesFor, type Names } from '../../ui/names.ts';
import { ActionOutcome } from '../common/ActionOutcome.tsx';
import { EffectPicker } from './EffectPicker.tsx';
import { effectText } from './effectText.ts';
import './cockpit.css';

type Adjudication = Extract<FacilitatorCommand, { type: 'adjudicateAction' }>;

/** How many free-form actions wait for the White Cell. */
export const pendingActions = (view: View) => view.actions.filter((a) => !a.outcome).length;

/**
 * The White Cell's board of free-form actions: each waiting one with its team, title and argument, and
 * a form to set the odds (the scenario's default shown), choose effects from the closed set, the months
 * they hold and the narration, then roll the exercise dice after a confirmation; below, the actions
 * adjudicated, each with its roll and the effects that applied.
 */
export function ActionsBoard({
  ex,
  view,
  scenario,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [rolled, setRolled] = useState<number | null>(null);
  if (!scenario) return <Notice kind="warn">{t('scenario.unavailable')}</Notice>;
  const names = namesFor(scenario, view);
  const open = phaseAccepts(scenario, view.phase, 'adjudicateAction');
  const pending = view.actions.filter((a) => !a.outcome);
  const settled = view.actions.filter((a) => a.outcome).reverse();
  const last = rolled === null ? undefined : view.actions.find((a) => a.seq === rolled && a.outcome);

  const roll = async (c: Adjudication) => {
    const res = await cmd.run(c);
    if (res?.ok) setRolled(c.action);
    return res?.ok ?? false;
  };

  return (
    <section className="actions-board" aria-labelledby="board-title">
      <h2 id="board-title">{t('board.title')}</h2>
      <p className="muted">{t('board.intro')}</p>
      {!open && <p className="muted">{t('board.when')}</p>}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      {last?.outcome && (
        <Notice kind={last.outcome.success ? 'ok' : 'info'}>
          {t(last.outcome.success ? 'board.rolled.success' : 'board.rolled.failure', {
            title: last.title,
            roll: last.outcome.roll,
            odds: fmt.pct(last.outcome.odds / 100),
          })}
        </Notice>
      )}
      <h3>{t('board.pending', { n: pending.length })}</h3>
      {pending.length === 0 ? (
        <p className="muted">{t('board.none')}</p>
      ) : (
        <ul className="action-list">
          {pending.map((a) => (
            <li key={a.seq} className="action-item" data-action={a.seq} data-state="proposed">
              <ActionHead action={a} names={names} />
              <AdjudicateForm
                action={a}
                view={view}
                scenario={scenario}
                names={names}
                disabled={!open || cmd.pending}
                onRoll={roll}
              />
            </li>
          ))}
        </ul>
      )}
      <h3>{t('board.settled')}</h3>
      <ul className="action-list">
        {settled.map((a) => (
          <li
            key={a.seq}
            className="action-item"
            data-action={a.seq}
            data-state={a.outcome?.success ? 'success' : 'failure'}
          >
            <ActionHead action={a} names={names} />
            <ActionOutcome action={a} names={names} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActionHead({ action, names }: { action: FreeFormAction; names: Names }) {
  const { t } = useI18n();
  return (
    <>
      <h4>{action.title}</h4>
      <p className="muted small" data-team={action.team}>
        {t('board.by', { team: names.team(action.team), month: action.month })}
      </p>
      <p className="action-argument">{action.argument}</p>
    </>
  );
}

type Bounds = { readonly min: number; readonly max: number };

/** The whole number typed, or null when it is not one within the bounds. */
const whole = (text: string, { min, max }: Bounds) => {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** A whole-number field within the command's bounds (the server checks them again). */
function WholeField({
  label,
  hint,
  error,
  name,
  bounds,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  error: string | null;
  name: string;
  bounds: Bounds;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <input
          {...p}
          name={name}
          type="number"
          min={bounds.min}
          max={bounds.max}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function AdjudicateForm({
  action,
  view,
  scenario,
  names,
  disabled,
  onRoll,
}: {
  action: FreeFormAction;
  view: View;
  scenario: Scenario;
  names: Names;
  disabled: boolean;
  onRoll: (c: Adjudication) => Promise<boolean>;
}) {
  const { t, fmt, lang } = useI18n();
  const defaultOdds = scenario.rules.freeForm.defaultOdds;
  const [odds, setOdds] = useState(String(defaultOdds));
  const [effects, setEffects] = useState<Effect[]>([]);
  const [months, setMonths] = useState('0');
  const [narration, setNarration] = useState('');
  const [asking, setAsking] = useState(false);
  const [tried, setTried] = useState(false);
  const words = { t, lang, fmt, names };
  const oddsN = whole(odds, ACTION_LIMITS.odds);
  const monthsN = whole(months, ACTION_LIMITS.months);
  const errors = {
    odds: oddsN === null ? t('board.oddsBad') : null,
    months: monthsN === null ? t('board.monthsBad') : null,
    narration: narration.trim() === '' ? t('board.narrationNeeded') : null,
  };
  const valid = !errors.odds && !errors.months && !errors.narration;

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid) setAsking(true);
  };
  const confirm = async () => {
    if (oddsN === null || monthsN === null) return;
    // the default kept as it is goes as "the default", so the log and the report say so
    const chosen = oddsN === defaultOdds ? {} : { odds: oddsN };
    const ok = await onRoll({
      type: 'adjudicateAction',
      action: action.seq,
      ...chosen,
      effects,
      months: monthsN,
      narration: narration.trim(),
    });
    setAsking(false);
    if (ok) setTried(false);
  };

  return (
    <form className="adjudicate-form" onSubmit={ask} noValidate aria-label={action.title}>
      <div className="fields">
        <WholeField
          label={t('board.odds')}
          hint={t('board.oddsHint', { odds: defaultOdds })}
          error={tried ? errors.odds : null}
          name="odds"
          bounds={ACTION_LIMITS.odds}
          value={odds}
          onChange={setOdds}
        />
        <WholeField
          label={t('board.months')}
          hint={t('board.monthsHint')}
          error={tried ? errors.months : null}
          name="months"
          bounds={ACTION_LIMITS.months}
          value={months}
          onChange={setMonths}
        />
      </div>
      <h5>{t('board.effects')}</h5>
      {effects.length === 0 ? (
        <p className="muted small">{t('board.noEffects')}</p>
      ) : (
        <ul className="action-effects chosen-effects">
          {effects.map((e, i) => (
            <li key={i} data-effect={e.type}>
              {effectText(words, e)}{' '}
              <button
                type="button"
                className="link"
                onClick={() => setEffects((all) => all.filter((_, j) => j !== i))}
              >
                {t('board.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <EffectPicker
        view={view}
        scenario={scenario}
        disabled={effects.length >= 10}
        onAdd={(e) => setEffects((all) => [...all, e])}
      />
      <Field
        label={t('board.narration')}
        hint={t('board.narrationHint')}
        error={tried ? errors.narration : null}
      >
        {(p) => (
          <textarea
            {...p}
            name="narration"
            rows={2}
            maxLength={TEXT_MAX}
            value={narration}
            onChange={(e) => setNarration(e.target.value)}
          />
        )}
      </Field>
      {asking ? (
        <div className="run-confirm" role="group" aria-label={t('board.roll')}>
          <p>
            {t('board.confirm', {
              title: action.title,
              odds: fmt.pct((oddsN ?? 0) / 100),
              effects: effects.length
                ? effects.map((e) => effectText(words, e)).join('; ')
                : t('board.confirmNothing'),
            })}
          </p>
          <button type="button" className="primary" disabled={disabled} onClick={() => void confirm()}>
            {t('board.yes')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('board.no')}
          </button>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={disabled}>
          {t('board.roll')}
        </button>
      )}
    </form>
  );
}
