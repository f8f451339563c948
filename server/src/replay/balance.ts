import express from 'express';
import {
  balanceBody,
  ErrorCode,
  MAX_BALANCE_GAME_MONTHS,
  MAX_SCENARIO_TEXT,
  parseVariant,
  planBalance,
  variantErrors,
} from '../shared.ts';
import { scenarioOf, type ApiDeps } from '../http/api.ts';
import { addressOf, badPayload, HttpFailure, rateLimited, throttle } from '../http/failure.ts';
import { BalanceJobs } from './balance-jobs.ts';

/**
 * `/api/balance`: a facilitator checks a scenario's balance before creating an exercise (README,
 * "Balance report"). The upload is parsed on a worker like any other; the games run on the look-ahead
 * threads; the start spends the look-ahead budget of the address.
 */
export function balanceRoutes(
  router: express.Router,
  deps: ApiDeps,
  lookaheadsOf: (address: string) => number,
): BalanceJobs {
  const L = deps.config.limits;
  const jobs = new BalanceJobs(
    deps.workers.trials,
    deps.clock,
    deps.logger,
    {
      perAddress: L.balanceChecksPerAddress,
      global: L.balanceChecksRunning,
      jobsPerAddress: L.lookaheadsPerAddress,
    },
    lookaheadsOf,
  );

  router.post(
    '/balance',
    throttle(deps.limits.lookaheads),
    express.json({ limit: MAX_SCENARIO_TEXT + 100_000 }),
    async (req, res) => {
      const parsed = balanceBody.safeParse(req.body);
      if (!parsed.success) throw badPayload(parsed.error);
      const body = parsed.data;
      const scenario = await scenarioOf(deps, body.scenarioId, body.scenarioText);
      const turns = body.turns ?? scenario.meta.turns;
      const refuse = (message: string, path: string) =>
        new HttpFailure(422, ErrorCode.BadPayload, message, { errors: [{ path, message }] });
      if (turns > scenario.meta.turns)
        throw refuse(`This scenario has ${scenario.meta.turns} months.`, 'turns');
      if (body.forceMonth > scenario.meta.turns)
        throw refuse(`forceMonth must be within the scenario's ${scenario.meta.turns} months.`, 'forceMonth');
      const base = parseVariant(body.base);
      const wrong = typeof base === 'string' ? [base] : variantErrors(scenario, base);
      if (typeof base === 'string' || wrong.length > 0)
        throw refuse(`The baseline "${body.base}" cannot be played: ${wrong.join('; ')}.`, 'base');
      const plan = planBalance(scenario, { ...body, base, variants: [] });
      const gameMonths = plan.all.length * body.seeds * turns;
      if (gameMonths > MAX_BALANCE_GAME_MONTHS)
        throw refuse(
          `${plan.all.length} variants × ${body.seeds} seeds × ${turns} months is ${gameMonths} game-months; ask for at most ${MAX_BALANCE_GAME_MONTHS} (fewer seeds or months).`,
          'seeds',
        );
      const seeds = Array.from({ length: body.seeds }, (_, i) => (body.firstSeed + i) >>> 0);
      const status = jobs.start(addressOf(req), scenario, plan, { seeds, turns });
      if (status === 'address')
        throw rateLimited(
          'A balance check or look-ahead you started is still running: wait for it or cancel it.',
        );
      if (status === 'server')
        throw rateLimited('The server is running as many balance checks as it may; try again soon.');
      deps.logger.info('balance check started', { scenario: scenario.meta.id, games: status.total });
      res.status(202).json({ ok: true, ...status });
    },
  );

  router.get('/balance/:job', (req, res) => {
    const status = jobs.get(String(req.params.job));
    if (!status) throw new HttpFailure(404, ErrorCode.NotFound, 'No such balance check.');
    res.json({ ok: true, ...status });
  });

  router.delete('/balance/:job', async (req, res) => {
    const status = await jobs.cancel(String(req.params.job));
    if (!status) throw new HttpFailure(404, ErrorCode.NotFound, 'No such balance check.');
    res.json({ ok: true, ...status });
  });

  return jobs;
}
