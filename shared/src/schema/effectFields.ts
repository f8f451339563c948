import type { z } from 'zod';
import { effect, type Effect } from './scenario.ts';

/** What a field of an effect refers to, when it names something of the scenario. */
export const EFFECT_REFS = ['team', 'plant', 'front', 'product', 'component'] as const;
export type EffectRef = (typeof EFFECT_REFS)[number];

/** One field of one kind of effect, as a form asks for it. */
export type EffectField = { name: string; optional: boolean } & (
  | { kind: 'ref'; ref: EffectRef }
  | { kind: 'number'; integer: boolean; min?: number; max?: number; default?: number }
  | { kind: 'boolean' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'text' }
);

/** One kind of effect and the fields it takes (nested conditions are left to scenario files). */
export interface EffectKind {
  type: Effect['type'];
  fields: EffectField[];
}

interface Unwrapped {
  schema: z.ZodType;
  optional: boolean;
  default?: unknown;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let s = schema;
  let optional = false;
  let dflt: unknown;
  for (;;) {
    const def = s.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'optional' && def.innerType) {
      optional = true;
      s = def.innerType;
    } else if (def.type === 'default' && def.innerType) {
      optional = true;
      dflt = def.defaultValue;
      s = def.innerType;
    } else return { schema: s, optional, ...(dflt !== undefined ? { default: dflt } : {}) };
  }
}

function fieldOf(name: string, schema: z.ZodType): EffectField | null {
  const { schema: s, optional, default: dflt } = unwrap(schema);
  const type = (s.def as { type: string }).type;
  if (type === 'string' && (EFFECT_REFS as readonly string[]).includes(name))
    return { name, optional, kind: 'ref', ref: name as EffectRef };
  switch (type) {
    case 'string':
      return { name, optional, kind: 'text' };
    case 'boolean':
      return { name, optional, kind: 'boolean' };
    case 'enum':
      return { name, optional, kind: 'choice', options: [...(s as z.ZodEnum).options].map(String) };
    case 'number': {
      const n = s as z.ZodNumber;
      const bound = (v: number | null) =>
        v !== null && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
      const min = bound(n.minValue);
      const max = bound(n.maxValue);
      return {
        name,
        optional,
        kind: 'number',
        integer: n.isInt,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(typeof dflt === 'number' ? { default: dflt } : {}),
      };
    }
    default:
      // nested conditions (unlessStock, untilShare) are optional and written in scenario files
      return null;
  }
}

let kinds: EffectKind[] | undefined;

/**
 * The closed set of typed effects (the scenario schema's `effect`), read off the schema itself so that
 * a form offering them (the White Cell adjudicating a free-form action) follows the engine's set: every
 * kind, and for each its fields with what they name (team, plant, front, product, component), their
 * bounds and defaults. The built effect is then checked with `effect` itself.
 */
export function effectKinds(): EffectKind[] {
  kinds ??= effect.options.map((option) => ({
    type: option.shape.type.value,
    fields: Object.entries(option.shape as Record<string, z.ZodType>)
      .filter(([name]) => name !== 'type')
      .map(([name, schema]) => fieldOf(name, schema))
      .filter((f): f is EffectField => f !== null),
  }));
  return kinds;
}

/** A form's entries for one kind of effect: text as typed, a checkbox as a boolean. */
export type EffectEntries = Record<string, string | boolean | undefined>;

/**
 * The effect a form's entries make, checked by the scenario schema's `effect`: blank optional fields are
 * left out (so their defaults apply), numbers are read as typed. A refusal names the field.
 */
export function effectFromEntries(
  type: Effect['type'],
  entries: EffectEntries,
): { ok: true; effect: Effect } | { ok: false; field: string; message: string } {
  const kind = effectKinds().find((k) => k.type === type);
  if (!kind) return { ok: false, field: 'type', message: `There is no effect "${type}".` };
  const raw: Record<string, unknown> = { type };
  for (const f of kind.fields) {
    const v = entries[f.name];
    if (f.kind === 'boolean') {
      if (v === true) raw[f.name] = true;
      continue;
    }
    const typed = typeof v === 'string' ? v.trim() : '';
    if (typed === '') {
      if (!f.optional) return { ok: false, field: f.name, message: 'Required.' };
      continue;
    }
    raw[f.name] = f.kind === 'number' ? Number(typed) : typed;
  }
  const parsed = effect.safeParse(raw);
  if (parsed.success) return { ok: true, effect: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, field: String(issue?.path[0] ?? 'type'), message: issue?.message ?? 'Not valid.' };
}
