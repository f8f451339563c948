import type { BotStrength } from '../schema/commands.ts';
import type { Lever, Scenario } from '../schema/scenario.ts';

/**
 * One way to play a scenario for the balance report: bot strength per seat, levers forced on or off,
 * injects removed or forced at a month. A variant is applied as a change of the scenario data (and of
 * the bots' strengths), so each run stays an ordinary, deterministic exercise.
 */
export interface Variant {
  id: string;
  /**
   * Strength per team id; `blue` sets every non-adversary seat not named, `red` every adversary seat,
   * `*` every other seat. Seats not covered play `plain`.
   */
  strength: Record<string, BotStrength>;
  levers: Partial<Record<Lever, boolean>>;
  /** Injects that never fire. */
  removeInjects: string[];
  /** Injects that fire at the start of the given month (1-based), whatever their trigger. */
  forceInjects: Record<string, number>;
}

export const LEVERS: readonly Lever[] = ['priorityRatings', 'subsidies', 'multiYear', 'exportControls'];

export function baseVariant(id = 'baseline'): Variant {
  return { id, strength: {}, levers: {}, removeInjects: [], forceInjects: {} };
}

/** The bot strength of every team of `s` under `v`. */
export function strengthsOf(s: Scenario, v: Variant): Record<string, BotStrength> {
  const all = v.strength['*'] ?? 'plain';
  return Object.fromEntries(
    s.teams.map((t) => [
      t.id,
      v.strength[t.id] ?? v.strength[t.kind === 'adversary' ? 'red' : 'blue'] ?? all,
    ]),
  );
}

/**
 * The scenario as the variant plays it. A lever forced on starts unlocked; forced off, it starts
 * locked and no inject unlocks it. A removed inject is dropped; a forced one fires in its month.
 */
export function applyVariant(s: Scenario, v: Variant): Scenario {
  const levers = { ...s.levers, ...v.levers };
  const locked = new Set(LEVERS.filter((l) => v.levers[l] === false));
  const removed = new Set(v.removeInjects);
  const injects = s.injects
    .filter((inj) => !removed.has(inj.id))
    .map((inj) => {
      const month = v.forceInjects[inj.id];
      const effects = inj.effects.filter((e) => !(e.type === 'unlockLever' && locked.has(e.lever)));
      return {
        ...inj,
        effects,
        trigger: month === undefined ? inj.trigger : { type: 'month' as const, month },
      };
    });
  return { ...s, levers, injects };
}

/**
 * Parse variant settings as the command line writes them, comma-separated:
 * `bots=competent` (every seat), `bots.blue=passive` (every non-adversary seat), `bots.russia=plain`, `lever.multiYear=on|off`,
 * `inject.summit=off` (removed), `inject.summit@6` (forced at month 6). Returns an error text for
 * anything it does not understand.
 */
export function parseVariant(text: string, id = text || 'baseline'): Variant | string {
  const v = baseVariant(id);
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const forced = /^inject\.([\w-]+)@(\d+)$/.exec(part);
    if (forced) {
      v.forceInjects[forced[1]!] = Number(forced[2]);
      continue;
    }
    const m = /^(bots|lever|inject)(?:\.([\w-]+))?=(\w+)$/.exec(part);
    if (!m) return `cannot read "${part}"`;
    const [, kind, key, value] = m as unknown as [string, string, string | undefined, string];
    if (kind === 'bots') {
      if (!['passive', 'plain', 'competent'].includes(value)) return `unknown bot strength "${value}"`;
      v.strength[key ?? '*'] = value as BotStrength;
    } else if (kind === 'lever') {
      if (!key || !LEVERS.includes(key as Lever)) return `unknown lever "${key ?? ''}"`;
      if (value !== 'on' && value !== 'off') return `lever.${key} takes on or off`;
      v.levers[key as Lever] = value === 'on';
    } else {
      if (!key || value !== 'off') return `inject.${key ?? ''} takes =off or @month`;
      v.removeInjects.push(key);
    }
  }
  return v;
}

/** A variant on top of another: the second's settings win. */
export function combine(base: Variant, extra: Variant, id = extra.id): Variant {
  return {
    id,
    strength: { ...base.strength, ...extra.strength },
    levers: { ...base.levers, ...extra.levers },
    removeInjects: [...new Set([...base.removeInjects, ...extra.removeInjects])],
    forceInjects: { ...base.forceInjects, ...extra.forceInjects },
  };
}

/** Check a variant's ids against the scenario; returns error texts. */
export function variantErrors(s: Scenario, v: Variant): string[] {
  const teams = new Set(s.teams.map((t) => t.id));
  const injects = new Set(s.injects.map((i) => i.id));
  const errors: string[] = [];
  for (const t of Object.keys(v.strength))
    if (!['*', 'blue', 'red'].includes(t) && !teams.has(t)) errors.push(`no team "${t}"`);
  for (const i of [...v.removeInjects, ...Object.keys(v.forceInjects)])
    if (!injects.has(i)) errors.push(`no inject "${i}"`);
  for (const [i, m] of Object.entries(v.forceInjects))
    if (m < 1 || m > s.meta.turns) errors.push(`inject ${i}: month ${m} is outside 1–${s.meta.turns}`);
  return errors;
}
