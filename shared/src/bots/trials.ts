import type { Scenario } from '../schema/scenario.ts';
import { Autoplay } from './autoplay.ts';
import type { ExerciseState } from '../exercise/types.ts';
import { lookaheadTrial, type TrialOutcome } from './lookahead.ts';
import { seedState } from '../util/rng.ts';

const facilitator = { role: 'facilitator' } as const;

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
  // Should planning ever draw dice, the shortcut would not be exact: play each trial in full.
  if (!planning || planned.context.game.rng !== state.context.game.rng)
    return seeds.map((seed) => {
      const outcome = lookaheadTrial(s, state, months, seed);
      onTrial(outcome);
      return outcome;
    });
  return seeds.map((seed) => {
    const g = planned.context.game;
    const play = new Autoplay(s, {
      ...planned,
      context: { ...planned.context, game: { ...g, rng: seedState(seed ^ state.context.game.rng) } },
    });
    const output: Record<string, number> = {};
    const count = () => {
      const h = play.state.context.game.history.at(-1);
      for (const [p, n] of Object.entries(h?.output ?? {})) output[p] = (output[p] ?? 0) + n;
    };
    play.send(facilitator, { type: 'adjudicate' });
    play.send(facilitator, { type: 'publish' });
    count();
    for (let m = 1; m < months && play.state.phase !== 'finished'; m++) {
      play.playMonth();
      count();
    }
    const end = play.state.context.game;
    const last = end.history.at(-1);
    const outcome: TrialOutcome = {
      seed,
      territory: Object.fromEntries(Object.values(end.fronts).map((x) => [x.id, x.territory])),
      fireRatio: { ...(last?.fireRatio ?? {}) },
      output,
      money: Object.fromEntries(Object.values(end.teams).map((t) => [t.id, Math.round(t.money)])),
    };
    onTrial(outcome);
    return outcome;
  });
}
