import express, { type NextFunction, type Request, type Response } from 'express';
import {
  createExerciseBody,
  entryVisibleTo,
  ErrorCode,
  hashState,
  joinBody,
  MAX_SCENARIO_TEXT,
  scenarioFor,
  seatFromKey,
  type ExerciseSummary,
  type FacilitatorExport,
  type HttpError,
  type SeatExport,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ScenarioRegistry } from '../scenarios/registry.ts';
import { originAllowed } from '../security/origin.ts';
import { RateLimiter } from '../security/rateLimit.ts';
import { secretHash } from '../security/secrets.ts';
import { createExerciseFor, joinWithCode } from '../sessions/lobby.ts';
import type { SessionManager } from '../sessions/manager.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import type { Store, TokenRecord } from '../store/store.ts';
import type { Presence } from '../realtime/presence.ts';
import { replayRouter } from '../replay/routes.ts';

export interface ApiDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  scenarios: ScenarioRegistry;
  sessions: SessionManager;
  presence: Presence;
  startedAt: number;
}

/** An error answer: a status, a stable code and a message written for the caller (never an exception's). */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Pick<HttpError, 'errors'>,
  ) {
    super(message);
  }
}

const minutes = (n: number) => n / 60;

export function apiRouter(deps: ApiDeps): express.Router {
  const { config, store, sessions } = deps;
  const router = express.Router();
  const limit = (burst: number, perSecond: number) => new RateLimiter(burst, perSecond);
  const L = config.limits;
  const creates = limit(L.createBurst, minutes(L.createsPerMinute));
  const joins = limit(L.joinBurst, minutes(L.joinsPerMinute));
  const badCodes = limit(L.badCodeBurst, minutes(L.badCodesPerMinute));
  const throttle = (limiter: RateLimiter) => (req: Request, _res: Response, next: NextFunction) =>
    limiter.take(req.ip ?? 'unknown')
      ? next()
      : next(new HttpFailure(429, ErrorCode.RateLimited, 'Too many requests; wait a little.'));

  router.use((req, res, next) => {
    if (!originAllowed(req, config.allowedOrigins))
      return next(new HttpFailure(403, ErrorCode.Forbidden, 'This origin is not allowed.'));
    const origin = req.headers.origin;
    if (origin && (config.allowedOrigins.includes(origin) || config.allowedOrigins.includes('*'))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
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

  router.get('/scenarios', (_req, res) => {
    res.json({ ok: true, scenarios: deps.scenarios.list() });
  });

  router.post(
    '/exercises',
    throttle(creates),
    express.json({ limit: MAX_SCENARIO_TEXT + 100_000 }),
    (req, res) => {
      const body = createExerciseBody.safeParse(req.body);
      if (!body.success) throw badPayload(body.error.issues);
      const outcome = createExerciseFor(deps, body.data, baseUrl(req, config));
      if (!outcome.ok)
        throw new HttpFailure(outcome.status, outcome.code, outcome.message, { errors: outcome.errors });
      sessions.get(outcome.created.exerciseId);
      deps.logger.info('exercise created', { exercise: outcome.created.exerciseId });
      res.status(201).json({ ok: true, ...outcome.created });
    },
  );

  router.post('/join', throttle(joins), express.json({ limit: '4kb' }), (req, res) => {
    const body = joinBody.safeParse(req.body);
    if (!body.success) throw badPayload(body.error.issues);
    if (!badCodes.allows(req.ip ?? 'unknown'))
      throw new HttpFailure(429, ErrorCode.RateLimited, 'Too many wrong codes; wait a minute.');
    const joined = joinWithCode(deps, body.data.code, body.data.name);
    if (!joined) {
      badCodes.take(req.ip ?? 'unknown');
      throw new HttpFailure(
        404,
        ErrorCode.BadCode,
        'This join code is not valid. Check it with the facilitator.',
      );
    }
    res.status(201).json({ ok: true, ...joined });
  });

  router.get('/exercises/:id', (req, res) => {
    const session = sessions.get(String(req.params.id));
    if (!session) throw notFound();
    res.json({ ok: true, exercise: summary(session) });
  });

  router.get('/exercises/:id/scenario', (req, res) => {
    const { session, token } = seatOf(req);
    res.json({ ok: true, scenario: scenarioFor(session.scenario, seatFromKey(token.seat)) });
  });

  router.get('/exercises/:id/export', (req, res) => {
    const { session, token } = seatOf(req);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="arsenal-${session.id}-${token.seat.replace(':', '-')}.json"`,
    );
    res.json(
      token.seat === 'facilitator' ? facilitatorExport(deps, session) : seatExport(store, session, token),
    );
  });

  router.use(replayRouter(deps));

  router.use(() => {
    throw new HttpFailure(404, ErrorCode.NotFound, 'No such API route.');
  });
  return router;

  /** The exercise of the URL and the bearer token's seat in it (a token of another exercise is a 404). */
  function seatOf(req: Request): { session: ExerciseSession; token: TokenRecord } {
    const token = bearer(req, store);
    const session = sessions.get(String(req.params.id));
    if (!session || token.exerciseId !== session.id) throw notFound();
    return { session, token };
  }
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

export function facilitatorExport(deps: ApiDeps, session: ExerciseSession): FacilitatorExport {
  const { record } = session;
  // Up to the session's stored state: with commits on a writer thread, a batch can be in the store a
  // moment before the session settles it, and the hash must be that of what the entries fold into.
  const seq = session.lastSeq;
  return {
    format: 'arsenal-export/1',
    audience: 'facilitator',
    exerciseId: record.id,
    title: record.title,
    createdAt: record.createdAt,
    scenario: session.scenario,
    setup: { seed: record.seed, bots: record.bots },
    genesis: record.genesis,
    entries: deps.store.readLog(record.id).filter((e) => e.seq <= seq),
    stateHash: hashState(session.current()),
    presence: deps.presence.entries(record.id),
    timer: record.timer,
  };
}

function seatExport(store: Store, session: ExerciseSession, token: TokenRecord): SeatExport {
  const state = session.current();
  const seq = session.lastSeq;
  const entries = store
    .readLog(session.id)
    .filter((e) => e.seq <= seq && entryVisibleTo(seatFromKey(token.seat), state, e))
    .map(({ seq, at, actor, command }) => ({ seq, at, actor, command }));
  return {
    format: 'arsenal-export/1',
    audience: token.seat,
    exerciseId: session.id,
    title: session.record.title,
    seq,
    view: session.viewOf(token.seat).view,
    entries,
  };
}

/** The live token named by `Authorization: Bearer …`. */
export function bearer(req: Request, store: Store): TokenRecord {
  const match = /^Bearer (\S{16,200})$/.exec(req.get('authorization') ?? '');
  if (!match)
    throw new HttpFailure(
      401,
      ErrorCode.Unauthenticated,
      'Send your seat token as "Authorization: Bearer <token>".',
    );
  const token = store.findToken(secretHash(match[1]!));
  if (!token) throw new HttpFailure(401, ErrorCode.Unauthenticated, 'This seat token is not valid.');
  if (token.revokedAt !== null)
    throw new HttpFailure(403, ErrorCode.Revoked, 'This seat was revoked by the facilitator.');
  return token;
}

export function baseUrl(req: Request, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? `localhost:${config.port}`}`;
}

export const notFound = () => new HttpFailure(404, ErrorCode.NotFound, 'No such exercise.');

function badPayload(issues: { path: PropertyKey[]; message: string }[]): HttpFailure {
  const errors = issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  return new HttpFailure(400, ErrorCode.BadPayload, 'The request body is not valid.', { errors });
}
