import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hashState, replay } from '@arsenal/shared';
import { verifyChain, type CommandAck, type FacilitatorExport } from '@arsenal/shared/protocol';
import { dropPgDatabases, freshPgDatabase } from './helpers/backends.ts';
import { spawnServer, type ChildServer } from './helpers/child.ts';
import { nextId, SeatClient } from './helpers/client.ts';
import { HangProxy } from './helpers/hang-proxy.ts';
import { Http } from './helpers/http.ts';
import { tempDir } from './helpers/server.ts';

/**
 * A PostgreSQL that accepts connections and then never answers: a real server process whose
 * `DATABASE_URL` goes through a TCP proxy told to hold every byte (its sockets stay open), then to let
 * requests through but hold every answer after a COMMIT (PostgreSQL commits, nobody hears it: the
 * commit's outcome is unknown to the server), each time resumed after a while. Commands keep coming from one
 * socket, each under one id until acknowledged, as the client does. During a hang every command is
 * answered (never left silent) with `server/unavailable`; after each resume commands are acknowledged
 * again without restarting anything; every acknowledged command is stored exactly once at the seq
 * its ack named, nothing else is stored, the chain verifies and the log replays to the server's state.
 */

const DEADLINE_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: ChildServer | null = null;
let proxy: HangProxy | null = null;
const clients: SeatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  proxy?.resume();
  server?.proc.kill('SIGKILL');
  await server?.exited;
  server = null;
  await proxy?.close();
  proxy = null;
});
afterAll(dropPgDatabases);

interface Sent {
  acked: Map<string, number>;
  refusals: string[];
}

/** Sends messages one after another until `stop()`, each under one id until acked; records it all. */
function keepSending(client: SeatClient, sent: Sent): { stop(): Promise<void> } {
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const id = nextId('hang');
      for (let attempt = 0; ; attempt++) {
        if (attempt > 100) throw new Error(`${id} never acknowledged`);
        let ack: CommandAck;
        try {
          ack = await client.send({ type: 'message', to: 'all', text: id }, { id });
        } catch {
          sent.refusals.push('no answer');
          continue;
        }
        if (ack.ok) {
          sent.acked.set(id, ack.seq);
          break;
        }
        sent.refusals.push(ack.code);
        await sleep(400);
      }
      // under the per-token message limit
      await sleep(400);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

async function query<R>(url: string, sql: string, params: unknown[]): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as R[];
  } finally {
    await c.end();
  }
}

describe('a PostgreSQL that stops answering', () => {
  it('refuses commands with server/unavailable within the deadline, loses nothing acked, and recovers by itself', async () => {
    const databaseUrl = await freshPgDatabase();
    const target = new URL(databaseUrl);
    proxy = await HangProxy.start({ host: target.hostname, port: Number(target.port) });
    server = await spawnServer(tempDir('arsenal-hang-'), {
      DATABASE_URL: proxy.url(databaseUrl),
      DATABASE_TIMEOUT_MS: String(DEADLINE_MS),
    });
    const http = new Http(server.url);
    const created = await http.create({ scenarioId: 'tutorial', seed: 4 });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    clients.push(fac);
    const sent: Sent = { acked: new Map(), refusals: [] };
    const sender = keepSending(fac, sent);

    const phases: { mode: 'both' | 'commits'; acked: number; refusals: number; unheard: number }[] = [];
    await sleep(1500);
    for (const mode of ['both', 'commits'] as const) {
      const before = { acked: sent.acked.size, refusals: sent.refusals.length };
      proxy.hang(mode);
      await sleep(3 * DEADLINE_MS);
      // stored (read past the proxy) but not acknowledged: commits PostgreSQL did that nobody heard
      const storedNow = await query<{ client_id: string }>(
        databaseUrl,
        'SELECT client_id FROM log WHERE exercise_id = $1',
        [created.exerciseId],
      );
      phases.push({
        mode,
        acked: sent.acked.size - before.acked,
        refusals: sent.refusals.length - before.refusals,
        unheard: storedNow.filter((r) => !sent.acked.has(r.client_id)).length,
      });
      const resumedAt = sent.acked.size;
      proxy.resume();
      for (let i = 0; sent.acked.size < resumedAt + 3; i++) {
        if (i > 300) throw new Error(`nothing acknowledged after resuming from a ${mode} hang`);
        await sleep(100);
      }
    }
    await sender.stop();

    // A command in flight as the hang began may still be acked (its commit was answered); then
    // nothing is, and every command is refused, with the code, not left without an answer.
    for (const p of phases) {
      expect(p.acked, p.mode).toBeLessThanOrEqual(1);
      expect(p.refusals, p.mode).toBeGreaterThan(0);
    }
    expect(new Set(sent.refusals)).toEqual(new Set(['server/unavailable']));
    // Holding the commits' answers, PostgreSQL stored a command the server refused as unavailable: its retry
    // under the same id was answered with the stored ack (checked below), not stored again.
    expect(phases.find((p) => p.mode === 'commits')!.unheard).toBeGreaterThan(0);

    const rows = await query<{ client_id: string; seq: number }>(
      databaseUrl,
      'SELECT client_id, seq FROM log WHERE exercise_id = $1',
      [created.exerciseId],
    );
    const stored = new Map<string, number[]>();
    for (const r of rows) stored.set(r.client_id, [...(stored.get(r.client_id) ?? []), r.seq]);
    for (const [id, seq] of sent.acked) expect(stored.get(id), id).toEqual([seq]);
    expect(rows).toHaveLength(sent.acked.size);

    const exported = (
      await http.get<FacilitatorExport>(
        `/api/exercises/${created.exerciseId}/export`,
        created.facilitator.token,
      )
    ).body;
    expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
    expect(exported.entries).toHaveLength(rows.length);
    expect(hashState(replay(exported.scenario, exported.setup, exported.entries))).toBe(exported.stateHash);
    // the client's view follows what is stored: a fresh sync gives the view it holds
    const top = Math.max(...sent.acked.values());
    await fac.until(() => fac.version >= top, 'the last acked command');
    const live = fac.view;
    const fresh = await fac.resync();
    expect(fresh.ok && fresh.view).toEqual(live);
  }, 120_000);
});
