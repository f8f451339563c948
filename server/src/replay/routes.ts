import type { z } from 'zod';
import express, { type Request } from 'express';
import {
  ErrorCode,
  forkBody,
  lookaheadBody,
  MAX_EXPORT_CHARS,
  TIMER_DEFAULTS,
  type ForkCreated,
  type Imported,
} from '../shared.ts';
import type { ApiDeps } from '../http/api.ts';
import {
  addressOf,
  badPayload,
  baseUrl,
  HttpFailure,
  notFound,
  rateLimited,
  spend,
  throttle,
  workFailed,
} from '../http/failure.ts';
import { facilitatorExport } from '../sessions/export.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import { WorkerFailure } from '../workers/pool.ts';
import { TASK_TIMEOUT_MS, type Workers } from '../workers/pools.ts';
import type { TaskKind, Tasks } from '../workers/tasks.ts';
import { facilitatorSession } from './auth.ts';
import { createWithLog } from './copy.ts';
import { balanceRoutes } from './balance.ts';
import { LookaheadJobs } from './jobs.ts';

/** Look-ahead work one request may ask for: trials × months. */
const MAX_TRIAL_MONTHS = 20_000;

/**
 * Replays, forks, look-ahead and the after-action report (README, "Replays, forks and the
 * after-action report"). Mounted inside the API router, so origin checks and no-store apply. Every
 * fold of a whole log (fork, report) and every verification runs on the worker threads the
 * composition root owns.
 */
export function replayRouter(deps: ApiDeps): express.Router {
  const { store, sessions, clock, limits, workers } = deps;
  const router = express.Router();
  const L = deps.config.limits;
  const jobs: LookaheadJobs = new LookaheadJobs(
    workers.trials,
    clock,
    deps.logger,
    { perExercise: L.lookaheadsPerExercise, perAddress: L.lookaheadsPerAddress },
    (address) => checks.runningFor(address),
  );
  const checks = balanceRoutes(router, deps, (address) => jobs.runningFor(address));
  const facilitator = (req: Request) => facilitatorSession(req, store, sessions);
  const logOf = (session: ExerciseSession) => ({
    scenario: session.scenario,
    setup: setupOf(session),
    log: store.readLog(session.id).filter((e) => e.seq <= session.lastSeq),
  });

  router.post('/exercises/:id/fork', express.json({ limit: '4kb' }), async (req, res) => {
    const session = await facilitator(req);
    spend(limits.creations, req);
    const body = parse(forkBody, req.body);
    const allTeams = session.scenario.teams.map((t) => t.id);
    const plan = await work(workers, 'fork', 'This fork', {
      ...logOf(session),
      options: {
        month: body.month,
        seed: body.seed ?? null,
        at: clock.now(),
        ...(body.bots ? { bots: body.bots === 'all' ? allTeams : body.bots } : {}),
      },
    });
    if ('ok' in plan) throw new HttpFailure(422, plan.code, plan.message);
    const created = await createWithLog(
      deps,
      {
        scenario: session.scenario,
        setup: plan.setup,
        title: body.title ?? `${session.record.title} · fork at month ${body.month}`,
        timer: session.record.timer,
        copy: plan.copy,
        final: plan.state,
        sender: 'fork',
      },
      baseUrl(req, deps.config),
    );
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

  router.post('/exercises/:id/lookahead', express.json({ limit: '4kb' }), async (req, res) => {
    const session = await facilitator(req);
    const body = parse(lookaheadBody, req.body);
    if (body.months * body.seeds > MAX_TRIAL_MONTHS)
      throw new HttpFailure(
        422,
        ErrorCode.BadPayload,
        `Ask for at most ${MAX_TRIAL_MONTHS} trial-months (trials × months) at a time.`,
      );
    if (session.finished) throw new HttpFailure(422, ErrorCode.Finished, 'The exercise has finished.');
    const address = addressOf(req);
    spend(limits.lookaheads, req, 'Too many look-aheads; wait a minute.');
    const status = jobs.start(session.id, address, session.scenario, session.current(), body);
    if (status === 'exercise' || status === 'address')
      throw rateLimited(
        status === 'exercise'
          ? 'A look-ahead of this exercise is still running: wait for it or cancel it.'
          : 'Look-aheads you started are still running: wait for them or cancel one.',
      );
    res.status(202).json({ ok: true, ...status });
  });

  router.get('/exercises/:id/lookahead/:job', async (req, res) => {
    const session = await facilitator(req);
    const status = jobs.get(session.id, String(req.params.job));
    if (!status) throw new HttpFailure(404, ErrorCode.NotFound, 'No such look-ahead.');
    res.json({ ok: true, ...status });
  });

  router.delete('/exercises/:id/lookahead/:job', async (req, res) => {
    const session = await facilitator(req);
    const status = await jobs.cancel(session.id, String(req.params.job));
    if (!status) throw new HttpFailure(404, ErrorCode.NotFound, 'No such look-ahead.');
    res.json({ ok: true, ...status });
  });

  router.get('/exercises/:id/report.:format', async (req, res) => {
    const format = String(req.params.format);
    if (!['html', 'csv', 'json'].includes(format)) throw notFound();
    const session = await facilitator(req);
    const name = `arsenal-${session.id}-report`;
    if (format === 'json') {
      res.setHeader('Content-Disposition', `attachment; filename="arsenal-${session.id}-log.json"`);
      return void res.json(facilitatorExport(store, deps.presence, session));
    }
    const csv = format === 'csv';
    const text = await work(workers, 'report', 'This report', {
      ...logOf(session),
      format: csv ? 'csv' : 'html',
    });
    if (!csv) return void res.type('html').send(text);
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.type('text/csv').send(text);
  });

  router.post(
    '/imports',
    throttle(limits.creations),
    // The text goes to a worker as is: parsing and replaying a whole log never holds the event loop.
    express.text({ type: () => true, limit: MAX_EXPORT_CHARS }),
    async (req, res) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const verified = await work(workers, 'verify', 'This file', { text });
      if (!verified.ok) return void res.status(422).json(verified);
      const created = await createWithLog(
        deps,
        {
          scenario: verified.scenario,
          setup: verified.setup,
          title: `${verified.title} (imported)`,
          timer: verified.timer ?? { ...TIMER_DEFAULTS },
          copy: verified.copy,
          final: verified.final,
          sender: 'import',
          genesis: verified.genesis,
        },
        baseUrl(req, deps.config),
      );
      const { genesis: _genesis, ...rest } = created;
      const answer: Imported = {
        ...rest,
        verified: {
          entries: verified.copy.entries.length,
          stateHash: verified.copy.finalHash,
          finished: verified.final.phase === 'finished',
        },
      };
      res.status(201).json({ ok: true, ...answer });
    },
  );

  return router;
}

/** A task on the interactive pool; what did not finish becomes a clear HTTP answer. */
async function work<K extends TaskKind>(
  workers: Workers,
  kind: K,
  what: string,
  input: Tasks[K]['input'],
): Promise<Tasks[K]['result']> {
  try {
    return await workers.tasks.call(kind, input, TASK_TIMEOUT_MS[kind]);
  } catch (err) {
    throw err instanceof WorkerFailure ? workFailed(err.reason, what) : err;
  }
}

const setupOf = (session: ExerciseSession) => ({ seed: session.record.seed, bots: session.record.bots });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  throw badPayload(r.error);
}
