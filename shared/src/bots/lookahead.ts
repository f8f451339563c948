import type { Scenario } from '../schema/scenario.ts';
import { seedState } from '../util/rng.ts';
import { Autoplay } from './autoplay.ts';
import type { ExerciseState } from '../exercise/types.ts';

/** Key outcomes of one trial, after its last month. */
export interface TrialOutcome {
  seed: number;
  territory: Record<string, number>;
  fireRatio: Record<string, number>;
  output: Record<string, number>;
  money: Record<string, number>;
}

export interface Spread {
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
}

/**
 * One look-ahead trial: from `state`, every seat played by bots for `months` months, with the dice
 * re-seeded by `seed` ("what usually happens if nobody changes course"). Orders already submitted this
 * month stand; the others are the bots'. Pure and deterministic for a given seed.
 */
export function lookaheadTrial(
  s: Scenario,
  state: ExerciseState,
  months: number,
  seed: number,
): TrialOutcome {
  const start: ExerciseState = {
    ...state,
    context: {
      ...state.context,
      game: { ...state.context.game, rng: seedState(seed ^ state.context.game.rng) },
    },
  };
  const play = new Autoplay(s, start);
  const f = { role: 'facilitator' } as const;
  if (play.state.phase === 'paused') play.send(f, { type: 'resume' });
  if (play.state.phase === 'review') play.send(f, { type: 'publish' });
  const output: Record<string, number> = {};
  for (let m = 0; m < months && play.state.phase !== 'finished'; m++) {
    play.playMonth();
    const h = play.state.context.game.history.at(-1);
    for (const [p, n] of Object.entries(h?.output ?? {})) output[p] = (output[p] ?? 0) + n;
  }
  const g = play.state.context.game;
  const last = g.history.at(-1);
  return {
    seed,
    territory: Object.fromEntries(Object.values(g.fronts).map((x) => [x.id, x.territory])),
    fireRatio: { ...(last?.fireRatio ?? {}) },
    output,
    money: Object.fromEntries(Object.values(g.teams).map((t) => [t.id, Math.round(t.money)])),
  };
}

function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))] ?? 0;
  return {
    min: v[0] ?? 0,
    p10: at(0.1),
    median: at(0.5),
    p90: at(0.9),
    max: v[v.length - 1] ?? 0,
    mean: v.reduce((a, b) => a + b, 0) / Math.max(1, v.length),
  };
}

/** Summarise trials: the spread of every outcome, keyed like `territory.donbas` or `output.fpv_rf`. */
export function summariseTrials(trials: readonly TrialOutcome[]): Record<string, Spread> {
  const series = new Map<string, number[]>();
  for (const t of trials)
    for (const group of ['territory', 'fireRatio', 'output', 'money'] as const)
      for (const [k, v] of Object.entries(t[group])) {
        const key = `${group}.${k}`;
        if (!series.has(key)) series.set(key, []);
        series.get(key)!.push(v);
      }
  return Object.fromEntries([...series].map(([k, v]) => [k, spread(v)]));
}
