import fs from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type MessagesAck } from '@arsenal/shared/protocol';
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

  it('let one token hold a bounded number of sockets; a closed one frees its place', async () => {
    const created = await api.create({ scenarioId: 'tutorial', seed: 5 });
    const token = (await api.join(created.codes.teams.army!)).token;
    const max = defaultConfig.limits.socketsPerToken;
    const sockets = await Promise.all(
      Array.from({ length: max }, () => SeatClient.connect(server.url, token)),
    );
    clients.push(...sockets);
    const refused = io(server.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<{ code?: string }>((resolve) =>
      refused.once('connect_error', (err) => resolve((err as { data?: { code?: string } }).data ?? {})),
    );
    refused.close();
    expect(error.code).toBe('input/rate_limited');
    sockets[0]!.close();
    await new Promise((done) => setTimeout(done, 200));
    const again = await SeatClient.connect(server.url, token);
    clients.push(again);
    expect(again.view.audience).toEqual({ role: 'team', team: 'army' });
  });

  it('give contract offers and counter-offers the message budget: they grow every party’s view for good', async () => {
    const created = await api.create({ scenarioId: 'tutorial', seed: 8 });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    clients.push(fac);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    const token = (await api.join(created.codes.teams.dga!)).token;
    const sockets = await Promise.all(Array.from({ length: 4 }, () => SeatClient.connect(server.url, token)));
    clients.push(...sockets);
    const terms = { product: 'fpv_rf', qty: 10, unitPrice: 650, type: 'spot', months: 1 } as const;
    // offers are judged against the view they were decided on (messages are not): each is sent
    // against the version the last ack gave, one after another, from the four sockets in turn
    let version = sockets[0]!.version;
    const send = async (s: SeatClient, command: object) => {
      const ack = (await s.loose.timeout(10_000).emitWithAck('command', {
        id: nextId('offers'),
        expectedVersion: version,
        command,
      })) as { ok: boolean; code?: string; version?: number };
      if (ack.version !== undefined) version = ack.version;
      return ack;
    };
    const acks: { ok: boolean; code?: string }[] = [];
    for (let i = 0; i < 80; i++)
      acks.push(
        await send(sockets[i % 4]!, { type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms }),
      );
    const ok = acks.filter((a) => a.ok).length;
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThanOrEqual(defaultConfig.limits.messageBurst + 2);
    expect(acks.filter((a) => a.code === 'input/rate_limited')).toHaveLength(80 - ok);
    // a counter-offer draws on the same, spent budget
    const autoco = await SeatClient.connect(server.url, (await api.join(created.codes.teams.autoco!)).token);
    clients.push(autoco);
    const offered = autoco.view.contracts.filter((c) => c.status === 'offered');
    expect(offered).toHaveLength(ok);
    const counter = await send(sockets[0]!, {
      type: 'counterContract',
      contract: offered[0]!.id,
      terms: { ...terms, unitPrice: 600 },
    });
    expect(counter.code).toBe('input/rate_limited');
    // only what was accepted was stored
    const exported = await api.get<{ entries: { command: { type: string } }[] }>(
      `/api/exercises/${created.exerciseId}/export`,
      created.facilitator.token,
    );
    const stored = exported.body.entries.filter((e) => e.command.type === 'offerContract');
    expect(stored).toHaveLength(ok);
    // the counterparty's own budget is untouched: it can still answer
    expect((await autoco.sendFresh({ type: 'rejectContract', contract: offered[0]!.id })).ok).toBe(true);
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

describe('views after many messages', () => {
  it('stay bounded: a sync carries the latest pages, older ones come a page at a time', async () => {
    // budgets raised so that one test can write a long exercise's worth of messages quickly
    const L = defaultConfig.limits;
    const big = { messageBurst: 2000, tokenEventBurst: 2000, exerciseEventBurst: 4000, eventBurst: 2000 };
    const talky = await startServer({ config: { limits: { ...L, ...big } } });
    try {
      const http = new Http(talky.url);
      const created = await http.create({ scenarioId: 'tutorial', seed: 9 });
      const fac = await SeatClient.connect(talky.url, created.facilitator.token);
      const dga = await SeatClient.connect(talky.url, (await http.join(created.codes.teams.dga!)).token);
      const army = await SeatClient.connect(talky.url, (await http.join(created.codes.teams.army!)).token);
      const observer = await SeatClient.connect(talky.url, (await http.join(created.codes.observer)).token);
      clients.push(fac, dga, army, observer);
      expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
      const say = async (from: SeatClient, to: string, n: number, text: string) => {
        const acks = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            from.send(
              { type: 'message', to, text: `${text} ${i} ${'x'.repeat(400)}` },
              { expectedVersion: 0 },
            ),
          ),
        );
        expect(acks.every((a) => a.ok)).toBe(true);
      };
      const syncBytes = async () => {
        const res = await observer.resync();
        if (!res.ok) throw new Error(res.message);
        return { bytes: JSON.stringify(res).length, view: res.view };
      };

      await say(dga, 'autoco', 2 * LIMITS.messagePage, 'secret-dga-autoco');
      const atTwoPages = await syncBytes();
      expect(atTwoPages.view.messages).toHaveLength(2 * LIMITS.messagePage);
      expect(atTwoPages.view.olderMessages).toBe(0);
      await say(dga, 'autoco', 200, 'secret-dga-autoco');
      await say(fac, 'army', 50, 'to-army');
      const after = await syncBytes();
      // 450 messages: the sync holds the latest page and a half, and is no bigger than at 200
      expect(after.view.messages.length).toBeLessThanOrEqual(2 * LIMITS.messagePage);
      expect(after.view.olderMessages + after.view.messages.length).toBe(450);
      expect(after.bytes).toBeLessThanOrEqual(atTwoPages.bytes);

      // the observer walks back through every older message, in order
      const pages = async (client: SeatClient, first: { seq: number } | undefined) => {
        const got: { seq: number; text: string }[] = [];
        let before = first?.seq ?? Number.MAX_SAFE_INTEGER;
        for (;;) {
          const res = (await client.loose.timeout(10_000).emitWithAck('messages', { before })) as MessagesAck;
          if (!res.ok) throw new Error(res.code);
          expect(res.messages.length).toBeLessThanOrEqual(LIMITS.messagePage);
          got.unshift(...res.messages);
          if (res.older === 0 || !res.messages.length) return got;
          before = res.messages[0]!.seq;
        }
      };
      const older = await pages(observer, after.view.messages[0]);
      expect(older).toHaveLength(after.view.olderMessages);
      const seqs = [...older, ...after.view.messages].map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(450);

      // the army reads only what was sent to it: the pages follow the view's rule
      await army.resync();
      expect(army.view.messages.every((m) => m.to === 'army')).toBe(true);
      expect(army.view.olderMessages).toBe(0);
      const armyPages = await pages(army, undefined);
      expect(armyPages).toHaveLength(50);
      expect(JSON.stringify(armyPages)).not.toContain('secret-dga-autoco');

      // a malformed request changes nothing and says why
      const bad = (await army.loose.timeout(10_000).emitWithAck('messages', { before: -1 })) as MessagesAck;
      expect(bad).toMatchObject({ ok: false, code: 'input/bad_payload', path: 'before' });
      const tooMany = (await army.loose
        .timeout(10_000)
        .emitWithAck('messages', { before: 10, limit: LIMITS.messagePage + 1 })) as MessagesAck;
      expect(tooMany).toMatchObject({ ok: false, code: 'input/bad_payload', path: 'limit' });
    } finally {
      await talky.close();
    }
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
