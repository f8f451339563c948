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

const facilitator = { role: 'facilitator' } as const;

/** `state` with its dice re-seeded for trial `seed`, keyed by the state's own dice so trials differ by state. */
function reseeded(state: ExerciseState, seed: number, dice: number): ExerciseState {
  return {
    ...state,
    context: { ...state.context, game: { ...state.context.game, rng: seedState(seed ^ dice) } },
  };
}

/** Summing each published month's output and reading the end state: the outcome of one trial. */
class Trial {
  private readonly output: Record<string, number> = {};
  constructor(
    readonly play: Autoplay,
    readonly seed: number,
  ) {}

  /** Count the output of the month just published. */
  count(): void {
    const h = this.play.state.context.game.history.at(-1);
    for (const [p, n] of Object.entries(h?.output ?? {})) this.output[p] = (this.output[p] ?? 0) + n;
  }

  /** Play whole months with bots in every seat until `months` in all or the end of the exercise. */
  playMonths(from: number, months: number): this {
    for (let m = from; m < months && this.play.state.phase !== 'finished'; m++) {
      this.play.playMonth();
      this.count();
    }
    return this;
  }

  outcome(): TrialOutcome {
    const g = this.play.state.context.game;
    const last = g.history.at(-1);
    return {
      seed: this.seed,
      territory: Object.fromEntries(Object.values(g.fronts).map((x) => [x.id, x.territory])),
      fireRatio: { ...(last?.fireRatio ?? {}) },
      output: this.output,
      money: Object.fromEntries(Object.values(g.teams).map((t) => [t.id, Math.round(t.money)])),
    };
  }
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
  const play = new Autoplay(s, reseeded(state, seed, state.context.game.rng));
  if (play.state.phase === 'paused') play.send(facilitator, { type: 'resume' });
  if (play.state.phase === 'review') play.send(facilitator, { type: 'publish' });
  return new Trial(play, seed).playMonths(0, months).outcome();
}

/**
 * Many look-ahead trials from one state, each equal to `lookaheadTrial(s, state, months, seed)`, but
 * faster: nothing before the first adjudication draws dice (bots and contract moves are deterministic),
 * so the first month's planning is played once and every seed branches at its adjudication. Each
 * trial is passed to `onTrial` as it finishes.
 */
export function lookaheadTrials(
  s: Scenario,
  state: ExerciseState,
  months: number,
  seeds: readonly number[],
  onTrial: (outcome: TrialOutcome) => void = () => {},
): TrialOutcome[] {
  const shared = new Autoplay(s, state);
  if (shared.state.phase === 'paused') shared.send(facilitator, { type: 'resume' });
  if (shared.state.phase === 'review') shared.send(facilitator, { type: 'publish' });
  if (shared.state.phase === 'lobby') shared.send(facilitator, { type: 'startPlanning' });
  const planning = shared.state.phase === 'planning' && months >= 1;
  if (planning) shared.botsPlay();
  const planned = shared.state;
  const dice = state.context.game.rng;
  // Should planning ever draw dice, the shortcut would not be exact: play each trial in full.
  const exact = planning && planned.context.game.rng === dice;
  return seeds.map((seed) => {
    let outcome: TrialOutcome;
    if (!exact) outcome = lookaheadTrial(s, state, months, seed);
    else {
      const trial = new Trial(new Autoplay(s, reseeded(planned, seed, dice)), seed);
      trial.play.send(facilitator, { type: 'adjudicate' });
      trial.play.send(facilitator, { type: 'publish' });
      trial.count();
      outcome = trial.playMonths(1, months).outcome();
    }
    onTrial(outcome);
    return outcome;
  });
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
