import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/config.ts';
import { spawnServer } from './helpers/child.ts';
import { nextId, SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, tempDir, type TestServer } from './helpers/server.ts';

/**
 * Floods (issue 13, item 8) and a damaged database at boot (item 18), against the real server: one
 * token with many sockets gets one token's budget, however many sockets it opens; one exercise cannot
 * take more than its own budget; a truncated or random database file stops the server with a clear
 * message and exit status 2, not an uncaught exception.
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

/** Sends `n` messages from each socket at once; resolves with how many were accepted. */
async function flood(sockets: SeatClient[], n: number): Promise<{ ok: number; limited: number }> {
  const acks = await Promise.all(
    sockets.flatMap((s) =>
      Array.from(
        { length: n },
        () =>
          s.loose.timeout(10_000).emitWithAck('command', {
            id: nextId('flood'),
            expectedVersion: 0,
            command: { type: 'message', to: 'facilitator', text: 'spam' },
          }) as Promise<{ ok: boolean; code?: string }>,
      ),
    ),
  );
  return {
    ok: acks.filter((a) => a.ok).length,
    limited: acks.filter((a) => a.code === 'input/rate_limited').length,
  };
}

describe('message floods', () => {
  it('give one token one budget, however many sockets it opens', async () => {
    const created = await api.create({ scenarioId: 'tutorial', seed: 4 });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    clients.push(fac);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    const token = (await api.join(created.codes.teams.dga!)).token;
    const sockets = await Promise.all(
      Array.from({ length: 12 }, () => SeatClient.connect(server.url, token)),
    );
    clients.push(...sockets);
    // 12 sockets × 10 messages: each socket is within its own limit (a burst of 60)
    const { ok, limited } = await flood(sockets, 10);
    expect(ok).toBeLessThanOrEqual(defaultConfig.limits.messageBurst + 2);
    expect(ok).toBeGreaterThan(0);
    expect(limited).toBe(120 - ok);
    // another team of the same exercise still has its own budget
    const other = await SeatClient.connect(server.url, (await api.join(created.codes.teams.army!)).token);
    clients.push(other);
    expect((await other.sendFresh({ type: 'message', to: 'facilitator', text: 'still here' })).ok).toBe(true);
  });

  it('give one exercise one budget of events, however many tokens it has', async () => {
    const created = await api.create({ scenarioId: 'tutorial', seed: 6 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => api.join(created.codes.observer)));
    const sockets = await Promise.all(tokens.map((t) => SeatClient.connect(server.url, t.token)));
    clients.push(...sockets);
    // 20 tokens × 50 syncs, each token within its own limit (a burst of 120)
    const acks = await Promise.all(
      sockets.flatMap((s) =>
        Array.from(
          { length: 50 },
          () => s.loose.timeout(10_000).emitWithAck('sync', {}) as Promise<{ ok: boolean; code?: string }>,
        ),
      ),
    );
    const ok = acks.filter((a) => a.ok).length;
    // the burst, plus what the budget refills while the flood is answered
    expect(ok).toBeLessThanOrEqual(defaultConfig.limits.exerciseEventBurst + 150);
    expect(acks.filter((a) => a.code === 'input/rate_limited').length).toBe(1000 - ok);
    // a different exercise is untouched
    const elsewhere = await api.create({ scenarioId: 'tutorial', seed: 7 });
    const fac = await SeatClient.connect(server.url, elsewhere.facilitator.token);
    clients.push(fac);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  });
});

describe('a damaged database at boot', () => {
  for (const [name, bytes] of [
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))],
    ['a truncated file', Buffer.from('SQLite format 3\0'.padEnd(200, '\0'))],
  ] as const)
    it(`stops with a clear message and exit status 2: ${name}`, async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'arsenal.db'), bytes);
      const child = spawnServer(dir);
      await expect(child).rejects.toThrow(/exited before listening/);
      const err = await child.catch((e: Error) => e.message);
      expect(err).toContain('the database cannot be opened');
      expect(err).toContain(path.join(dir, 'arsenal.db'));
      expect(err).not.toContain('uncaught exception');
    });

  it('exits with status 2', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'arsenal.db'), 'not a database at all, but long enough '.repeat(100));
    const { spawn } = await import('node:child_process');
    const { REPO } = await import('./helpers/server.ts');
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(2);
  });
});
