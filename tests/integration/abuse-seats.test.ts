import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Scenario } from '@arsenal/shared';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { configFromEnv, defaultConfig } from '../../server/src/config.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Seat and request attacks (issue 13, items 5, 11, 12, 15, 16, 17) against the real server: a revoked
 * player's code, a stolen recovery pid, a classroom's mistyped codes, DNS rebinding, a forged
 * X-Forwarded-For, and what `/scenario` tells a team about the others.
 */

let server: TestServer;
let api: Http;
const clients: SeatClient[] = [];

beforeAll(async () => {
  server = await startServer();
  api = new Http(server.url);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
});

async function exercise(): Promise<{ created: CreatedExercise; fac: SeatClient }> {
  const created = await api.create({ scenarioId: 'tutorial', seed: 5 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  clients.push(fac);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  return { created, fac };
}

const emit = (c: SeatClient, event: string, payload: unknown) =>
  c.loose.timeout(5000).emitWithAck(event, payload) as Promise<Record<string, unknown>>;

describe('revocation', () => {
  it('locks the seat out: the code the player holds is refused until a new one is issued', async () => {
    const { created, fac } = await exercise();
    const code = created.codes.teams.army!;
    await api.join(code, 'soon revoked');
    expect(await emit(fac, 'revoke', { seat: 'team:army' })).toEqual({ ok: true, revoked: 1 });
    const again = await api.post('/api/join', { code });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'auth/bad_code' });
    const rotated = await emit(fac, 'rotateCode', { seat: 'team:army' });
    expect((await api.post('/api/join', { code: rotated.code })).status).toBe(201);
  });

  it('revoking one token retires its seat code too', async () => {
    const { created, fac } = await exercise();
    const joined = await api.join(created.codes.teams.dga!, 'one person');
    expect(await emit(fac, 'revoke', { tokenId: joined.tokenId })).toEqual({ ok: true, revoked: 1 });
    expect((await api.post('/api/join', { code: created.codes.teams.dga! })).status).toBe(404);
  });
});

describe('connection-state recovery', () => {
  it('replays nothing to a stolen pid, with no token or with another seat’s token', async () => {
    const { created } = await exercise();
    const victim = await SeatClient.connect(server.url, (await api.join(created.codes.teams.autoco!)).token);
    const dga = await SeatClient.connect(server.url, (await api.join(created.codes.teams.dga!)).token);
    clients.push(victim, dga);
    expect((await dga.send({ type: 'message', to: 'autoco', text: 'first' })).ok).toBe(true);
    await victim.until(() => victim.view.messages.length === 1, 'an offset to recover from');
    const stolen = victim.socket as unknown as { _pid?: string; _lastOffset?: string };
    const pid = stolen._pid;
    expect(typeof pid).toBe('string');

    victim.socket.io.reconnection(false);
    const gone = new Promise((resolve) => victim.socket.once('disconnect', resolve));
    victim.socket.io.engine.close();
    await gone;
    expect((await dga.send({ type: 'message', to: 'autoco', text: 'SECRET-missed' })).ok).toBe(true);

    for (const auth of [{}, { token: (await api.join(created.codes.teams.army!)).token }]) {
      const received: string[] = [];
      const thief = io(server.url, {
        auth: { ...auth, pid, offset: stolen._lastOffset },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      thief.io.on('packet', (p) => received.push(JSON.stringify(p)));
      await new Promise<void>((resolve) => {
        thief.once('connect', () => resolve());
        thief.once('connect_error', () => resolve());
      });
      await new Promise((r) => setTimeout(r, 200));
      thief.close();
      expect(received.join('\n')).not.toContain('SECRET-missed');
    }
  });
});

describe('join codes from one address', () => {
  it('never lock out a correct code, however many wrong ones came first', async () => {
    const { created } = await exercise();
    const wrong = Array.from({ length: 15 }, () => api.post('/api/join', { code: 'ZZZZ-ZZZZ-ZZZZ' }));
    const statuses = (await Promise.all(wrong)).map((r) => r.status);
    expect(statuses).toContain(429);
    const right = await api.post('/api/join', { code: created.codes.teams.dga! });
    expect(right.status, right.text).toBe(201);
  });
});

/** A raw request with a Host header of our choosing (fetch does not let a caller set Host). */
function withHost(host: string, origin?: string): Promise<number> {
  const url = new URL(`${server.url}/api/scenarios`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { host, ...(origin ? { origin } : {}) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Host header', () => {
  it('refuses the DNS-rebinding shape (Host and Origin both the attacker’s name)', async () => {
    expect(await withHost('evil.example:80', 'http://evil.example')).toBe(421);
    expect(await withHost('evil.example')).toBe(421);
    expect(await withHost(`127.0.0.1:${new URL(server.url).port}`)).toBe(200);
    expect(await withHost(`localhost:${new URL(server.url).port}`)).toBe(200);
  });

  it('accepts only PUBLIC_URL’s host once it is configured', async () => {
    const configured = await startServer({ config: { publicUrl: 'https://arsenal.example.org' } });
    try {
      const url = new URL(`${configured.url}/api/health`);
      const status = (host: string) =>
        new Promise<number>((resolve) => {
          http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
        });
      expect(await status('arsenal.example.org')).toBe(200);
      expect(await status('other.example.org')).toBe(421);
    } finally {
      await configured.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  it('takes hop counts or addresses, never "true" (which trusts a forged X-Forwarded-For)', () => {
    expect(() => configFromEnv({ TRUST_PROXY: 'true' })).toThrow(/hop count or the proxies' addresses/);
    expect(() => configFromEnv({ TRUST_PROXY: 'everyone' })).toThrow();
    expect(configFromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configFromEnv({ TRUST_PROXY: '10.0.0.2, 10.0.1.0/24' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.0.1.0/24',
    ]);
  });

  it('with one trusted hop, a forged X-Forwarded-For cannot lift the per-address limits', async () => {
    const proxied = await startServer({
      config: { trustProxy: 1, limits: { ...defaultConfig.limits, createBurst: 2, createsPerMinute: 1 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // a client behind the proxy writes its own X-Forwarded-For; the proxy appends the real address
        const res = await fetch(`${proxied.url}/api/exercises`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.9.${i}, 192.0.2.7` },
          body: JSON.stringify({ scenarioId: 'tutorial' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 429, 429]);
    } finally {
      await proxied.close();
    }
  });
});

describe('GET /scenario', () => {
  it('gives a team its own objectives and money, no other team’s (unless public)', async () => {
    const { created } = await exercise();
    const joined = await api.join(created.codes.teams.dga!);
    const mine = await api.get<{ scenario: Scenario }>(
      `/api/exercises/${created.exerciseId}/scenario`,
      joined.token,
    );
    expect(mine.status).toBe(200);
    const full = (
      await api.get<{ scenario: Scenario }>(
        `/api/exercises/${created.exerciseId}/scenario`,
        created.facilitator.token,
      )
    ).body.scenario;
    for (const t of mine.body.scenario.teams) {
      const real = full.teams.find((x) => x.id === t.id)!;
      if (t.id === 'dga') {
        expect(t).toEqual(real);
        continue;
      }
      expect(t.objectives).toEqual([]);
      if (!real.public.money) expect([t.money, t.appropriation, t.politicalCapital]).toEqual([0, 0, 0]);
    }
    expect(full.teams.some((t) => t.id !== 'dga' && t.objectives.length > 0)).toBe(true);
    expect(full.teams.some((t) => t.id !== 'dga' && !t.public.money && t.money > 0)).toBe(true);
  });
});
