import { describe, expect, it } from 'vitest';
import {
  ablationVariants,
  applyCommand,
  botCommands,
  createExercise,
  applyVariant,
  baseVariant,
  buildBalanceReport,
  noiseFloor,
  parseVariant,
  quantile,
  strengthsOf,
  variantErrors,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import { bundled, variant } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');
const parsed = (text: string): Variant => {
  const v = parseVariant(text);
  if (typeof v === 'string') throw new Error(v);
  return v;
};

describe('balance variants', () => {
  it('reads bot strengths, levers and injects, and refuses what it cannot read', () => {
    const v = parsed(
      'bots=competent,bots.russia=passive,lever.multiYear=on,inject.summit@6,inject.ew_leap=off',
    );
    expect(strengthsOf(flagship, v).russia).toBe('passive');
    expect(strengthsOf(flagship, v).dga).toBe('competent');
    expect(v.levers).toEqual({ multiYear: true });
    expect(v.forceInjects).toEqual({ summit: 6 });
    expect(v.removeInjects).toEqual(['ew_leap']);
    expect(strengthsOf(flagship, parsed('bots.blue=passive')).russia).toBe('plain');
    expect(strengthsOf(flagship, parsed('bots.blue=passive')).dga).toBe('passive');
    expect(parseVariant('bots=genius')).toMatch(/strength/);
    expect(parseVariant('lever.nope=on')).toMatch(/lever/);
    expect(variantErrors(flagship, parsed('inject.nope=off,bots.nobody=plain'))).toHaveLength(2);
  });

  it('changes the scenario: a lever forced off is never unlocked, a forced inject fires in its month', () => {
    const s = applyVariant(flagship, parsed('lever.multiYear=off,inject.summit@3,inject.china_squeeze=off'));
    const summit = s.injects.find((i) => i.id === 'summit')!;
    expect(summit.trigger).toEqual({ type: 'month', month: 3 });
    expect(summit.effects.some((e) => e.type === 'unlockLever' && e.lever === 'multiYear')).toBe(false);
    expect(summit.effects.some((e) => e.type === 'unlockLever' && e.lever === 'priorityRatings')).toBe(true);
    expect(s.injects.some((i) => i.id === 'china_squeeze')).toBe(false);
    expect(flagship.injects.some((i) => i.id === 'china_squeeze')).toBe(true);
  });

  it('ablates every lever and inject: facilitator injects are forced, the others removed', () => {
    const ab = ablationVariants(flagship, baseVariant(), 6).map((v) => v.id);
    expect(ab).toContain('inject.summit@6');
    expect(ab).toContain('inject.china_squeeze=off');
    expect(ab).toContain('lever.subsidies=off');
    expect(ab).toContain('lever.multiYear=on'); // unlocked by the facilitator's summit only
    // Off at the start and unlocked by no inject: not a mechanic of the flagship, left out.
    expect(ab.some((id) => id.startsWith('lever.exportControls'))).toBe(false);
    expect(ab).toHaveLength(3 + flagship.injects.length);
    // An inject that fires by itself and unlocks it brings it back, forced off.
    const unlocking = variant(flagship, (x) =>
      x.injects.push({
        ...structuredClone(x.injects.find((i) => i.trigger.type === 'month')!),
        id: 'eu_package',
        effects: [{ type: 'unlockLever', lever: 'exportControls' }],
      }),
    );
    expect(ablationVariants(unlocking, baseVariant(), 6).map((v) => v.id)).toContain(
      'lever.exportControls=off',
    );
  });
});

describe('balance statistics', () => {
  it('interpolates quantiles', () => {
    expect(quantile([0, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4);
  });

  it('measures noise from the seeds: none when every seed agrees, more when they scatter', () => {
    expect(noiseFloor([3, 3, 3, 3]).noise).toBe(0);
    expect(noiseFloor([0, 10, 0, 10]).splitHalf).toBe(10);
    expect(noiseFloor([1, 9, 2, 8]).noise).toBeGreaterThan(noiseFloor([4, 6, 5, 5]).noise);
  });

  it('flags a variant as a dead mechanic only when nothing moves beyond noise', () => {
    const runs = (shift: number): SeedOutcome[] =>
      [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, values: { 'territory.donbas': (seed % 3) + shift } }));
    const r = buildBalanceReport(
      flagship,
      24,
      [1, 2, 3, 4, 5, 6],
      'baseline',
      new Map([
        ['baseline', runs(0)],
        ['same', runs(0)],
        ['moved', runs(5)],
      ]),
      ['same', 'moved'],
    );
    expect(r.ablation.find((a) => a.variant === 'same')!.dead).toBe(true);
    const moved = r.ablation.find((a) => a.variant === 'moved')!;
    expect(moved.dead).toBe(false);
    expect(moved.moved[0]).toMatchObject({ figure: 'territory.donbas', delta: 5 });
    expect(r.baseline.figures['territory.donbas']!.median).toBe(1);
  });
});

describe('bot strength', () => {
  it('is set per seat through setBot, and a passive seat submits no orders and declines offers', () => {
    let state = createExercise(flagship, { seed: 1, bots: ['dga'], botStrength: { dga: 'competent' } });
    expect(state.context.botStrength).toEqual({ dga: 'competent' });
    const f = { role: 'facilitator' } as const;
    const send = (command: Parameters<typeof applyCommand>[2]['command']) => {
      const r = applyCommand(flagship, state, { seq: state.context.seq + 1, at: 0, actor: f, command });
      if (!r.ok) throw new Error(r.message);
      state = r.state;
    };
    send({ type: 'setBot', team: 'prime', bot: true, strength: 'passive' });
    send({ type: 'setBot', team: 'dga', bot: true, strength: 'plain' });
    expect(state.context.botStrength).toEqual({ prime: 'passive' });
    send({ type: 'startPlanning' });
    expect(botCommands(flagship, state, 'prime')).toEqual([{ type: 'submitOrders', orders: [] }]);
    const plain = botCommands(flagship, state, 'dga');
    expect(plain.some((c) => c.type === 'offerContract')).toBe(true);
  });
});
