import type { LogEntry } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { parseScenario } from '../schema/validate.ts';
import { entryHash } from '../protocol/chain.ts';
import { applyCommand, createExercise, hashState, type ExerciseSetup } from '../machine/exercise.ts';
import type { ExerciseState } from '../exercise/types.ts';
import { logEntrySchema } from '../schema/commands.ts';
import { exportEnvelopeSchema, MAX_EXPORT_CHARS, type ExportEnvelope } from '../protocol/exportFile.ts';
import { scenarioGenesis } from './exportFile.ts';
import { Timeline } from './timeline.ts';
import { ROOT_PATH, zodIssues } from '../util/issues.ts';

/** Why an import was refused. Namespaced like the wire's error codes (schema/codes.ts). */
export const ImportCode = {
  TooLarge: 'import/too_large',
  NotJson: 'import/not_json',
  BadFile: 'import/bad_file',
  BadScenario: 'import/bad_scenario',
  BadGenesis: 'import/bad_genesis',
  BadEntry: 'import/bad_entry',
  BrokenChain: 'import/broken_chain',
  IllegalEntry: 'import/illegal_entry',
  WrongEnd: 'import/wrong_end',
  BackwardsTime: 'import/backwards_time',
  NotCanonical: 'import/not_canonical',
} as const;
export type ImportCode = (typeof ImportCode)[keyof typeof ImportCode];

export interface ImportRefusal {
  ok: false;
  code: ImportCode;
  message: string;
  /** Where in the file, for shape errors: `entries.12.command.type`, `scenario.teams.0.id`. */
  path?: string;
  /** 0-based position in `entries` of the first entry that does not verify (its seq is index + 1). */
  index?: number;
}

export interface VerifiedImport {
  ok: true;
  envelope: Omit<ExportEnvelope, 'entries' | 'scenario'>;
  scenario: Scenario;
  setup: ExerciseSetup;
  /** The entries as parsed (commands through the strict command schema), chain included. */
  entries: LogEntry[];
  timeline: Timeline;
  finalHash: string;
}

export type ImportResult = VerifiedImport | ImportRefusal;

/** A verified import without its timeline: what a server needs, in memory linear in the log. */
export type VerifiedLog = Omit<VerifiedImport, 'timeline'> & { final: ExerciseState };

const refuse = (code: ImportCode, message: string, extra: Partial<ImportRefusal> = {}): ImportRefusal => ({
  ok: false,
  code,
  message,
  ...extra,
});

/**
 * Verifies an export file before anything replays it: strict shape and size; the scenario (shape and
 * references); the chain's genesis recomputed from the scenario and setup; then entry by entry, in
 * order, its shape, its seq, its link to the entry before and its own hash, and that it applies to the
 * state so far (an untrusted replay: every rule re-checked); finally that the replay ends on the
 * file's `stateHash`, which also catches a log cut short. A refusal names the first bad entry.
 *
 * The chain proves that nothing inside the file was changed, removed, added or reordered on its own;
 * it carries no signature, so someone who rewrites the whole file (and every hash after a change) makes
 * a consistent file: compare `finalHash` with the one the server shows to be sure it is the same
 * exercise.
 */
export function verifyExport(input: string | unknown): ImportResult {
  const states: ExerciseState[] = [];
  const r = verifyLog(input, states);
  if (!r.ok) return r;
  const { final: _final, ...rest } = r;
  return { ...rest, timeline: new Timeline(r.scenario, r.setup, r.entries, { states }) };
}

/**
 * `verifyExport` without the timeline. `states`, when given, receives the state after each entry;
 * without it only the current state is held, so memory stays linear in the log.
 */
