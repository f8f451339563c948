import type { LogEntry } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { pickText } from '../schema/text.ts';
import { canonicalJSON, sha256Hex } from '../util/canonical.ts';
import { entryHash, genesisHash } from '../protocol/chain.ts';
import { exportFile, type FacilitatorExport } from '../protocol/exportFile.ts';
import { TIMER_DEFAULTS } from '../protocol/http.ts';
import type { ExerciseSetup } from '../machine/exercise.ts';
import type { LoggedCommand } from '../exercise/types.ts';

/** The hash that binds a chain to its scenario (canonical JSON, as the server stores it) and setup. */
export function scenarioGenesis(scenario: unknown, setup: ExerciseSetup): string {
  return genesisHash(sha256Hex(canonicalJSON(scenario)), setup);
}

/** Hash-chains a log from `genesis`, as the server's store does. */
export function chainLog(genesis: string, log: readonly LoggedCommand[]): LogEntry[] {
  let prev = genesis;
  return log.map(({ seq, at, actor, command }) => {
    const hash = entryHash(prev, { seq, at, actor, command });
    const entry: LogEntry = { seq, at, actor, command, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
}

/**
 * An export file (protocol/exportFile.ts) built from a log (tests, the simulator, a fork kept in the
 * browser): the log is chained from the scenario's genesis. `stateHash` is the hash of its final state.
 */
export function buildExport(
  scenario: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
  meta: { exerciseId: string; title?: string; createdAt?: number; stateHash: string },
): FacilitatorExport {
  const genesis = scenarioGenesis(scenario, setup);
  return exportFile({
    exerciseId: meta.exerciseId,
    title: meta.title ?? pickText(scenario.meta.title, 'en'),
    createdAt: meta.createdAt ?? 0,
    scenario,
    setup,
    genesis,
    entries: chainLog(genesis, log),
    stateHash: meta.stateHash,
    presence: [],
    timer: { ...TIMER_DEFAULTS },
  });
}
