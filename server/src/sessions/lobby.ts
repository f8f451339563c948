import {
  canonicalJSON,
  pickText,
  createExercise,
  formatJoinCode,
  ImportCode,
  genesisHash,
  MAX_SCENARIO_TEXT,
  normaliseJoinCode,
  ROUTES,
  seatFromKey,
  sha256Hex,
  type CreatedExercise,
  type Joined,
  type Scenario,
  type ScenarioError,
  type SeatKey,
  type TimerDefaults,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import { newId, newJoinCode, newToken, randomSeed, secretHash } from '../security/secrets.ts';
import type { ExerciseRecord, NewToken, Store } from '../store/store.ts';

/** Creating exercises and handing out seats. HTTP-agnostic: the routes translate the outcomes. */

export interface LobbyDeps {
  store: Store;
  clock: Clock;
}

export type CreateOutcome =
  | { ok: true; created: CreatedExercise; genesis: string }
  | { ok: false; status: 413 | 422; code: string; message: string; errors?: ScenarioError[] };

/** The rows a new exercise is stored as (`Store.createExercise`). */
export interface NewExercise {
  record: ExerciseRecord;
  tokens: NewToken[];
  codes: { codeHash: string; seat: SeatKey }[];
}

/** What a new exercise is made of; the scenario is validated already (bundled, or parsed off the loop). */
export interface CreateInput {
  scenario: Scenario;
  title?: string | undefined;
  seed?: number | undefined;
  bots: string[];
  timer: TimerDefaults;
}

/**
 * Stores a new exercise with its seats. `keepGenesis`, for a copied log, is the chain it must start:
 * if this scenario and setup (the scenario as validated, bots sorted) give another, nothing is stored.
 */
export function createExerciseFor(
  deps: LobbyDeps,
  input: CreateInput,
  baseUrl: string,
  keepGenesis?: string,
): CreateOutcome {
  const prepared = prepareExercise(deps, input, baseUrl, keepGenesis);
  if (!prepared.ok) return prepared;
  const { record, tokens, codes } = prepared.rows;
  deps.store.createExercise(record, tokens, codes);
  return { ok: true, created: prepared.created, genesis: prepared.genesis };
}

/** `createExerciseFor` without storing anything: the rows to store, and what to answer once they are. */
export function prepareExercise(
  deps: LobbyDeps,
  input: CreateInput,
  baseUrl: string,
  keepGenesis?: string,
):
  | (CreateOutcome & { ok: false })
  | { ok: true; created: CreatedExercise; genesis: string; rows: NewExercise } {
  const scenario = input.scenario;
  const teams = new Set(scenario.teams.map((t) => t.id));
  const badBots = input.bots.flatMap((b, i) =>
    teams.has(b) ? [] : [{ path: `bots.${i}`, message: `unknown team "${b}"` }],
  );
  if (badBots.length)
    return {
      ok: false,
      status: 422,
      code: 'input/bad_payload',
      message: 'Some bot seats are not teams of this scenario.',
      errors: badBots,
    };

  const setup = { seed: input.seed ?? randomSeed(), bots: [...new Set(input.bots)].sort() };
  if (!startable(scenario, setup))
    return {
      ok: false,
      status: 422,
      code: 'input/bad_payload',
      message: 'This scenario validates but cannot be started.',
    };
  const now = deps.clock.now();
  const id = newId();
  const scenarioJson = canonicalJSON(scenario);
  if (scenarioJson.length > MAX_SCENARIO_TEXT)
    return {
      ok: false,
      status: 413,
      code: 'input/too_large',
      message: `The scenario is larger than ${MAX_SCENARIO_TEXT} characters.`,
    };
  const scenarioHash = sha256Hex(scenarioJson);
  const genesis = genesisHash(scenarioHash, setup);
  if (keepGenesis !== undefined && keepGenesis !== genesis)
    return {
      ok: false,
      status: 422,
      code: ImportCode.NotCanonical,
      message:
        'The file is not as this server writes exports (its scenario omits defaults, or its bots are not sorted and unique), so its chain could not be kept.',
      errors: [{ path: 'genesis', message: 'the chain would change' }],
    };

  const facilitatorToken = newToken();
  const tokens: NewToken[] = [
    {
      id: newId(10),
      exerciseId: id,
      seat: 'facilitator',
      tokenHash: secretHash(facilitatorToken),
      label: 'facilitator',
      createdAt: now,
    },
  ];
  const seats: SeatKey[] = [...scenario.teams.map((t): SeatKey => `team:${t.id}`), 'observer', 'display'];
  const codes = new Map(seats.map((seat) => [seat, newJoinCode()]));
  const record: ExerciseRecord = {
    id,
    createdAt: now,
    title: input.title ?? pickText(scenario.meta.title, scenario.meta.language),
    scenarioId: scenario.meta.id,
    scenarioJson,
    scenarioHash,
    seed: setup.seed,
    bots: setup.bots,
    timer: input.timer,
    genesis,
    status: 'live',
    lastSeq: 0,
    lastHash: genesis,
  };
  const rows: NewExercise = {
    record,
    tokens,
    codes: [...codes].map(([seat, code]) => ({ seat, codeHash: secretHash(code) })),
  };
  const shown = (seat: SeatKey) => formatJoinCode(codes.get(seat)!);
  return {
    ok: true,
    genesis,
    rows,
    created: {
      exerciseId: id,
      facilitator: {
        token: facilitatorToken,
        link: `${baseUrl}${ROUTES.facilitator(id)}#token=${facilitatorToken}`,
      },
      codes: {
        teams: Object.fromEntries(scenario.teams.map((t) => [t.id, shown(`team:${t.id}`)])),
        observer: shown('observer'),
        display: shown('display'),
      },
      joinLink: `${baseUrl}${ROUTES.join}`,
    },
  };
}

/** Fails here, before anything is stored, if the core cannot start the exercise. */
function startable(scenario: Scenario, setup: { seed: number; bots: string[] }): boolean {
  try {
    createExercise(scenario, setup);
    return true;
  } catch {
    return false;
  }
}

/** Exchanges a join code for a new seat token; null when the code is unknown or retired. */
export function joinWithCode(deps: LobbyDeps, code: string, name: string | undefined): Joined | null {
  const canonical = normaliseJoinCode(code);
  if (!canonical) return null;
  const found = deps.store.findCode(secretHash(canonical));
  if (!found) return null;
  const token = newToken();
  const tokenId = newId(10);
  deps.store.insertToken({
    id: tokenId,
    exerciseId: found.exerciseId,
    seat: found.seat,
    tokenHash: secretHash(token),
    label: name || found.seat,
    createdAt: deps.clock.now(),
  });
  return { exerciseId: found.exerciseId, seat: seatFromKey(found.seat), seatKey: found.seat, token, tokenId };
}

/** A fresh join code for a seat; the seat's previous code stops working. */
export function rotateJoinCode(deps: LobbyDeps, exerciseId: string, seat: SeatKey): string {
  const code = newJoinCode();
  deps.store.replaceCode(exerciseId, seat, secretHash(code), deps.clock.now());
  return formatJoinCode(code);
}

/** Retires the seat's join code without handing out another (after a revocation). */
export function retireJoinCode(deps: LobbyDeps, exerciseId: string, seat: SeatKey): void {
  deps.store.replaceCode(exerciseId, seat, secretHash(newJoinCode()), deps.clock.now());
}
