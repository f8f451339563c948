import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBalanceReport,
  parseScenarioText,
  parseVariant,
  planBalance,
  runVariantSeed,
  type BalanceStatus,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import { defaultConfig } from '../../server/src/config.ts';
import { bundled, bundledText } from '../helpers/scenarios.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * The facilitator's balance check (`/api/balance`, issue 12 item 3) against the real server: the
 * report it builds on its worker threads is the one the shared code gives for the same games; bad
 * uploads and bodies get a clear 4xx with nothing started; a second check from one address is refused
 * (429) while the first runs, and a cancelled check stops.
 */

let server: TestServer;
let api: Http;

beforeAll(async () => {
  server = await startServer({ config: { limits: { ...defaultConfig.limits, lookaheadBurst: 50 } } });
  api = new Http(server.url);
});
afterAll(async () => {
  await server?.close();
});

const start = (body: unknown) => api.request<BalanceStatus>('POST', '/api/balance', { body });
const status = (job: string) => api.get<BalanceStatus>(`/api/balance/${job}`);

async function finished(job: string): Promise<BalanceStatus> {
  for (;;) {
    const s = await status(job);
    expect(s.status, s.text).toBe(200);
    if (s.body.status !== 'running') return s.body;
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('balance checks over HTTP', () => {
  it('play the same games as the shared report and answer it once done, with its progress', async () => {
    const body = { scenarioId: 'tutorial', seeds: 2, turns: 3, base: 'bots=competent' };
    const started = await start(body);
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', done: 0, scenario: { id: 'tutorial' } });
    const done = await finished(started.body.job);
    expect(done.status, done.message).toBe('done');
    expect(done.done).toBe(done.total);

    const s = bundled('tutorial');
    const plan = planBalance(s, {
      base: parseVariant('bots=competent') as Variant,
      variants: [],
      ablation: true,
      forceMonth: 6,
    });
    expect(done.total).toBe(plan.all.length * 2);
    const outcomes = new Map<string, SeedOutcome[]>(
      plan.all.map((v) => [v.id, [1, 2].map((seed) => runVariantSeed(s, v, seed, 3))]),
    );
    const expected = buildBalanceReport(s, 3, [1, 2], plan.base.id, outcomes, plan.ablations);
    expect(done.report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(done.report!.ablation.map((r) => r.variant)).toEqual(plan.ablations);
  });

  it('check an uploaded scenario: its own games, the same report as the shared code’s', async () => {
    // the tutorial as a designer might upload a draft of it: its own id and title and a longer game,
    // so that the report can only be the upload's
    const text = bundledText('tutorial')
      .replace(/^ {2}id: tutorial$/m, '  id: my-draft')
      .replace(/^ {2}title: 'Tutorial: Le Mans converts'$/m, "  title: 'My draft'")
      .replace(/^ {2}turns: 6$/m, '  turns: 8');
    const upload = parseScenarioText(text);
    if (!upload.ok) throw new Error(JSON.stringify(upload.errors));
    const s = upload.scenario;
    expect(s.meta.id).toBe('my-draft');
    const body = { scenarioText: text, seeds: 2, firstSeed: 5, base: 'bots=competent,bots.army=plain' };
    const started = await start(body);
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({
      status: 'running',
      scenario: { id: 'my-draft', title: 'My draft' },
    });
    const done = await finished(started.body.job);
    expect(done.status, done.message).toBe('done');

    const plan = planBalance(s, {
      base: parseVariant(body.base) as Variant,
      variants: [],
      ablation: true,
      forceMonth: 6,
    });
    expect(done.total).toBe(plan.all.length * 2);
    const outcomes = new Map<string, SeedOutcome[]>(
      plan.all.map((v) => [v.id, [5, 6].map((seed) => runVariantSeed(s, v, seed, 8))]),
    );
    const expected = buildBalanceReport(s, 8, [5, 6], plan.base.id, outcomes, plan.ablations);
    expect(done.report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(done.report).toMatchObject({ scenario: { id: 'my-draft' }, turns: 8, seeds: [5, 6] });
    expect(done.report!.ablation.length).toBeGreaterThan(0);
  });

  it('refuse bad uploads and bodies with a clear 4xx, starting nothing', async () => {
    const upload = await start({ scenarioText: 'meta:\n  id: x\n', seeds: 2 });
    expect(upload.status).toBe(422);
    expect(upload.body).toMatchObject({ code: 'input/bad_payload' });
    expect(upload.text).toMatch(/"path":/);

    const notYaml = await start({ scenarioText: 'meta: [unclosed', seeds: 2 });
    expect(notYaml.status).toBe(422);

    for (const bad of [
      { scenarioId: 'tutorial', seeds: 1 },
      { scenarioId: 'tutorial', seeds: 51 },
      { scenarioId: 'tutorial', scenarioText: 'x', seeds: 2 },
      { scenarioId: 'tutorial', seeds: 2, extra: true },
    ]) {
      const r = await start(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body).toMatchObject({ code: 'input/bad_payload' });
    }
    const missing = await start({ scenarioId: 'no_such', seeds: 2 });
    expect(missing.status).toBe(404);

    const turns = await start({ scenarioId: 'tutorial', seeds: 2, turns: 7 });
    expect(turns.status).toBe(422);
    expect(turns.text).toContain('6 months');
    const base = await start({ scenarioId: 'tutorial', seeds: 2, base: 'bots.nobody=plain' });
    expect(base.status).toBe(422);
    expect(base.text).toContain('no team');

    // the flagship stretched to 36 months: 19 variants × 50 seeds × 36 months is past the bound
    const long = bundledText('france-2025').replace(/^ {2}turns: 24$/m, '  turns: 36');
    const tooBig = await start({ scenarioText: long, seeds: 50 });
    expect(tooBig.status, tooBig.text).toBe(422);
    expect(tooBig.text).toContain('game-months');
  });

  it('run one at a time per address (429 for a second), and stop when cancelled', async () => {
    const big = await start({ scenarioId: 'france-2025', seeds: 50 });
    expect(big.status, big.text).toBe(202);
    const second = await start({ scenarioId: 'tutorial', seeds: 2, turns: 1 });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'input/rate_limited' });

    const cancelled = await api.request<BalanceStatus>('DELETE', `/api/balance/${big.body.job}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.done).toBeLessThan(cancelled.body.total);
    const after = await status(big.body.job);
    expect(after.body.status).toBe('cancelled');
    expect(after.body.done).toBe(cancelled.body.done);
    expect(after.body.report).toBeUndefined();

    const again = await start({ scenarioId: 'tutorial', seeds: 2, turns: 1, ablation: false });
    expect(again.status, again.text).toBe(202);
    expect((await finished(again.body.job)).status).toBe('done');
    expect((await status('nope')).status).toBe(404);
  });
});
