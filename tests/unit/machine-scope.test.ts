import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import {
  applyCommand,
  Autoplay,
  createExercise,
  hashState,
  type Actor,
  type ExerciseState,
  type LoggedCommand,
  type Phase,
  type Scenario,
} from '@arsenal/shared';
import { exerciseMachine } from '../../shared/src/machine/machine.ts';
import { bundled, facilitator } from '../helpers/scenarios.ts';

/**
 * `applyCommand` drives the lifecycle machine through a hand-built actor scope and a cached snapshot,
 * which rest on xstate internals (xstate is pinned for that reason). Here the same logs are folded
 * again with nothing but xstate's public API (`resolveState`, `transition`), and the two folds must
 * agree at every entry of whole games: a new xstate whose internals moved fails here first.
 */

const system: Actor = { role: 'system' };

/** A whole game with bots in every seat, touching every phase: briefing, pauses, deadlines, overrides. */
function wholeGame(s: Scenario, seed: number): Autoplay {
  let tick = 1_700_000_000_000;
  const play = new Autoplay(s, createExercise(s, { seed, bots: [] }), () => tick++);
  play.send(facilitator, { type: 'startBriefing' });
  play.send(facilitator, { type: 'pause' });
  play.send(facilitator, { type: 'resume' });
  play.send(facilitator, { type: 'startPlanning' });
  for (let month = 1; play.state.phase !== 'finished'; month++) {
    if (month % 3 === 1) {
      play.send(facilitator, { type: 'pause' });
      play.send(facilitator, { type: 'resume' });
    }
    play.send(facilitator, { type: 'note', text: `month ${month}`, kind: 'note' });
    play.botsPlay();
    if (month % 4 === 2) {
      const at = 1_800_000_000_000 + month;
      play.send(facilitator, { type: 'setDeadline', at });
      play.send(facilitator, { type: 'extendDeadline', ms: 60_000 });
      play.send(system, { type: 'deadlineExpired', deadline: at + 60_000 });
    } else play.send(facilitator, { type: 'adjudicate' });
    if (month % 5 === 3) {
      play.send(facilitator, { type: 'pause' });
      play.send(facilitator, { type: 'resume' });
      play.send(facilitator, {
        type: 'override',
        target: { kind: 'politicalCapital', team: s.teams[0]!.id },
        value: 3,
        reason: 'White cell ruling',
      });
    }
    play.send(facilitator, { type: 'publish' });
  }
  return play;
}

/** One entry through xstate's public API alone: a fresh snapshot from the state, then `transition`. */
function publicStep(
  s: Scenario,
  machine: ReturnType<typeof exerciseMachine>,
  state: ExerciseState,
  e: LoggedCommand,
) {
  const snap = machine.resolveState({ value: state.phase, context: state.context });
  const event = { type: e.command.type, actor: e.actor, command: e.command, at: e.at, seq: e.seq };
  expect(snap.can(event)).toBe(true);
  const [next] = transition(machine, snap, event);
  return { phase: next.value as Phase, context: next.context };
}

describe.each([
  ['tutorial', [1, 2, 3]],
  ['france-2025', [1, 2, 3]],
] as const)('the hand-built actor scope equals xstate transition() over whole %s games', (name, seeds) => {
  const s = bundled(name);
  const machine = exerciseMachine(s);

  it.each(seeds)('seed %i', (seed) => {
    const play = wholeGame(s, seed);
    expect(play.state.phase).toBe('finished');
    const types = new Set(play.log.map((e) => e.command.type));
    for (const t of [
      'startBriefing',
      'pause',
      'resume',
      'deadlineExpired',
      'override',
      'publish',
      'submitOrders',
    ])
      expect(types).toContain(t);

    // The live game was played through `applyCommand`; fold its log again through the public API.
    let state = createExercise(s, { seed, bots: [] });
    let live = createExercise(s, { seed, bots: [] });
    const differ: number[] = [];
    for (const entry of play.log) {
      state = publicStep(s, machine, state, entry);
      const r = applyCommand(s, live, entry);
      if (!r.ok) throw new Error(`entry ${entry.seq} refused: ${r.message}`);
      live = r.state;
      if (hashState(state) !== hashState(live)) differ.push(entry.seq);
    }
    expect(differ).toEqual([]);
    expect(hashState(state)).toBe(hashState(play.state));
  });
});
