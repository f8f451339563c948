import {
  canonicalJSON,
  createExercise,
  formatJoinCode,
  genesisHash,
  normaliseJoinCode,
  parseScenarioText,
  ROUTES,
  seatFromKey,
  sha256Hex,
  type CreatedExercise,
  type CreateExerciseBody,
  type Joined,
  type Scenario,
  type ScenarioError,
  type SeatKey,
  type TimerDefaults,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { ScenarioRegistry } from '../scenarios/registry.ts';
import { newId, newJoinCode, newToken, randomSeed, secretHash } from '../security/secrets.ts';
import type { NewToken, Store } from '../store/store.ts';

/** Creating exercises and handing out seats. HTTP-agnostic: the routes translate the outcomes. */

export interface LobbyDeps {
  store: Store;
  clock: Clock;
  scenarios: ScenarioRegistry;
}

export type CreateOutcome =
  | { ok: true; created: CreatedExercise }
  | { ok: false; status: 404 | 422; code: string; message: string; errors?: ScenarioError[] };

type CreateInput = Omit<CreateExerciseBody, 'bots' | 'timer'> & { bots: string[]; timer: TimerDefaults };

export function createExerciseFor(deps: LobbyDeps, input: CreateInput, baseUrl: string): CreateOutcome {
  const found = findScenario(deps.scenarios, input);
  if (!found.ok) return found;
  const scenario = found.scenario;
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
  const scenarioHash = sha256Hex(scenarioJson);
  const genesis = genesisHash(scenarioHash, setup);

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
  deps.store.createExercise(
    {
      id,
      createdAt: now,
      title: input.title ?? scenario.meta.title,
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
    },
    tokens,
    [...codes].map(([seat, code]) => ({ seat, codeHash: secretHash(code) })),
  );
  const shown = (seat: SeatKey) => formatJoinCode(codes.get(seat)!);
  return {
    ok: true,
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

function findScenario(
  registry: ScenarioRegistry,
  input: CreateInput,
): { ok: true; scenario: Scenario } | Extract<CreateOutcome, { ok: false }> {
  if (input.scenarioId !== undefined) {
    const scenario = registry.get(input.scenarioId);
    return scenario
      ? { ok: true, scenario }
      : {
          ok: false,
          status: 404,
          code: 'session/not_found',
          message: `No bundled scenario "${input.scenarioId}".`,
        };
  }
  const parsed = parseScenarioText(input.scenarioText ?? '');
  return parsed.ok
    ? parsed
    : {
        ok: false,
        status: 422,
        code: 'input/bad_payload',
        message: 'The scenario does not validate.',
        errors: parsed.errors,
      };
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
