import {
  chainLog,
  hashState,
  type CreatedExercise,
  type ExerciseSetup,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
  type TimerDefaults,
} from '../shared.ts';
import { HttpFailure } from '../http/failure.ts';
import { nativeSha256Hex } from '../security/secrets.ts';
import { createExerciseFor, type LobbyDeps } from '../sessions/lobby.ts';

/**
 * A new exercise (new id, new seats and codes) whose log is given whole: a fork's prefix and additions,
 * or an imported file's entries. Created through the lobby like any exercise, then the log is appended
 * in one transaction, chained from the new exercise's genesis (the same genesis, hence the same hashes,
 * whenever scenario and setup are the same), with a snapshot of its final state so it loads at once.
 * `genesis`, when given, is the chain the log must keep: an exercise that would start another chain is
 * refused before anything is stored.
 */
export function createWithLog(
  deps: LobbyDeps,
  input: {
    scenario: Scenario;
    setup: ExerciseSetup;
    title: string;
    timer: TimerDefaults;
    log: readonly LoggedCommand[];
    final: ExerciseState;
    /** Who the entries were sent by, in the store (retries are keyed by sender and id). */
    sender: 'fork' | 'import';
    genesis?: string;
  },
  baseUrl: string,
): CreatedExercise & { genesis: string } {
  const outcome = createExerciseFor(
    deps,
    {
      scenario: input.scenario,
      title: input.title.slice(0, 120),
      seed: input.setup.seed,
      bots: input.setup.bots,
      timer: input.timer,
    },
    baseUrl,
    input.genesis,
  );
  if (!outcome.ok)
    throw new HttpFailure(outcome.status, outcome.code, outcome.message, { errors: outcome.errors });
  const id = outcome.created.exerciseId;
  const entries = chainLog(outcome.genesis, input.log).map((e) => ({
    ...e,
    sender: input.sender,
    clientId: `${input.sender}:${e.seq}`,
    ack: JSON.stringify({ ok: true, seq: e.seq, version: e.seq }),
  }));
  if (entries.length)
    deps.store.append(id, entries, {
      snapshot: {
        seq: input.final.context.seq,
        state: input.final,
        stateHash: hashState(input.final, nativeSha256Hex),
      },
      finished: input.final.phase === 'finished',
    });
  return { ...outcome.created, genesis: outcome.genesis };
}
