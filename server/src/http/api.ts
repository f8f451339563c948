import express, { type Request } from 'express';
import {
  createExerciseBody,
  ErrorCode,
  joinBody,
  MAX_SCENARIO_TEXT,
  scenarioFor,
  seatFromKey,
  type ExerciseSummary,
  type Scenario,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ScenarioRegistry } from '../scenarios/registry.ts';
import type { AddressLimits } from '../security/limits.ts';
import { originAllowed, originListed } from '../security/origin.ts';
import { facilitatorExport, seatExport } from '../sessions/export.ts';
import { createExerciseFor, joinWithCode } from '../sessions/lobby.ts';
import { LoadFailure, type SessionManager } from '../sessions/manager.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import type { Store, TokenRecord } from '../store/store.ts';
import type { Presence } from '../realtime/presence.ts';
import { TASK_TIMEOUT_MS, type Workers } from '../workers/pools.ts';
import { WorkerFailure } from '../workers/pool.ts';
import {
  badPayload,
  baseUrl,
  bearer,
  HttpFailure,
  notFound,
  spend,
  throttle,
  workFailed,
} from './failure.ts';

export interface ApiDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  scenarios: ScenarioRegistry;
  sessions: SessionManager;
  presence: Presence;
  limits: AddressLimits;
  workers: Workers;
  startedAt: number;
  cluster?: Cluster | null;
}

/**
 * The API. `more` are routers mounted after these routes and before the 404 (the replay routes): the
 * composition root passes them in, so that this module never imports what depends on it.
 */
export function apiRouter(deps: ApiDeps, more: readonly express.Router[] = []): express.Router {
  const { config, store, sessions, limits } = deps;
  const router = express.Router();

  router.use((req, res, next) => {
    if (!originAllowed(req, config.allowedOrigins))
      return next(new HttpFailure(403, ErrorCode.Forbidden, 'This origin is not allowed.'));
    const origin = req.headers.origin;
    if (origin && originListed(origin, config.allowedOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/health', (_req, res) => {
    res.json({
      ok: true,
      uptimeSeconds: Math.round((deps.clock.now() - deps.startedAt) / 1000),
      liveExercises: sessions.size,
    });
  });

  // For a load balancer: 503 while this node drains (or, with several nodes, has lost Redis).
  router.get('/ready', (_req, res) => {
    const ready = deps.cluster ? deps.cluster.ready() : true;
    res.status(ready ? 200 : 503).json({ ok: ready });
  });

  router.get('/scenarios', (_req, res) => {
    res.json({ ok: true, scenarios: deps.scenarios.list() });
  });

  router.post(
    '/exercises',
    throttle(limits.creations),
    express.json({ limit: MAX_SCENARIO_TEXT + 100_000 }),
    async (req, res) => {
      const body = createExerciseBody.safeParse(req.body);
      if (!body.success) throw badPayload(body.error);
      const { scenarioId, scenarioText, ...rest } = body.data;
      const scenario = await scenarioOf(deps, scenarioId, scenarioText);
      const outcome = createExerciseFor(deps, { ...rest, scenario }, baseUrl(req, config));
      if (!outcome.ok)
        throw new HttpFailure(outcome.status, outcome.code, outcome.message, { errors: outcome.errors });
      deps.logger.info('exercise created', { exercise: outcome.created.exerciseId });
      res.status(201).json({ ok: true, ...outcome.created });
    },
  );

  router.post('/join', throttle(limits.joins), express.json({ limit: '4kb' }), (req, res) => {
    const body = joinBody.safeParse(req.body);
    if (!body.success) throw badPayload(body.error);
    const joined = joinWithCode(deps, body.data.code, body.data.name);
    if (joined) return void res.status(201).json({ ok: true, ...joined });
    spend(limits.badCodes, req, 'Too many wrong codes; wait a minute.');
    throw new HttpFailure(
      404,
      ErrorCode.BadCode,
      'This join code is not valid. Check it with the facilitator.',
    );
  });

  router.get('/exercises/:id', async (req, res) => {
    const session = await openSession(sessions, String(req.params.id));
    if (!session) throw notFound();
    res.json({ ok: true, exercise: summary(session) });
  });

  router.get('/exercises/:id/scenario', async (req, res) => {
    const { session, token } = await seatOf(req);
    res.json({ ok: true, scenario: scenarioFor(session.scenario, seatFromKey(token.seat)) });
  });

  router.get('/exercises/:id/export', async (req, res) => {
    const { session, token } = await seatOf(req);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="arsenal-${session.id}-${token.seat.replace(':', '-')}.json"`,
    );
    res.json(
      token.seat === 'facilitator'
        ? facilitatorExport(store, deps.presence, session)
        : seatExport(store, session, token),
    );
  });

  for (const r of more) router.use(r);

  router.use(() => {
    throw new HttpFailure(404, ErrorCode.NotFound, 'No such API route.');
  });
  return router;

  /** The exercise of the URL and the bearer token's seat in it (a token of another exercise is a 404). */
  async function seatOf(req: Request): Promise<{ session: ExerciseSession; token: TokenRecord }> {
    const token = bearer(req, store);
    const session = await openSession(sessions, String(req.params.id));
    if (!session || token.exerciseId !== session.id) throw notFound();
    return { session, token };
  }
}

/**
 * The exercise's session, loaded (off the event loop) if it was not; a load that could not run now
 * is a 503 to try again.
 */
export async function openSession(
  sessions: SessionManager,
  id: string,
): Promise<ExerciseSession | undefined> {
  let session: ExerciseSession | undefined;
  try {
    session = await sessions.open(id);
  } catch (err) {
    if (err instanceof LoadFailure)
      throw new HttpFailure(503, ErrorCode.Busy, 'The server is busy; try again in a minute.');
    throw err;
  }
  // With several nodes, during a failover nobody may run it for a moment: that is not "not found".
  if (!session && sessions.elsewhere(id))
    throw new HttpFailure(503, ErrorCode.Busy, 'This exercise is moving to another server; try again.');
  return session;
}

/** A bundled scenario by id, or uploaded text parsed and validated on a worker thread. */
export async function scenarioOf(
  deps: ApiDeps,
  scenarioId: string | undefined,
  scenarioText: string | undefined,
): Promise<Scenario> {
  if (scenarioId !== undefined) {
    const scenario = deps.scenarios.get(scenarioId);
    if (!scenario) throw new HttpFailure(404, ErrorCode.NotFound, `No bundled scenario "${scenarioId}".`);
    return scenario;
  }
  const parsed = await deps.workers.tasks
    .call('scenario', { text: scenarioText ?? '' }, TASK_TIMEOUT_MS.scenario)
    .catch((err: unknown) => {
      throw err instanceof WorkerFailure ? workFailed(err.reason, 'This scenario') : err;
    });
  if (!parsed.ok)
    throw new HttpFailure(422, ErrorCode.BadPayload, 'The scenario does not validate.', {
      errors: parsed.errors.slice(0, 200),
    });
  return parsed.scenario;
}

function summary(session: ExerciseSession): ExerciseSummary {
  const { record, scenario } = session;
  return {
    id: record.id,
    title: record.title,
    scenario: { id: scenario.meta.id, title: scenario.meta.title },
    phase: session.phase,
    month: session.month,
    turns: scenario.meta.turns,
    teams: scenario.teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
    createdAt: record.createdAt,
    finished: session.finished,
  };
}
