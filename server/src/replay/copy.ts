import {
  chainLog,
  createExerciseBody,
  hashState,
  type CreatedExercise,
  type ExerciseSetup,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
  type TimerDefaults,
} from '../shared.ts';
import { HttpFailure } from '../http/api.ts';
import { createExerciseFor, type LobbyDeps } from '../sessions/lobby.ts';

/**
 * A new exercise (new id, new seats and codes) whose log is given whole: a fork's prefix and additions,
 * or an imported file's entries. Created through the lobby like any exercise, then the log is appended
 * in one transaction, chained from the new exercise's genesis (the same genesis, hence the same hashes,
 * whenever scenario and setup are the same), with a snapshot of its final state so it loads at once.
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
  },
  baseUrl: string,
): CreatedExercise & { genesis: string } {
  const body = createExerciseBody.parse({
    scenarioText: JSON.stringify(input.scenario),
    title: input.title.slice(0, 120),
    seed: input.setup.seed,
    bots: input.setup.bots,
    timer: input.timer,
  });
  const outcome = createExerciseFor(deps, body, baseUrl);
  if (!outcome.ok)
    throw new HttpFailure(outcome.status, outcome.code, outcome.message, { errors: outcome.errors });
  const id = outcome.created.exerciseId;
  const record = deps.store.getExercise(id)!;
  const entries = chainLog(record.genesis, input.log).map((e) => ({
    ...e,
    sender: input.sender,
    clientId: `${input.sender}:${e.seq}`,
    ack: JSON.stringify({ ok: true, seq: e.seq, version: e.seq }),
  }));
  if (entries.length)
    deps.store.append(id, entries, {
      snapshot: { seq: input.final.context.seq, state: input.final, stateHash: hashState(input.final) },
      finished: input.final.phase === 'finished',
    });
  return { ...outcome.created, genesis: record.genesis };
}
