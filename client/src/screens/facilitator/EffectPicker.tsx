import { useState } from 'react';
import {
  effectFromEntries,
  effectKinds,
  type Effect,
  type EffectEntries,
  type EffectField,
  type EffectRef,
  type Scenario,
  type View,
} from '@arsenal/shared';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';

/** The things of the exercise an effect's field may name, with their display names. */
function choices(ref: EffectRef, view: View, scenario: Scenario): { id: string; name: string }[] {
  switch (ref) {
    case 'team':
      return view.teams.map((x) => ({ id: x.id, name: x.name }));
    case 'plant':
      return view.plants.map((x) => ({ id: x.id, name: x.name }));
    case 'front':
      return view.fronts.map((x) => ({ id: x.id, name: x.name }));
    case 'product':
      return scenario.products.map((x) => ({ id: x.id, name: x.name }));
    case 'component':
      return scenario.components.map((x) => ({ id: x.id, name: x.name }));
  }
}

/** What a field starts with: its default, or the first thing it may name when one is required. */
function initial(f: EffectField, view: View, scenario: Scenario): string | boolean {
  if (f.kind === 'boolean') return false;
  if (f.kind === 'number') return f.default !== undefined ? String(f.default) : '';
  if (f.kind === 'choice') return f.optional ? '' : (f.options[0] ?? '');
  if (f.kind === 'ref') return f.optional ? '' : (choices(f.ref, view, scenario)[0]?.id ?? '');
  return '';
}

const startEntries = (type: Effect['type'], view: View, scenario: Scenario): EffectEntries =>
  Object.fromEntries(
    (effectKinds().find((k) => k.type === type)?.fields ?? []).map((f) => [
      f.name,
      initial(f, view, scenario),
    ]),
  );

/**
 * Builds one effect from the scenario's closed set of typed effects: the kinds and their fields come
 * from the shared effect schema (`effectKinds`), and what is built is checked by that schema before
 * it is added; a field naming a team, plant, front, product or component offers the exercise's own.
 */
export function EffectPicker({
  view,
  scenario,
  onAdd,
  disabled,
}: {
  view: View;
  scenario: Scenario;
  onAdd: (e: Effect) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const kinds = effectKinds();
  const [type, setType] = useState<Effect['type']>('money');
  const [entries, setEntries] = useState<EffectEntries>(() => startEntries('money', view, scenario));
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const kind = kinds.find((k) => k.type === type);
  const set = (name: string, v: string | boolean) => setEntries((e) => ({ ...e, [name]: v }));

  const add = () => {
    const built = effectFromEntries(type, entries);
    if (!built.ok) return setError({ field: built.field, message: built.message });
    setError(null);
    onAdd(built.effect);
    setEntries(startEntries(type, view, scenario));
  };

  const control = (f: EffectField) => {
    const label = labelOr(t, `efffield.${f.name}`, f.name);
    const err =
      error?.field === f.name ? (error.message === 'Required.' ? t('pick.required') : error.message) : null;
    const value = entries[f.name];
    return (
      <Field key={f.name} label={label} error={err}>
        {(p) => {
          if (f.kind === 'boolean')
            return (
              <input
                {...p}
                type="checkbox"
                name={f.name}
                checked={value === true}
                onChange={(e) => set(f.name, e.target.checked)}
              />
            );
          if (f.kind === 'ref' || f.kind === 'choice') {
            const opts =
              f.kind === 'ref'
                ? choices(f.ref, view, scenario)
                : f.options.map((o) => ({ id: o, name: labelOr(t, `${f.name}.${o}`, o) }));
            return (
              <select
                {...p}
                name={f.name}
                value={String(value ?? '')}
                onChange={(e) => set(f.name, e.target.value)}
              >
                {f.optional && <option value="">{t('pick.any')}</option>}
                {opts.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            );
          }
          return (
            <input
              {...p}
              name={f.name}
              type={f.kind === 'number' ? 'number' : 'text'}
              step={f.kind === 'number' ? (f.integer ? 1 : 'any') : undefined}
              min={f.kind === 'number' ? f.min : undefined}
              max={f.kind === 'number' ? f.max : undefined}
              value={String(value ?? '')}
              onChange={(e) => set(f.name, e.target.value)}
            />
          );
        }}
      </Field>
    );
  };

  return (
    <fieldset className="effect-picker">
      <legend>{t('pick.title')}</legend>
      <div className="fields">
        <Field label={t('pick.kind')}>
          {(p) => (
            <select
              {...p}
              name="effectType"
              value={type}
              onChange={(e) => {
                const next = e.target.value as Effect['type'];
                setType(next);
                setEntries(startEntries(next, view, scenario));
                setError(null);
              }}
            >
              {kinds.map((k) => (
                <option key={k.type} value={k.type}>
                  {labelOr(t, `effkind.${k.type}`, k.type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind?.fields.map(control)}
      </div>
      {error && !kind?.fields.some((f) => f.name === error.field) && <p className="error">{error.message}</p>}
      <button type="button" disabled={disabled} onClick={add}>
        {t('pick.add')}
      </button>
    </fieldset>
  );
}
