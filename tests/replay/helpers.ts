import {
  Autoplay,
  buildExport,
  createExercise,
  hashState,
  type Actor,
  type Command,
  type ExerciseSetup,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
} from '@arsenal/shared';
import type { FacilitatorExport } from '@arsenal/shared/protocol';

/** Autoplay that keeps the live state after every accepted command: `states[seq - 1]`. */
export class RecordingPlay extends Autoplay {
  readonly states: ExerciseState[] = [];

  override send(actor: Actor, command: Command): boolean {
    const ok = super.send(actor, command);
    if (ok) this.states.push(this.state);
    return ok;
  }
}

/** A clock that ticks one second per read, from a fixed start: `at` stamps are data, not time. */
export const tickingClock = (start = 1_700_000_000_000) => {
  let t = start;
  return () => (t += 1000);
};

/** Bots play `months` months (all of them by default) of a fresh exercise, recording every state. */
export function recordedPlay(s: Scenario, setup: ExerciseSetup, months = Infinity): RecordingPlay {
  return new RecordingPlay(s, createExercise(s, setup), tickingClock()).play(months);
}

/** The facilitator's export of a log, as the server would write it. */
export function exportOf(
  s: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
  final: ExerciseState,
): FacilitatorExport {
  return buildExport(s, setup, log, { exerciseId: 'test', stateHash: hashState(final) });
}

/** A small seeded PRNG for shuffling the order in which tests visit seqs. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
