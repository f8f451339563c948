import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExport,
  canonicalJSON,
  chainLog,
  hashState,
  parseScenario,
  verifyExport,
  createExercise,
  type Imported,
  type LookaheadStatus,
  type Scenario,
} from '@arsenal/shared';
import { MAX_SCENARIO_TEXT, type CreatedExercise, type FacilitatorExport } from '@arsenal/shared/protocol';
import { defaultConfig } from '../../server/src/config.ts';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Heavy work and resource attacks (issue 13, items 6, 7, 9, 13) against the real server: look-ahead
 * jobs bounded per exercise and cancellable; an import answered while the biggest look-ahead runs;
 * forks, imports and creates on one budget; dormant exercises let go; imports answered with a clear
 * 4xx and kept on the file's chain.
 */

let server: TestServer;
let api: Http;
let created: CreatedExercise;
let fac: SeatClient;
let file: FacilitatorExport;

beforeAll(async () => {
  server = await startServer({ config: { limits: { ...defaultConfig.limits, createBurst: 12 } } });
  api = new Http(server.url);
  created = await api.create({ scenarioId: 'tutorial', seed: 8, bots: ['army', 'autoco', 'dga'] });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  await fac.until(() => fac.view.teams.every((t) => t.submitted), 'bots submitted');
  expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
  expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
  file = await exportOf(created.exerciseId, created.facilitator.token);
});
afterAll(async () => {
  fac?.close();
  await server?.close();
});

async function exportOf(id: string, token: string): Promise<FacilitatorExport> {
  for (let attempt = 0; ; attempt++) {
    const res = await api.get<FacilitatorExport>(`/api/exercises/${id}/export`, token);
    const r = verifyExport(res.body);
    if (r.ok || attempt >= 20) return res.body;
    await new Promise((done) => setTimeout(done, 100));
  }
}

const lookahead = (body: unknown) =>
  api.request<LookaheadStatus>('POST', `/api/exercises/${created.exerciseId}/lookahead`, {
    token: created.facilitator.token,
    body,
  });
const jobPath = (job: string) => `/api/exercises/${created.exerciseId}/lookahead/${job}`;

describe('look-ahead jobs', () => {
  it('run one at a time per exercise, can be cancelled, and never hold up an import', async () => {
    const big = await lookahead({ months: 4, seeds: 5000 });
    expect(big.status, big.text).toBe(202);
    const second = await lookahead({ months: 1, seeds: 5 });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'input/rate_limited' });

    const imported = await api.request<Imported>('POST', '/api/imports', { body: file });
    expect(imported.status, imported.text).toBe(201);
    const during = await api.get<LookaheadStatus>(jobPath(big.body.job), created.facilitator.token);
    expect(during.body.status).toBe('running');
    expect(during.body.done).toBeLessThan(5000);

    const cancelled = await api.request<LookaheadStatus>('DELETE', jobPath(big.body.job), {
      token: created.facilitator.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const after = await lookahead({ months: 1, seeds: 3 });
    expect(after.status, after.text).toBe(202);
  });
});

describe('look-ahead jobs from one address', () => {
  it('run at most two at a time across its exercises; another address is not held back', async () => {
    const own = await startServer({
      config: { trustProxy: 1, limits: { ...defaultConfig.limits, lookaheadBurst: 20 } },
    });
    try {
      const http2 = new Http(own.url);
      const from = (address: string) => ({ 'x-forwarded-for': address });
      const exercises = [];
      for (let i = 0; i < 4; i++) {
        const x = await http2.create({ scenarioId: 'tutorial', seed: 20 + i });
        const f = await SeatClient.connect(own.url, x.facilitator.token);
        expect((await f.send({ type: 'startPlanning' })).ok).toBe(true);
        f.close();
        exercises.push(x);
      }
      const start = (x: CreatedExercise, address: string) =>
        http2.request<LookaheadStatus>('POST', `/api/exercises/${x.exerciseId}/lookahead`, {
          token: x.facilitator.token,
          headers: from(address),
          body: { months: 4, seeds: 5000 },
        });
      const [a, b, c, d] = exercises as [CreatedExercise, CreatedExercise, CreatedExercise, CreatedExercise];
      const first = await start(a, '192.0.2.1');
      const second = await start(b, '192.0.2.1');
      expect([first.status, second.status]).toEqual([202, 202]);
      const third = await start(c, '192.0.2.1');
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ code: 'input/rate_limited' });
      expect(String(third.body.message)).toMatch(/you started are still running/);
      // the limit is the address's, not the server's
      const elsewhere = await start(d, '198.51.100.9');
      expect(elsewhere.status, elsewhere.text).toBe(202);
      // cancelling one frees its place
      const cancelled = await http2.request<LookaheadStatus>(
        'DELETE',
        `/api/exercises/${a.exerciseId}/lookahead/${first.body.job}`,
        { token: a.facilitator.token, headers: from('192.0.2.1') },
      );
      expect(cancelled.body.status).toBe('cancelled');
      expect((await start(c, '192.0.2.1')).status).toBe(202);
    } finally {
      await own.close();
    }
  });
});

