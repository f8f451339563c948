import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { bundled, variant } from '../helpers/scenarios.ts';

/**
 * Hostile scenario uploads (issue 13, items 1 and 4), against the real server. Each is refused with a
 * 422, a code and a path; while one is being handled, another exercise's commands are still answered
 * (the upload is parsed on a worker thread, never on the event loop).
 */

let server: TestServer;
let http: Http;
let fac: SeatClient;

beforeAll(async () => {
  // room for every upload of this file within the create limit
  server = await startServer({ config: { limits: { ...(await defaults()), createBurst: 100 } } });
  http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
});
afterAll(async () => {
  fac?.close();
  await server?.close();
});

async function defaults() {
  return (await import('../../server/src/config.ts')).defaultConfig.limits;
}

type Refusal = { ok: false; code: string; errors: { path: string; message: string }[] };

/**
 * Uploads `text` and, while the upload is in flight, sends messages in another exercise: resolves with
 * the upload's answer and how many of those acks came back before it.
 */
async function uploadDuring(text: string) {
  let acked = 0;
  let answered = false;
  const upload = http
    .post<Refusal>('/api/exercises', { scenarioText: text })
    .finally(() => (answered = true));
  const pings = (async () => {
    for (let i = 0; i < 5 && !answered; i++) {
      const ack = await fac.sendFresh({ type: 'note', kind: 'note', text: `ping ${i}` });
      if (ack.ok && !answered) acked++;
    }
  })();
  const res = await upload;
  await pings;
  return { res, acked };
}

describe('hostile uploads', () => {
  it('refuses a mapping of 60,000 keys with a path, and other exercises are answered meanwhile', async () => {
    const text = Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    expect(text.length).toBeLessThan(2_000_000);
    const { res, acked } = await uploadDuring(text);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('input/bad_payload');
    expect(res.body.errors[0]).toMatchObject({ path: '(root)' });
    expect(res.body.errors[0]!.message).toMatch(/more than [\d]+ keys/);
    expect(acked).toBeGreaterThan(0);
  });

  it('refuses a document nested a million levels deep (flow and block styles)', async () => {
    for (const text of ['['.repeat(1_000_000) + ']'.repeat(900_000), '- '.repeat(990_000) + 'x']) {
      const { res, acked } = await uploadDuring(text);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]!.message).toMatch(/nested more than/);
      expect(res.body.errors[0]!.path).toBe('(line 1)');
      expect(acked).toBeGreaterThan(0);
    }
  });

  it('refuses duplicate keys with the path of the second one', async () => {
    const text = stringify(bundled('tutorial')).replace(/^meta:\n/m, 'meta:\n  title: Twice\n');
    const res = await http.post<Refusal>('/api/exercises', { scenarioText: text });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'meta.title', message: 'key "title" is used twice' });
  });

  it('refuses a team whose id the protocol reserves, naming its path', async () => {
    for (const reserved of ['facilitator', 'all', 'observer', 'display']) {
      const s = variant(bundled('tutorial'), (x) => {
        const old = x.teams[1]!.id;
        const text = JSON.stringify(x).replaceAll(`"${old}"`, `"${reserved}"`);
        Object.assign(x, JSON.parse(text));
      });
      const res = await http.post<Refusal>('/api/exercises', { scenarioText: JSON.stringify(s) });
      expect(res.status, reserved).toBe(422);
      expect(res.body.errors).toContainEqual({
        path: 'teams.1.id',
        message: `"${reserved}" is reserved by the protocol; choose another team id`,
      });
    }
  });

  it('still accepts the bundled scenarios as uploaded text', async () => {
    for (const name of ['tutorial', 'france-2025'] as const) {
      const res = await http.post('/api/exercises', { scenarioText: stringify(bundled(name)) });
      expect(res.status, res.text).toBe(201);
    }
  });
});
