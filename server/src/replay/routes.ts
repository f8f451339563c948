import os from 'node:os';
import type { z } from 'zod';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  buildReport,
  ErrorCode,
  forkBody,
  lookaheadBody,
  MAX_EXPORT_CHARS,
  planFork,
  reportCsv,
  reportHtml,
  Timeline,
  type ForkCreated,
  type Imported,
} from '../shared.ts';
import { baseUrl, facilitatorExport, HttpFailure, notFound, type ApiDeps } from '../http/api.ts';
import { RateLimiter } from '../security/rateLimit.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import { facilitatorSession } from './auth.ts';
import { createWithLog } from './copy.ts';
import { LookaheadJobs } from './jobs.ts';
import { WorkerPool } from './pool.ts';

/** Look-ahead work one request may ask for: trials × months. */
const MAX_TRIAL_MONTHS = 20_000;

/**
 * Replays, forks, look-ahead and the after-action report (README, "Replays, forks and the
 * after-action report"). Mounted inside the API router, so origin checks and no-store apply.
 */
export function replayRouter(deps: ApiDeps): express.Router {
  const { store, sessions, config, clock } = deps;
  const router = express.Router();
  const pool = new WorkerPool(Math.max(1, os.availableParallelism() - 1));
  const jobs = new LookaheadJobs(pool, clock, deps.logger);
  const imports = new RateLimiter(config.limits.createBurst, config.limits.createsPerMinute / 60);
  const facilitator = (req: Request) => facilitatorSession(req, store, sessions);
  const timelineOf = (session: ExerciseSession) =>
    new Timeline(session.scenario, setupOf(session), store.readLog(session.id), { trusted: true });

  router.post('/exercises/:id/fork', express.json({ limit: '4kb' }), (req, res) => {
    const session = facilitator(req);
    const body = parse(forkBody, req.body);
    const timeline = timelineOf(session);
    const allTeams = session.scenario.teams.map((t) => t.id);
    const plan = planFork(timeline, {
      month: body.month,
      seed: body.seed ?? null,
      at: clock.now(),
      ...(body.bots ? { bots: body.bots === 'all' ? allTeams : body.bots } : {}),
    });
    if ('ok' in plan) throw new HttpFailure(422, plan.code, plan.message);
    const created = createWithLog(
      deps,
      {
        scenario: session.scenario,
        setup: plan.setup,
        title: body.title ?? `${session.record.title} · fork at month ${body.month}`,
        timer: session.record.timer,
        log: plan.log,
        final: plan.state,
        sender: 'fork',
      },
      baseUrl(req, deps.config),
    );
    sessions.get(created.exerciseId);
    deps.logger.info('exercise forked', { exercise: session.id, fork: created.exerciseId });
    const { genesis: _genesis, ...rest } = created;
    const answer: ForkCreated = {
      ...rest,
      forkOf: session.id,
      month: body.month,
      fromSeq: plan.fromSeq,
      seed: body.seed ?? null,
    };
    res.status(201).json({ ok: true, ...answer });
  });

  router.post('/exercises/:id/lookahead', express.json({ limit: '4kb' }), (req, res) => {
    const session = facilitator(req);
    const body = parse(lookaheadBody, req.body);
    if (body.months * body.seeds > MAX_TRIAL_MONTHS)
      throw new HttpFailure(
        422,
        ErrorCode.BadPayload,
        `Ask for at most ${MAX_TRIAL_MONTHS} trial-months (trials × months) at a time.`,
      );
    if (session.finished) throw new HttpFailure(422, ErrorCode.Finished, 'The exercise has finished.');
    const status = jobs.start(session.id, session.scenario, session.current(), body);
    res.status(202).json({ ok: true, ...status });
  });

  router.get('/exercises/:id/lookahead/:job', (req, res) => {
    const session = facilitator(req);
    const status = jobs.get(session.id, String(req.params.job));
    if (!status) throw new HttpFailure(404, ErrorCode.NotFound, 'No such look-ahead.');
    res.json({ ok: true, ...status });
  });

  router.get('/exercises/:id/report.:format', (req, res) => {
    const format = String(req.params.format);
    if (!['html', 'csv', 'json'].includes(format)) throw notFound();
    const session = facilitator(req);
    const name = `arsenal-${session.id}-report`;
    if (format === 'json') {
      res.setHeader('Content-Disposition', `attachment; filename="arsenal-${session.id}-log.json"`);
      return void res.json(facilitatorExport(deps, session));
    }
    const report = buildReport(session.scenario, setupOf(session), store.readLog(session.id));
    if (format === 'csv') {
      res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return void res.type('text/csv').send(reportCsv(session.scenario, report));
    }
    res.type('html').send(reportHtml(session.scenario, report));
  });

  router.post(
    '/imports',
    (req: Request, _res: Response, next: NextFunction) =>
      imports.take(req.ip ?? 'unknown')
        ? next()
        : next(new HttpFailure(429, ErrorCode.RateLimited, 'Too many requests; wait a little.')),
    // The text goes to a worker as is: parsing and replaying a whole log never holds the event loop.
    express.text({ type: () => true, limit: MAX_EXPORT_CHARS }),
    async (req, res) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const verified = await pool.verify(text);
      if (!verified.ok) return void res.status(422).json(verified);
      const created = createWithLog(
        deps,
        {
          scenario: verified.scenario,
          setup: verified.setup,
          title: `${verified.title} (imported)`,
          timer: verified.timer ?? { planningMinutes: 20, extendMinutes: 5, autoStart: false },
          log: verified.entries,
          final: verified.final,
          sender: 'import',
        },
        baseUrl(req, deps.config),
      );
      sessions.get(created.exerciseId);
      const { genesis: _genesis, ...rest } = created;
      const answer: Imported = {
        ...rest,
        verified: {
          entries: verified.entries.length,
          stateHash: verified.finalHash,
          finished: verified.final.phase === 'finished',
        },
      };
      res.status(201).json({ ok: true, ...answer });
    },
  );

  return router;
}

const setupOf = (session: ExerciseSession) => ({ seed: session.record.seed, bots: session.record.bots });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const errors = r.error.issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  throw new HttpFailure(400, ErrorCode.BadPayload, 'The request body is not valid.', { errors });
}
