import { z } from 'zod';
import { actorSchema, commandSchema, type LogEntry } from '../schema/commands.ts';
import { id, type Scenario } from '../schema/scenario.ts';
import { canonicalJSON, sha256Hex } from '../util/canonical.ts';
import { entryHash, genesisHash } from '../protocol/chain.ts';
import { timerDefaults, type FacilitatorExport } from '../protocol/http.ts';
import { seatKeySchema } from '../protocol/seats.ts';
import type { ExerciseSetup } from '../machine/exercise.ts';
import type { LoggedCommand } from '../exercise/types.ts';

/**
 * The facilitator's export file (`arsenal-export/1`, protocol/http.ts `FacilitatorExport`) as a strict
 * schema: what crosses from a file into the browser or the server is parsed before anything reads it.
 * The scenario is checked separately by `parseScenario` (shape and references), and the entries one
 * by one (so that a refusal can name the first bad entry).
 */

/** Largest export accepted, in characters of JSON (a 24-month flagship log is about 0.3 MB). */
export const MAX_EXPORT_CHARS = 20_000_000;
/** Most log entries accepted in one export. */
export const MAX_EXPORT_ENTRIES = 200_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
const uint32 = z.number().int().min(0).max(0xffffffff);

export const setupSchema = z.strictObject({ seed: uint32, bots: z.array(id).max(64) });

const presenceSchema = z.strictObject({
  tokenId: z.string().max(40),
  seat: seatKeySchema,
  label: z.string().max(200),
  joinedAt: z.number().finite(),
  connections: z.number().int().min(0),
});

/** The file without its entries and scenario, which are checked on their own. */
export const exportEnvelopeSchema = z.strictObject({
  format: z.literal('arsenal-export/1'),
  audience: z.literal('facilitator'),
  exerciseId: z.string().min(1).max(64),
  title: z.string().max(200),
  createdAt: z.number().finite().min(0),
  scenario: z.record(z.string(), z.unknown()),
  setup: setupSchema,
  genesis: hex64,
  entries: z.array(z.unknown()).max(MAX_EXPORT_ENTRIES),
  stateHash: hex64,
  presence: z.array(presenceSchema).max(10_000).default([]),
  timer: timerDefaults.optional(),
});
export type ExportEnvelope = z.infer<typeof exportEnvelopeSchema>;

/** One log entry of the file. */
export const logEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.number().int().min(0).max(8.64e15),
  actor: actorSchema,
  command: commandSchema,
  prevHash: hex64,
  hash: hex64,
});

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
 * An export file built from a log (tests, the simulator, a fork kept in the browser): the same shape
 * as the server's `GET /api/exercises/:id/export`. `stateHash` is the hash of the log's final state.
 */
export function buildExport(
  scenario: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
  meta: { exerciseId: string; title?: string; createdAt?: number; stateHash: string },
): FacilitatorExport {
  const genesis = scenarioGenesis(scenario, setup);
  return {
    format: 'arsenal-export/1',
    audience: 'facilitator',
    exerciseId: meta.exerciseId,
    title: meta.title ?? scenario.meta.title,
    createdAt: meta.createdAt ?? 0,
    scenario,
    setup: { seed: setup.seed, bots: [...setup.bots] },
    genesis,
    entries: chainLog(genesis, log),
    stateHash: meta.stateHash,
    presence: [],
    timer: { planningMinutes: 20, extendMinutes: 5, autoStart: false },
  };
}
