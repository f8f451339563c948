import {
  entryHash,
  type CreatedExercise,
  type ExerciseSetup,
  type ExerciseState,
  type LogEntry,
  type Scenario,
  type TimerDefaults,
} from '../shared.ts';
import { HttpFailure } from '../http/failure.ts';
import { nativeSha256Hex } from '../security/secrets.ts';
import { prepareExercise, type LobbyDeps } from '../sessions/lobby.ts';
import { wantsPilot } from '../sessions/autopilot.ts';
import type { ChainedCopy } from '../workers/tasks.ts';
import { snapshotText } from '../store/rows.ts';

/**
 * A new exercise (new id, new seats and codes) whose log is given whole: a fork's prefix and additions,
 * or an imported file's entries. Created through the lobby like any exercise, then the log is appended
 * in one transaction, chained from the new exercise's genesis (the same genesis, hence the same hashes,
 * whenever scenario and setup are the same), with a snapshot of its final state. The worker that
 * planned the fork or verified the file chained the log and hashed the final state already (`copy`),
 * and the store commits exercise and log in one transaction off the event loop (`Store.createCopy`).
 * The exercise is not loaded here: it is, off the event loop too, when someone first asks for it.
 * `genesis`, when given, is the chain the log must keep: an exercise that would start another chain is
 * refused before anything is stored.
 */
export async function createWithLog(
  deps: LobbyDeps,
  input: {
    scenario: Scenario;
    setup: ExerciseSetup;
    title: string;
    timer: TimerDefaults;
    copy: ChainedCopy;
    final: ExerciseState;
    /** Who the entries were sent by, in the store (retries are keyed by sender and id). */
    sender: 'fork' | 'import';
    genesis?: string;
  },
  baseUrl: string,
): Promise<CreatedExercise & { genesis: string }> {
  const outcome = prepareExercise(
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
  const chained =
    input.copy.genesis === outcome.genesis
      ? input.copy.entries
      : rechain(outcome.genesis, input.copy.entries);
  const entries = chained.map((e) => ({
    ...e,
    sender: input.sender,
    clientId: `${input.sender}:${e.seq}`,
    ack: JSON.stringify({ ok: true, seq: e.seq, version: e.seq }),
  }));
  const { record, tokens, codes } = outcome.rows;
  await deps.store.createCopy(record, tokens, codes, {
    exerciseId: id,
    entries,
    snapshots: entries.length
      ? [snapshotText({ seq: input.final.context.seq, state: input.final, stateHash: input.copy.finalHash })]
      : [],
    finished: input.final.phase === 'finished',
    awake: wantsPilot(input.final, input.timer),
  });
  return { ...outcome.created, genesis: outcome.genesis };
}

/** Chains entries again from another genesis (only if the worker's genesis was not the lobby's). */
function rechain(genesis: string, log: readonly LogEntry[]): LogEntry[] {
  let prev = genesis;
  return log.map(({ seq, at, actor, command }) => {
    const hash = entryHash(prev, { seq, at, actor, command }, nativeSha256Hex);
    const entry = { seq, at, actor, command, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
}
