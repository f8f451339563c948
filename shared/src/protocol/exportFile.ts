import { z } from 'zod';
import { hex64, logEntrySchema } from '../schema/commands.ts';
import { id, scenarioSchema } from '../schema/scenario.ts';
import { timerDefaults } from './http.ts';
import { seatKeySchema } from './seats.ts';

/**
 * The facilitator's export file, `arsenal-export/1`: what `GET /api/exercises/:id/export` answers the
 * facilitator, and what an import reads. One schema states it; the type is derived from it and one
 * builder (`exportFile`) writes it. What crosses from a file into the browser or the server is parsed
 * before anything reads it: the envelope first, then the scenario (`parseScenario`: shape and
 * references) and the entries one by one, so that a refusal can name the first bad entry.
 */

/** Largest export accepted, in characters of JSON (a 24-month flagship log is about 0.3 MB). */
export const MAX_EXPORT_CHARS = 20_000_000;
/** Most log entries accepted in one export. */
export const MAX_EXPORT_ENTRIES = 200_000;

const uint32 = z.number().int().min(0).max(0xffffffff);

export const setupSchema = z.strictObject({ seed: uint32, bots: z.array(id).max(64) });

const presenceSchema = z.strictObject({
  tokenId: z.string().max(40),
  seat: seatKeySchema,
  label: z.string().max(200),
  joinedAt: z.number().finite(),
  connections: z.number().int().min(0),
});

/** The file with its scenario and entries left unread: they are checked on their own. */
export const exportEnvelopeSchema = z.strictObject({
  format: z.literal('arsenal-export/1'),
  audience: z.literal('facilitator'),
  exerciseId: z.string().min(1).max(64),
  title: z.string().max(200),
  createdAt: z.number().finite().min(0),
  scenario: z.record(z.string(), z.unknown()),
  setup: setupSchema,
  /** `prevHash` of the first entry: binds the chain to the scenario and the setup. */
  genesis: hex64,
  entries: z.array(z.unknown()).max(MAX_EXPORT_ENTRIES),
  /** `hashState` of the state the entries fold into. */
  stateHash: hex64,
  presence: z.array(presenceSchema).max(10_000).default([]),
  /** Absent from files written before timers were exported. */
  timer: timerDefaults.optional(),
});
export type ExportEnvelope = z.infer<typeof exportEnvelopeSchema>;

/** The whole file: the envelope with its scenario and entries read. */
export const facilitatorExportSchema = exportEnvelopeSchema.extend({
  scenario: scenarioSchema,
  entries: z.array(logEntrySchema).max(MAX_EXPORT_ENTRIES),
});
/** What `GET /api/exercises/:id/export` returns to the facilitator: everything needed to replay and verify. */
export type FacilitatorExport = z.infer<typeof facilitatorExportSchema>;

/** The one builder of the file: the server's export and `buildExport` (from a log) both write it here. */
export function exportFile(parts: Omit<FacilitatorExport, 'format' | 'audience'>): FacilitatorExport {
  return {
    format: 'arsenal-export/1',
    audience: 'facilitator',
    exerciseId: parts.exerciseId,
    title: parts.title,
    createdAt: parts.createdAt,
    scenario: parts.scenario,
    setup: { seed: parts.setup.seed, bots: [...parts.setup.bots] },
    genesis: parts.genesis,
    entries: parts.entries,
    stateHash: parts.stateHash,
    presence: parts.presence,
    ...(parts.timer ? { timer: parts.timer } : {}),
  };
}
