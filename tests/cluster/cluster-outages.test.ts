import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandAck, CreatedExercise } from '@arsenal/shared/protocol';
import { nextId, SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { freePort, sleep, TestCluster } from './helpers/cluster.ts';

/**
 * Outages of the shared services under two nodes: Redis restarted mid-exercise (a private
 * redis-server, so that other test files keep theirs), and every PostgreSQL connection of the cluster
 * cut mid-exercise. Commands keep coming from a socket on the owner and one on the other node (whose
 * commands are forwarded). Refusals must be clean (`server/busy`, `server/internal` or `server/unavailable`, never a
 * silence), nothing acknowledged may be lost or stored twice, and the cluster must recover by itself.
 */

const LEASE_MS = 3000;
const CLEAN = new Set(['server/busy', 'server/internal', 'server/unavailable']);

let cluster: TestCluster | null = null;
let redis: PrivateRedis | null = null;
const clients: SeatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
  await redis?.stop();
  redis = null;
});
afterAll(async () => {
  await redis?.stop();
});

/** A redis-server of this test's own on a free port, that can be stopped and started again there. */
class PrivateRedis {
  private proc: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', () => reject(new Error(`redis-server exited: ${out}`)));
    });
  }

  /** Kills it outright (its data goes with it: this Redis keeps nothing on disk). */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGKILL');
    await exited;
  }
}

interface Sent {
  acked: Map<string, number>;
  refusals: string[];
}

/**
 * Sends messages from `client` one after another until `stop()`, each under one id until acked (as
 * the client does: refusals and timeouts are retried with the same id). Records every ack and every
 * refusal's code.
 */
function keepSending(client: SeatClient, tag: string, sent: Sent): { stop(): Promise<void> } {
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const id = nextId(tag);
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`${id} never acknowledged`);
        let ack: CommandAck;
        try {
          ack = await client.send({ type: 'message', to: 'all', text: `${tag} ${id}` }, { id });
        } catch {
          sent.refusals.push('timeout');
          continue;
        }
        if (ack.ok) {
          sent.acked.set(id, ack.seq);
          break;
        }
        sent.refusals.push(ack.code);
        await sleep(700);
      }
      // Under the per-token message limit (a burst of 30): the two sockets share the facilitator's token.
      await sleep(700);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

/** Two nodes, an exercise, its facilitator on the owner and on the other node. */
async function setup(env: Record<string, string> = {}) {
  cluster = await TestCluster.start(2, { leaseMs: LEASE_MS, env });
  const http = new Http(cluster.nodes[0]!.url);
  const created = (await http.post<CreatedExercise>('/api/exercises', { scenarioId: 'tutorial', seed: 3 }))
    .body;
  const seated: SeatClient[] = [];
  for (const n of cluster.nodes) seated.push(await SeatClient.connect(n.url, created.facilitator.token));
  clients.push(...seated);
  const owner = await cluster.waitOwner(created.exerciseId);
  return { cluster, created, onOwner: seated[owner]!, elsewhere: seated[1 - owner]! };
}

/** Every acknowledged command stored once at its acked seq, and nothing of ours stored unacked. */
async function expectStoredOnce(c: TestCluster, exerciseId: string, sent: Sent): Promise<void> {
  const rows = await c.query<{ client_id: string; seq: number }>(
    'SELECT client_id, seq FROM log WHERE exercise_id = $1',
    [exerciseId],
  );
  const stored = new Map<string, number[]>();
  for (const r of rows) stored.set(r.client_id, [...(stored.get(r.client_id) ?? []), r.seq]);
  for (const [id, seq] of sent.acked) expect(stored.get(id), id).toEqual([seq]);
  expect(rows.length).toBe(sent.acked.size);
}

/** Both nodes ready again, both sockets' commands acked, and both views equal a fresh sync's. */
async function expectRecovered(c: TestCluster, clientsNow: SeatClient[], sent: Sent): Promise<void> {
  for (const n of c.nodes)
    for (let i = 0; ; i++) {
      const ready = await fetch(`${n.url}/api/ready`).then((r) => r.status === 200);
      if (ready) break;
      if (i > 300) throw new Error(`node ${n.index} never ready again`);
      await sleep(100);
    }
  for (const [i, client] of clientsNow.entries()) {
    const last = keepSending(client, `after${i}`, sent);
    await sleep(300);
    await last.stop();
  }
  const top = Math.max(...sent.acked.values());
  for (const client of clientsNow) {
    await client.until(() => client.version >= top, 'the last acked command', 30_000);
    const live = client.view;
    const fresh = (await client.resync()) as { ok: true; view: unknown; version: number };
    expect(fresh.version).toBe(client.version);
    expect(live).toEqual(fresh.view);
  }
}

describe('outages under two nodes', () => {
  it('Redis restarted mid-exercise: refusals are clean, nothing acked is lost, the cluster recovers', async () => {
    redis = await PrivateRedis.start();
    const { cluster: c, created, onOwner, elsewhere } = await setup({ REDIS_URL: redis.url });
    const sent: Sent = { acked: new Map(), refusals: [] };
    const a = keepSending(onOwner, 'owner', sent);
    const b = keepSending(elsewhere, 'other', sent);
    await sleep(1500);
    const before = sent.acked.size;
    await redis.stop();
    await sleep(2000);
    // Without Redis, no node is ready (the load balancer sends nobody new).
    for (const n of c.nodes) expect((await fetch(`${n.url}/api/ready`)).status).toBe(503);
    await redis.up();
    await sleep(1500);
    await a.stop();
    await b.stop();
    expect(sent.acked.size).toBeGreaterThan(before);
    expect(sent.refusals.filter((code) => !CLEAN.has(code))).toEqual([]);
    await expectRecovered(c, [onOwner, elsewhere], sent);
    await expectStoredOnce(c, created.exerciseId, sent);
    expect(await c.ownerOf(created.exerciseId)).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it('PostgreSQL connections cut mid-exercise: refusals are clean, nothing acked is lost, the cluster recovers', async () => {
    const { cluster: c, created, onOwner, elsewhere } = await setup();
    const sent: Sent = { acked: new Map(), refusals: [] };
    const a = keepSending(onOwner, 'owner', sent);
    const b = keepSending(elsewhere, 'other', sent);
    await sleep(1500);
    const name = new URL(c.databaseUrl).pathname.slice(1);
    let cut = 0;
    for (let i = 0; i < 5; i++) {
      // Every connection of both nodes to the cluster's database, whatever it was doing.
      const rows = await c.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      cut += rows.filter((r) => r.ok).length;
      await sleep(700);
    }
    await sleep(1500);
    await a.stop();
    await b.stop();
    expect(cut).toBeGreaterThan(0);
    expect(sent.refusals.filter((code) => !CLEAN.has(code))).toEqual([]);
    await expectRecovered(c, [onOwner, elsewhere], sent);
    await expectStoredOnce(c, created.exerciseId, sent);
    for (const n of c.nodes) expect(n.alive).toBe(true);
  }, 240_000);
});
