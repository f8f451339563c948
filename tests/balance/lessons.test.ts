import { describe, expect, it } from 'vitest';
import {
  applyVariant,
  mean,
  noiseFloor,
  parseVariant,
  runSeed,
  strengthsOf,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

/**
 * Lessons of the flagship that bot play must show, over enough seeds to be outside noise: each
 * assertion compares means of two variants played on the same seeds and requires the gap to exceed
 * the seed noise floor measured on those seeds (and, where stated, a margin). Four seeds × 24 months
 * per variant: six variants, twenty-four games in all.
 */
const flagship = bundled('france-2025');
const SEEDS = [1, 2, 3, 4];

const runs = new Map<string, SeedOutcome[]>();
function play(text: string): SeedOutcome[] {
  const known = runs.get(text);
  if (known) return known;
  const v = parseVariant(text) as Variant;
  const s = applyVariant(flagship, v);
  const out = SEEDS.map((seed) => runSeed(s, seed, strengthsOf(flagship, v)));
  runs.set(text, out);
  return out;
}

const figure = (runs: SeedOutcome[], key: string) => runs.map((r) => r.values[key] ?? 0);

/** Mean of `key` under `better` minus under `worse`, and the larger noise floor of the two. */
function gap(better: string, worse: string, key: string) {
  const a = figure(play(better), key);
  const b = figure(play(worse), key);
  return { delta: mean(a) - mean(b), noise: Math.max(noiseFloor(a).noise, noiseFloor(b).noise) };
}

const COMPETENT = 'bots=competent';

describe('flagship lessons in bot play', () => {
  it('competent Blue holds more ground than passive Blue, beyond seed noise', () => {
    for (const front of ['donbas', 'air_ua']) {
      const g = gap(COMPETENT, 'bots=competent,bots.blue=passive', `territory.${front}`);
      expect(g.delta, front).toBeGreaterThan(g.noise);
    }
  });

  it('competent Blue beats plain Blue on the Donbas by at least 4 steps, beyond seed noise', () => {
    const g = gap(COMPETENT, 'bots=plain', 'territory.donbas');
    expect(g.delta).toBeGreaterThan(Math.max(4, g.noise));
  });

  it('competent bots leave no seat with more than 70 % of its money unspent', () => {
    for (const t of flagship.teams) {
      const unspent = figure(play(COMPETENT), `unspent.${t.id}`);
      expect(Math.max(...unspent), t.id).toBeLessThanOrEqual(0.7);
    }
  });

  it('multi-year contracts raise the prime’s capex by half and 155 mm output by a fifth, beyond noise', () => {
    const multi = `${COMPETENT},lever.multiYear=on`;
    const capex = gap(multi, COMPETENT, 'capex.prime');
    expect(capex.delta).toBeGreaterThan(capex.noise);
    expect(mean(figure(play(multi), 'capex.prime'))).toBeGreaterThan(
      1.5 * mean(figure(play(COMPETENT), 'capex.prime')),
    );
    const shells = gap(multi, COMPETENT, 'output.shell_155');
    expect(shells.delta).toBeGreaterThan(shells.noise);
    expect(mean(figure(play(multi), 'output.shell_155'))).toBeGreaterThan(
      1.2 * mean(figure(play(COMPETENT), 'output.shell_155')),
    );
  });

  it('subsidising the energetics chokepoint raises 155 mm output by a tenth, beyond noise', () => {
    const off = `${COMPETENT},lever.subsidies=off`;
    expect(Math.min(...figure(play(COMPETENT), 'capex.energetics'))).toBeGreaterThan(0);
    expect(Math.max(...figure(play(off), 'capex.energetics'))).toBe(0);
    const shells = gap(COMPETENT, off, 'output.shell_155');
    expect(shells.delta).toBeGreaterThan(shells.noise);
    expect(mean(figure(play(COMPETENT), 'output.shell_155'))).toBeGreaterThan(
      1.1 * mean(figure(play(off), 'output.shell_155')),
    );
  });

  it('competent procurement subsidises the energetics chokepoint, which plain play never does', () => {
    expect(Math.max(...figure(play('bots=plain'), 'capex.energetics'))).toBe(0);
  });
});