export function verifyLog(input: string | unknown, states?: ExerciseState[]): VerifiedLog | ImportRefusal {
  let data = input;
  if (typeof input === 'string') {
    if (input.length > MAX_EXPORT_CHARS)
      return refuse(ImportCode.TooLarge, `The file is larger than ${MAX_EXPORT_CHARS} characters.`);
    try {
      data = JSON.parse(input);
    } catch (err) {
      const detail = err instanceof Error ? err.message.split('\n')[0] : 'unreadable';
      return refuse(ImportCode.NotJson, `The file is not JSON: ${detail}`);
    }
  }
  const env = exportEnvelopeSchema.safeParse(data);
  if (!env.success) {
    const [issue] = zodIssues(env.error, 1);
    return refuse(ImportCode.BadFile, `Not an Arsenal export: ${issue?.message ?? 'bad shape'}.`, {
      path: issue?.path ?? ROOT_PATH,
    });
  }
  const { entries: rawEntries, scenario: rawScenario, ...envelope } = env.data;
  const parsed = parseScenario(rawScenario);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return refuse(ImportCode.BadScenario, `The scenario does not validate: ${first?.message ?? ''}`, {
      path: `scenario.${first?.path ?? ''}`,
    });
  }
  const scenario = parsed.scenario;
  const setup: ExerciseSetup = { seed: envelope.setup.seed, bots: envelope.setup.bots };
  if (scenarioGenesis(rawScenario, setup) !== envelope.genesis)
    return refuse(
      ImportCode.BadGenesis,
      'The scenario or the setup (seed, bots) is not the one the log was recorded with.',
      { path: 'genesis' },
    );
  return verifyEntries(scenario, setup, envelope, rawEntries, states);
}

function verifyEntries(
  scenario: Scenario,
  setup: ExerciseSetup,
  envelope: VerifiedImport['envelope'],
  rawEntries: readonly unknown[],
  states: ExerciseState[] | undefined,
): VerifiedLog | ImportRefusal {
  let state: ExerciseState;
  try {
    state = createExercise(scenario, setup);
  } catch {
    return refuse(ImportCode.BadScenario, 'This scenario validates but cannot be started.');
  }
  const teams = new Set(scenario.teams.map((t) => t.id));
  const entries: LogEntry[] = [];
  let prev = envelope.genesis;
  for (let i = 0; i < rawEntries.length; i++) {
    const raw = rawEntries[i];
    const at = `entry ${i + 1} of ${rawEntries.length}`;
    const shape = logEntrySchema.safeParse(raw);
    if (!shape.success) {
      const [issue] = zodIssues(shape.error, 1);
      return refuse(ImportCode.BadEntry, `The ${at} is malformed: ${issue?.message ?? 'bad shape'}.`, {
        index: i,
        path: `entries.${i}.${issue?.path ?? ROOT_PATH}`,
      });
    }
    const entry = shape.data;
    const rawEntry = raw as LogEntry;
    if (entry.seq !== i + 1)
      return refuse(
        ImportCode.BrokenChain,
        `The ${at} has seq ${entry.seq}: an entry was removed, added or moved before it.`,
        { index: i },
      );
    if (entry.prevHash !== prev)
      return refuse(ImportCode.BrokenChain, `The ${at} does not follow the entry before it.`, { index: i });
    if (entryHash(prev, rawEntry) !== entry.hash)
      return refuse(ImportCode.BrokenChain, `The ${at} was changed after it was logged.`, { index: i });
    const before = entries[i - 1];
    if (before && entry.at < before.at)
      return refuse(ImportCode.BackwardsTime, `The ${at} is stamped earlier than the entry before it.`, {
        index: i,
      });
    // The server only logs actors of real seats; a file could name a team the scenario lacks.
    if (entry.actor.role === 'team' && !teams.has(entry.actor.team))
      return refuse(ImportCode.IllegalEntry, `The ${at} is by a team this scenario does not have.`, {
        index: i,
      });
    const applied = applyCommand(scenario, state, entry);
    if (!applied.ok)
      return refuse(ImportCode.IllegalEntry, `The ${at} does not apply: ${applied.code} ${applied.message}`, {
        index: i,
      });
    state = applied.state;
    states?.push(state);
    entries.push(entry);
    prev = entry.hash;
  }
  const finalHash = hashState(state);
  if (finalHash !== envelope.stateHash)
    return refuse(
      ImportCode.WrongEnd,
      `The log ends after ${entries.length} entries but not on the exported state: entries are missing from the end, or the state hash was changed.`,
      { index: entries.length },
    );
  return { ok: true, envelope, scenario, setup, entries, final: state, finalHash };
}
