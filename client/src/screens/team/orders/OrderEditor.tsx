import { useMemo, useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import type { Order, OrderType } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { concessionsFor, ErrorCode } from '@arsenal/shared';
import { checkDraft } from '../../../adapters/checkOrders.ts';
import { orderTypesFor } from '../../../adapters/orderKinds.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Field } from '../../../ui/Field.tsx';
import { useErrorText } from '../../../ui/errors.ts';
import { namesFor } from '../../../ui/names.ts';
import { explainProblem } from './explain.ts';
import {
  buildOrder,
  choicesFor,
  defaults,
  FIELDS,
  isNumeric,
  setField,
  valuesOf,
  type FieldSpec,
  type FieldValues,
} from './fields.ts';
import { choiceLabel } from './choiceLabel.ts';

/**
 * Writes one order. Every change is checked at once by the shared engine against the whole draft
 * (this order added last), so "over budget", "line busy" or "not enough stock" appear next to the
 * field they concern before anything is sent.
 */
export function OrderEditor({
  scenario,
  view,
  team,
  orders,
  editing,
  onSave,
  onCancel,
}: {
  scenario: Scenario;
  view: View;
  team: string;
  orders: readonly Order[];
  /** Index of the order being changed, or null for a new one. */
  editing: number | null;
  onSave: (order: Order) => void;
  onCancel?: () => void;
}) {
  const { t, fmt, text } = useI18n();
  const errorText = useErrorText();
  const kind = view.teams.find((x) => x.id === team)?.kind ?? 'industry';
  // A new plant needs a site, shifts the scenario's rules for them, shipping home stock abroad, an
  // outbid for an offer one open to rivals, a concession an inject that offers the team one: offered
  // only where they exist.
  const types = orderTypesFor(kind).filter(
    (x) =>
      (x !== 'buildPlant' || scenario.sites.some((site) => site.owner === team)) &&
      (x !== 'concede' || concessionsFor(scenario, team).length > 0) &&
      (x !== 'setShifts' || scenario.rules.shifts !== undefined) &&
      (x !== 'repatriate' || scenario.teams.some((t) => t.id === team && t.abroad)) &&
      (x !== 'outbidOffer' || view.marketOffers.some((m) => m.rivalBids)),
  );
  const initial = editing !== null ? orders[editing] : undefined;
  const [type, setType] = useState<OrderType>(initial?.type ?? types[0] ?? 'transfer');
  const [values, setValues] = useState<FieldValues>(() =>
    initial ? valuesOf(initial) : defaults(types[0] ?? 'transfer', scenario, view, team),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const names = useMemo(() => namesFor(scenario, view), [scenario, view]);

  const others = editing === null ? orders : orders.filter((_, i) => i !== editing);
  const built = buildOrder(type, values);
  const candidate = built.ok ? [...others, built.order] : null;
  const check = candidate ? checkDraft(scenario, view, team, candidate) : null;
  const mine = check?.problem && check.problem.index === others.length ? check.problem : null;
  const blocked = check?.problem && check.problem.index < others.length ? check.problem : null;
  const problemText = mine
    ? explainProblem(mine, { orders: candidate!, costs: check!.costs, view, names, t, fmt, errorText })
    : null;

  const fieldError = (f: FieldSpec): string | null => {
    if (!built.ok && built.field === f.name && touched.has(f.name)) return t(`form.${built.problem}`);
    if (mine && mine.field === f.name) return problemText;
    return null;
  };
  const orderLevel = mine && !FIELDS[type].some((f) => f.name === mine.field) ? problemText : null;

  const changeType = (next: OrderType) => {
    setType(next);
    setValues(defaults(next, scenario, view, team));
    setTouched(new Set());
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(new Set(FIELDS[type].map((f) => f.name)));
    if (!built.ok || mine) return;
    onSave(built.order);
    if (editing === null) {
      setValues(defaults(type, scenario, view, team));
      setTouched(new Set());
    }
  };

  return (
    <form
      className="order-editor"
      onSubmit={submit}
      noValidate
      aria-label={editing === null ? t('orders.new') : t('orders.edit')}
    >
      <Field label={t('orders.type')}>
        {(p) => (
          <select
            {...p}
            value={type}
            onChange={(e) => changeType(e.target.value as OrderType)}
            disabled={editing !== null}
            name="type"
          >
            {types.map((ot) => (
              <option key={ot} value={ot}>
                {t(`order.type.${ot}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="hint">{t(`order.help.${type}`)}</p>
      <div className="fields">
        {FIELDS[type].map((f) => (
          <Field
            key={f.name}
            label={`${t(`field.${f.name}`)}${f.optional ? ` ${t('form.optional')}` : ''}`}
            error={fieldError(f)}
            hint={
              f.kind === 'euros' && Number(values[f.name]) > 0
                ? fmt.moneyFull(Number(values[f.name]))
                : undefined
            }
          >
            {(p) =>
              isNumeric(f.kind) ? (
                <input
                  {...p}
                  name={f.name}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={f.kind === 'qty' ? 1 : 'any'}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues(setField(values, f.name, e.target.value, type))}
                  onBlur={() => setTouched((s) => new Set(s).add(f.name))}
                />
              ) : (
                <select
                  {...p}
                  name={f.name}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues(setField(values, f.name, e.target.value, type))}
                >
                  {(f.optional || !values[f.name]) && (
                    <option value="">{f.optional ? t('form.none') : t('form.choose')}</option>
                  )}
                  {choicesFor(f.kind, scenario, view, team, values).map((c) => (
                    <option key={c.value} value={c.value}>
                      {choiceLabel(f.kind, c, { scenario, view, values, t, fmt, text })}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
        ))}
      </div>
      {check && (!mine || mine.code === ErrorCode.OverBudget) && (
        <p className="cost" aria-live="polite">
          {t('orders.cost', { cost: fmt.money(check.costs[others.length] ?? 0) })}
        </p>
      )}
      {orderLevel && (
        <p className="error" role="alert" data-code={mine?.code}>
          {orderLevel}
        </p>
      )}
      {blocked && <p className="hint">{t('orders.fixEarlier', { n: blocked.index + 1 })}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={!built.ok || !!mine}>
          {editing === null ? t('orders.add') : t('orders.update')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
