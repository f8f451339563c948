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
 * the seed noise floor measured on those seeds. Four seeds × 24 months per variant: four
 * variants, sixteen games in all.
 */
const flagship = bundled('france-2025');
const SEEDS = [1, 2, 3, 4];

function play(text: string): SeedOutcome[] {
  const v = parseVariant(text) as Variant;
  const s = applyVariant(flagship, v);
  return SEEDS.map((seed) => runSeed(s, seed, strengthsOf(flagship, v)));
}

const figure = (runs: SeedOutcome[], key: string) => runs.map((r) => r.values[key] ?? 0);

describe('flagship lessons in bot play', () => {
  const competent = play('bots=competent');

  it('competent Blue holds more ground than passive Blue, beyond seed noise', () => {
    const passive = play('bots=competent,bots.blue=passive');
    for (const front of ['donbas', 'air_ua']) {
      const a = figure(competent, `territory.${front}`);
      const b = figure(passive, `territory.${front}`);
      const noise = Math.max(noiseFloor(a).noise, noiseFloor(b).noise);
      expect(mean(a) - mean(b)).toBeGreaterThan(noise);
    }
  });

  it('competent bots leave no seat with more than 70 % of its money unspent', () => {
    for (const t of flagship.teams) {
      const unspent = figure(competent, `unspent.${t.id}`);
      expect(Math.max(...unspent), t.id).toBeLessThanOrEqual(0.7);
    }
  });

  it('competent procurement subsidises the energetics chokepoint, which plain play never does', () => {
    const plain = play('bots=plain');
    expect(Math.min(...figure(competent, 'capex.energetics'))).toBeGreaterThan(0);
    expect(Math.max(...figure(plain, 'capex.energetics'))).toBe(0);
  });
});
