import { describe, expect, it } from 'vitest';
import { Autoplay, createExercise, hashState, lookaheadTrial, summariseTrials } from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');

describe('look-ahead', () => {
  const live = new Autoplay(flagship, createExercise(flagship, { seed: 3, bots: [] })).play(4);

  it('plays N months from the current state without touching it, deterministically per seed', () => {
    const before = hashState(live.state);
    const a = lookaheadTrial(flagship, live.state, 3, 11);
    expect(hashState(live.state)).toBe(before);
    expect(lookaheadTrial(flagship, live.state, 3, 11)).toEqual(a);
    expect(Object.keys(a.territory)).toEqual(flagship.fronts.map((f) => f.id));
  });

  it('summarises the spread of outcomes over seeds', () => {
    const trials = [1, 2, 3, 4, 5, 6].map((seed) => lookaheadTrial(flagship, live.state, 2, seed));
    const summary = summariseTrials(trials);
    const territory = summary[`territory.${flagship.fronts[0]!.id}`]!;
    expect(territory.min).toBeLessThanOrEqual(territory.median);
    expect(territory.median).toBeLessThanOrEqual(territory.max);
    expect(territory.max).toBeLessThanOrEqual(
      live.state.context.game.fronts[flagship.fronts[0]!.id]!.territory + 2 * 2,
    );
  });
});
