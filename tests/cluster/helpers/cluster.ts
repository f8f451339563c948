import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { dropPgDatabases, freshPgDatabase } from '../../integration/helpers/backends.ts';
import { spawnServer, type ChildServer } from '../../integration/helpers/child.ts';
import { REPO, tempDir } from '../../integration/helpers/server.ts';

export const REDIS_URL = process.env.ARSENAL_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** One server process of the cluster, and the node id it announced. */
export interface ClusterNode {
  index: number;
  server: ChildServer;
  node: string;
  url: string;
  alive: boolean;
}

/**
 * Several real server processes (`npm run serve`) sharing one fresh PostgreSQL database and the test
 * Redis under a cluster name of their own (so that test files running at once never hear each other).
 */
export class TestCluster {
  readonly nodes: ClusterNode[] = [];
  private readonly dataDir = tempDir('arsenal-cluster-');

  private constructor(
    readonly databaseUrl: string,
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(count: number, opts: { leaseMs?: number; env?: Record<string, string> } = {}) {
    const databaseUrl = await freshPgDatabase();
    const name = `arsenal-t-${crypto.randomBytes(4).toString('hex')}`;
    const cluster = new TestCluster(databaseUrl, name, {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      CLUSTER_NAME: name,
      LEASE_MS: String(opts.leaseMs ?? 3000),
      ...opts.env,
    });
    // One at a time: the first migrates the database, the others find it migrated.
    for (let i = 0; i < count; i++) cluster.nodes.push(await cluster.spawn(i));
    return cluster;
  }

  private async spawn(index: number, port = 0): Promise<ClusterNode> {
    const server = await spawnServer(this.dataDir, { ...this.env, PORT: String(port) });
    const line = server.logs.find((l) => l.includes('"msg":"listening"')) ?? '';
    const node = /"node":"([^"]+)"/.exec(line)?.[1] ?? '';
    const entry: ClusterNode = { index, server, node, url: server.url, alive: true };
    void server.exited.then(() => (entry.alive = false));
    return entry;
  }

  /** Starts node `index` again (a new process, a new node id) on the port it had. */
  async restart(index: number): Promise<ClusterNode> {
    const old = this.nodes[index]!;
    if (old.alive) throw new Error(`node ${index} is still running`);
    const fresh = await this.spawn(index, old.server.port);
    this.nodes[index] = fresh;
    return fresh;
  }

  async kill(index: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const n = this.nodes[index]!;
    n.server.proc.kill(signal);
    if (signal === 'SIGKILL' || signal === 'SIGTERM') await n.server.exited;
  }

  /** Runs one query on the cluster's database. */
  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as R[];
    } finally {
      await client.end();
    }
  }

  /** The index of the node holding the exercise's live lease, or -1. */
  async ownerOf(exerciseId: string): Promise<number> {
    const rows = await this.query<{ node: string }>(
      'SELECT node FROM leases WHERE exercise_id = $1 AND expires_at > clock_timestamp()',
      [exerciseId],
    );
    return this.nodes.findIndex((n) => n.node === rows[0]?.node);
  }

  /** Waits until a live node other than `not` holds the exercise's lease; its index. */
  async waitOwner(exerciseId: string, not = -1, timeoutMs = 30_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = await this.ownerOf(exerciseId);
      if (i >= 0 && i !== not && this.nodes[i]!.alive) return i;
      if (Date.now() > until) throw new Error(`no new owner for ${exerciseId} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    for (const n of this.nodes) {
      if (!n.alive) continue;
      n.server.proc.kill('SIGCONT');
      n.server.proc.kill('SIGKILL');
      await n.server.exited;
    }
    await dropPgDatabases();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${this.name}:*` }))
      if (keys.length) await redis.del(keys);
    await redis.quit();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The HAProxy configuration the README ships. */
export const HAPROXY_CFG = path.join(REPO, 'server/deploy/haproxy.cfg');

/** HAProxy from Debian's package, started from the shipped configuration, in front of the nodes. */
export async function startHaproxy(
  nodes: ClusterNode[],
): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const env: Record<string, string> = { ...process.env, ARSENAL_BIND: `127.0.0.1:${port}` } as Record<
    string,
    string
  >;
  nodes.forEach((n, i) => (env[`ARSENAL_NODE${i + 1}`] = `127.0.0.1:${n.server.port}`));
  const proc = spawn('haproxy', ['-db', '-f', HAPROXY_CFG], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const errors: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (proc.exitCode !== null || Date.now() > until)
      throw new Error(`haproxy did not come up: ${errors.join('')}`);
    await sleep(100);
  }
  return {
    url,
    proc,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
