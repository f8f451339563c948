import { useState, type FormEvent } from 'react';
import type { Contract } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { ContractTerms, TeamCommand } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { checkContract } from '../../../adapters/checkContract.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Field } from '../../../ui/Field.tsx';
import { useErrorText } from '../../../ui/errors.ts';

type Move = Extract<TeamCommand, { type: 'offerContract' | 'counterContract' }>;

const NUMBERS = [
  'qty',
  'unitPrice',
  'months',
  'startsIn',
  'advancePct',
  'penaltyPerUnitLate',
  'cancelFeePct',
] as const;
type NumberField = (typeof NUMBERS)[number];
const MIN: Record<NumberField, number> = {
  qty: 1,
  unitPrice: 0,
  months: 1,
  startsIn: 0,
  advancePct: 0,
  penaltyPerUnitLate: 0,
  cancelFeePct: 0,
};
const MAX: Partial<Record<NumberField, number>> = {
  months: 120,
  startsIn: 60,
  advancePct: 100,
  cancelFeePct: 100,
};

/**
 * A new offer, or a counter-offer on one awaiting this team. The engine's contract rules (levers,
 * ratings, the buyer's cash for the advance) run on every change.
 */
export function ContractForm({
  scenario,
  view,
  team,
  counter,
  onSend,
  onCancel,
  pending,
}: {
  scenario: Scenario;
  view: View;
  team: string;
  /** The contract being countered; absent for a new offer. */
  counter?: Contract;
  onSend: (cmd: Move) => void;
  onCancel?: () => void;
  pending: boolean;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const partners = view.teams.filter((x) => x.id !== team && x.kind !== 'adversary');
  const [counterparty, setCounterparty] = useState(partners[0]?.id ?? '');
  const [as, setAs] = useState<'buyer' | 'seller'>(
    view.teams.find((x) => x.id === team)?.kind === 'industry' ? 'seller' : 'buyer',
  );
  const base = counter?.terms;
  const firstProduct = scenario.products[0];
  const [product, setProduct] = useState(base?.product ?? firstProduct?.id ?? '');
  const [type, setType] = useState<ContractTerms['type']>(base?.type ?? 'spot');
  const [rating, setRating] = useState<ContractTerms['rating']>(base?.rating ?? 'none');
  const [nums, setNums] = useState<Record<NumberField, string>>(() => ({
    qty: String(base?.qty ?? 1000),
    unitPrice: String(
      base?.unitPrice ??
        scenario.products.find((p) => p.id === (base?.product ?? firstProduct?.id))?.marketPrice ??
        0,
    ),
    months: String(base?.months ?? 3),
    startsIn: String(base?.startsIn ?? 0),
    advancePct: String(base?.advancePct ?? 0),
    penaltyPerUnitLate: String(base?.penaltyPerUnitLate ?? 0),
    cancelFeePct: String(base?.cancelFeePct ?? 0),
  }));

  const bad = NUMBERS.find((k) => {
    const n = Number(nums[k]);
    return (
      nums[k].trim() === '' ||
      !Number.isFinite(n) ||
      n < MIN[k] ||
      n > (MAX[k] ?? Infinity) ||
      (k !== 'unitPrice' &&
        k !== 'penaltyPerUnitLate' &&
        k !== 'advancePct' &&
        k !== 'cancelFeePct' &&
        !Number.isInteger(n))
    );
  });
  const terms: ContractTerms = {
    product,
    type,
    rating,
    qty: Number(nums.qty),
    unitPrice: Number(nums.unitPrice),
    months: Number(nums.months),
    startsIn: Number(nums.startsIn),
    advancePct: Number(nums.advancePct),
    penaltyPerUnitLate: Number(nums.penaltyPerUnitLate),
    cancelFeePct: Number(nums.cancelFeePct),
  };
  const cmd: Move = counter
    ? { type: 'counterContract', contract: counter.id, terms }
    : { type: 'offerContract', counterparty, as, terms };
  const problem = bad ? null : checkContract(scenario, view, team, cmd);
  const problemText = problem ? errorText(problem) : null;
  const fieldOf = (name: string) => (problem?.field === name ? problemText : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bad || problem) return;
    onSend(cmd);
  };

  return (
    <form
      className="contract-form"
      onSubmit={submit}
      noValidate
      aria-label={counter ? t('contract.counterTitle', { id: counter.id }) : t('contract.offerTitle')}
    >
      {!counter && (
        <div className="fields">
          <Field label={t('contract.counterparty')} error={fieldOf('counterparty')}>
            {(p) => (
              <select
                {...p}
                name="counterparty"
                value={counterparty}
                onChange={(e) => setCounterparty(e.target.value)}
              >
                {partners.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('contract.as')}>
            {(p) => (
              <select
                {...p}
                name="as"
                value={as}
                onChange={(e) => setAs(e.target.value as 'buyer' | 'seller')}
              >
                <option value="buyer">{t('contract.asBuyer')}</option>
                <option value="seller">{t('contract.asSeller')}</option>
              </select>
            )}
          </Field>
        </div>
      )}
      <div className="fields">
        <Field label={t('field.product')} error={fieldOf('product')}>
          {(p) => (
            <select {...p} name="product" value={product} onChange={(e) => setProduct(e.target.value)}>
              {scenario.products.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contract.type')} error={fieldOf('type')}>
          {(p) => (
            <select
              {...p}
              name="contractType"
              value={type}
              onChange={(e) => setType(e.target.value as ContractTerms['type'])}
            >
              {(['spot', 'annual', 'multiYear'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`contract.type.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contract.rating')} error={fieldOf('rating')}>
          {(p) => (
            <select
              {...p}
              name="rating"
              value={rating}
              onChange={(e) => setRating(e.target.value as ContractTerms['rating'])}
            >
              {(['none', 'DO', 'DX'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`contract.rating.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {NUMBERS.map((k) => (
          <Field
            key={k}
            label={t(`contract.${k}`)}
            error={bad === k ? t('form.range', { min: MIN[k], max: MAX[k] ?? '∞' }) : fieldOf(k)}
            hint={
              k === 'unitPrice' && Number(nums.qty) > 0
                ? t('contract.value', { value: fmt.money(Number(nums.qty) * Number(nums.unitPrice)) })
                : undefined
            }
          >
            {(p) => (
              <input
                {...p}
                name={k}
                type="number"
                min={MIN[k]}
                max={MAX[k]}
                step={k === 'unitPrice' || k === 'penaltyPerUnitLate' ? 'any' : 1}
                value={nums[k]}
                onChange={(e) => setNums((n) => ({ ...n, [k]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      {problem &&
        !['product', 'type', 'rating', 'counterparty', ...NUMBERS].includes(problem.field ?? '') && (
          <p className="error" role="alert" data-code={problem.code}>
            {problemText}
          </p>
        )}
      <div className="row">
        <button type="submit" className="primary" disabled={pending || !!bad || !!problem}>
          {counter ? t('contract.sendCounter') : t('contract.sendOffer')}
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