describe('one budget for new exercises', () => {
  it('counts forks, imports and creates together', async () => {
    const own = await startServer({
      config: { limits: { ...defaultConfig.limits, createBurst: 3, createsPerMinute: 1 } },
    });
    try {
      const http2 = new Http(own.url);
      const base = await http2.create({ scenarioId: 'tutorial', seed: 2 });
      const imp = await http2.request('POST', '/api/imports', { body: file });
      expect(imp.status, imp.text).toBe(201);
      const forkPath = `/api/exercises/${base.exerciseId}/fork`;
      const fork = await http2.request('POST', forkPath, {
        token: base.facilitator.token,
        body: { month: 0 },
      });
      expect(fork.status, fork.text).toBe(201);
      const more = await http2.request('POST', forkPath, {
        token: base.facilitator.token,
        body: { month: 0 },
      });
      expect(more.status).toBe(429);
      expect((await http2.post('/api/exercises', { scenarioId: 'tutorial' })).status).toBe(429);
    } finally {
      await own.close();
    }
  });
});

describe('memory', () => {
  it('lets go of exercises nobody watches and that wait for nothing, and loads them again on demand', async () => {
    const forks: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.request<{ exerciseId: string }>(
        'POST',
        `/api/exercises/${created.exerciseId}/fork`,
        {
          token: created.facilitator.token,
          body: { month: 1 },
        },
      );
      expect(res.status, res.text).toBe(201);
      forks.push(res.body.exerciseId);
    }
    const sessions = server.app.sessions;
    sessions.sweep();
    sessions.sweep();
    const loaded = sessions.size;
    // the watched exercise stays; the forks nobody opened are not held
    expect(sessions.sweep()).toBe(0);
    const summary = await api.get<{ exercise: { month: number } }>(`/api/exercises/${forks[0]}`);
    expect(summary.status).toBe(200);
    expect(summary.body.exercise.month).toBe(2);
    expect(sessions.size).toBe(loaded + 1);
    expect(sessions.get(created.exerciseId)).toBeDefined();
  });
});

describe('imports', () => {
  it('answer a clear 4xx, never 500, for too many bots or a file whose chain would change', async () => {
    const tooMany = {
      ...file,
      setup: { ...file.setup, bots: Array.from({ length: 25 }, (_, i) => `t${i}`) },
    };
    const a = await api.request('POST', '/api/imports', { body: tooMany });
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);

    const unsorted = { ...file, setup: { ...file.setup, bots: [...file.setup.bots].reverse() } };
    const b = await api.request('POST', '/api/imports', { body: unsorted });
    expect(b.status).toBe(422);
    expect(b.body).toMatchObject({ ok: false });
  });

  it('answer 413 input/too_large, not 500, for a valid scenario over 2 MB, and store nothing', async () => {
    const s = oversized(bundled('tutorial'));
    expect(canonicalJSON(s).length).toBeGreaterThan(MAX_SCENARIO_TEXT);
    const setup = { seed: 1, bots: [] };
    const file = buildExport(s, setup, [], {
      exerciseId: 'big',
      stateHash: hashState(createExercise(s, setup)),
    });
    const before = server.store.liveExerciseIds().length;
    const res = await api.request('POST', '/api/imports', { body: file });
    expect(res.status, res.text).toBe(413);
    expect(res.body).toMatchObject({ ok: false, code: 'input/too_large' });
    expect(server.store.liveExerciseIds().length).toBe(before);
  });

  it('refuse timestamps that run backwards, naming the entry', async () => {
    // re-chained after the change, as a forger would: only the stamps give it away
    const log = file.entries.map(({ seq, at, actor, command }) => ({ seq, at, actor, command }));
    log[3]!.at = log[2]!.at - 1000;
    const entries = chainLog(file.genesis, log);
    const res = await api.request('POST', '/api/imports', { body: { ...file, entries } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import/backwards_time', index: 3 });
  });

  it('keep the file’s chain when accepted', async () => {
    const res = await api.request<Imported>('POST', '/api/imports', { body: file });
    expect(res.status, res.text).toBe(201);
    const copy = await exportOf(res.body.exerciseId, res.body.facilitator.token);
    expect(copy.genesis).toBe(file.genesis);
    expect(copy.entries.map((e) => e.hash)).toEqual(file.entries.map((e) => e.hash));
  });
});

/**
 * `s` grown past the 2 MB scenario limit while still valid and startable: its first plant copied until
 * the file is long enough, every copy's lines given names of the largest length allowed.
 */
function oversized(s: Scenario): Scenario {
  const plant = s.plants[0]!;
  const name = (i: number) => `${i} ${'n'.repeat(1990)}`;
  const plants = Array.from({ length: 50 }, (_, p) => ({
    ...plant,
    id: `${plant.id}-big-${p}`,
    name: name(p),
    lines: Array.from({ length: 20 }, (_, l) => ({ ...plant.lines[0]!, id: `l${l}`, name: name(l) })),
  }));
  const parsed = parseScenario({ ...s, plants });
  if (!parsed.ok)
    throw new Error(`oversized scenario does not validate: ${JSON.stringify(parsed.errors[0])}`);
  return parsed.scenario;
}
