import crypto from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'socket.io-client';
import type { CreatedExercise, Joined } from '@arsenal/shared/protocol';
import { dropPgDatabases, freshPgDatabase } from '../integration/helpers/backends.ts';
import type { ChildMessage } from './server-child.ts';
import { ask, connect, inBatches, markerOf, post, startChild } from './server-load.ts';
import { percentile } from './stats.ts';

/**
 * `npm run bench -- --only cluster`: the server benchmark's load (K exercises × N clients, one
 * facilitator message per exercise per `1/rate` s, each changing every audience's view) on one node
 * with SQLite, one node with PostgreSQL, and two and three nodes with PostgreSQL and Redis. With
 * several nodes, exercise e is created on node e mod n and its clients are spread over all nodes, so
 * most updates cross Redis and many commands are forwarded to the owner. Figures are printed only.
 */

export interface ClusterBenchOptions {
  exercises: number;
  clients: number;
  rate: number;
  seconds: number;
  warmup: number;
}

type Figures = Extract<ChildMessage, { type: 'figures' }>;

interface Setup {
  name: string;
  nodes: number;
  pg: boolean;
  redis: boolean;
}

const SETUPS: Setup[] = [
  { name: '1 node, SQLite', nodes: 1, pg: false, redis: false },
  { name: '1 node, PostgreSQL', nodes: 1, pg: true, redis: false },
  { name: '2 nodes, PostgreSQL + Redis', nodes: 2, pg: true, redis: true },
  { name: '3 nodes, PostgreSQL + Redis', nodes: 3, pg: true, redis: true },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function runSetup(s: Setup, o: ClusterBenchOptions): Promise<Record<string, string>> {
  // a benchmark node stops at once: no drain window (DRAIN_MS) to wait through between setups
  const env: Record<string, string> = { DRAIN_MS: '0' };
  if (s.pg) env.DATABASE_URL = await freshPgDatabase();
  if (s.redis) {
    env.REDIS_URL = process.env.ARSENAL_TEST_REDIS ?? 'redis://127.0.0.1:6379';
    env.CLUSTER_NAME = `arsenal-bench-${crypto.randomBytes(4).toString('hex')}`;
  }
  const nodes: { child: ChildProcess; url: string }[] = [];
  // One at a time: the first migrates PostgreSQL.
  for (let i = 0; i < s.nodes; i++) {
    const { child, port } = await startChild('arsenal', env);
    nodes.push({ child, url: `http://127.0.0.1:${port}` });
  }
  const nodeOf = (i: number) => nodes[i % nodes.length]!.url;
  const exercises = await inBatches(o.exercises, 20, async (e) => {
    const created = await post<CreatedExercise>(`${nodeOf(e)}/api/exercises`, {
      scenarioId: 'tutorial',
      seed: 1,
    });
    const codes = [...Object.values(created.codes.teams), created.codes.observer, created.codes.display];
    const tokens = [created.facilitator.token];
    for (let i = 1; i < o.clients; i++)
      tokens.push(
        (await post<Joined>(`${nodeOf(e)}/api/join`, { code: codes[(i - 1) % codes.length] })).token,
      );
    const sockets: Socket[] = [];
    for (const [i, token] of tokens.entries()) sockets.push(await connect(nodeOf(e + i), { token }));
    return sockets;
  });

  let measuring = false;
  let submits = 0;
  let refused = 0;
  const all: number[] = [];
  const pending = new Map<string, { t0: number; left: number }>();
  for (const sockets of exercises)
    for (const socket of sockets)
      socket.on('update', (u: unknown) => {
        const marker = markerOf(u);
        const p = marker ? pending.get(marker) : undefined;
        if (!p || --p.left > 0) return;
        all.push(performance.now() - p.t0);
        pending.delete(marker!);
      });
  let seq = 0;
  const timers: NodeJS.Timeout[] = [];
  exercises.forEach((sockets, e) => {
    let n = 0;
    const tick = () => {
      const marker = `bench:${e}:${++seq}`;
      const counted = measuring;
      if (counted) pending.set(marker, { t0: performance.now(), left: o.clients });
      const payload = {
        id: `b${++n}`,
        expectedVersion: 0,
        command: { type: 'message', to: 'all', text: marker },
      };
      sockets[0]!.timeout(60_000).emit('command', payload, (err: unknown, ack: { ok: boolean }) => {
        if (!counted) return;
        submits++;
        if (err || !ack.ok) {
          // A refused command changes no view: it is counted as refused, not as lost updates.
          refused++;
          pending.delete(marker);
        }
      });
    };
    timers.push(
      setTimeout(
        () => {
          tick();
          timers[e] = setInterval(tick, 1000 / o.rate);
        },
        Math.random() * (1000 / o.rate),
      ),
    );
  });

  await sleep(o.warmup * 1000);
  all.length = 0;
  measuring = true;
  for (const n of nodes) await ask(n.child, { type: 'start' });
  await sleep(o.seconds * 1000);
  measuring = false;
  const figures: Figures[] = [];
  for (const n of nodes) figures.push((await ask(n.child, { type: 'stop' })) as Figures);
  for (const t of timers) clearInterval(t);
  // Updates still on their way when the measurement ends are late, not lost: wait up to 60 s for
  // them, count those that arrive (and how long after the end), and call lost only what never came.
  const ended = performance.now();
  const owedAtEnd = [...pending.values()].reduce((a, p) => a + p.left, 0);
  const inFlight = all.length;
  while (pending.size > 0 && performance.now() - ended < 60_000) await sleep(250);
  const drainedMs = performance.now() - ended;
  const late = all.length - inFlight;
  let lost = 0;
  for (const p of pending.values()) lost += p.left;
  for (const sockets of exercises) for (const socket of sockets) socket.close();
  for (const n of nodes) n.child.kill();
  await dropPgDatabases().catch(() => undefined);

  const perNode = figures.map((f) => f.cpuMs / Math.max(1, submits));
  return {
    [`${s.name}: submits measured`]: `${submits}`,
    [`${s.name}: submit → all clients updated p50 / p99`]: `${ms(percentile(all, 50))} / ${ms(percentile(all, 99))}`,
    [`${s.name}: CPU per command, each node`]: perNode.map(ms).join(', '),
    [`${s.name}: CPU per command, all nodes`]: ms(perNode.reduce((a, b) => a + b, 0)),
    [`${s.name}: CPU share of one core, each node`]: figures
      .map((f) => `${((f.cpuMs / (o.seconds * 1000)) * 100).toFixed(0)} %`)
      .join(', '),
    [`${s.name}: event-loop delay p99, worst node`]: ms(Math.max(...figures.map((f) => f.eldP99Ms))),
    [`${s.name}: lost updates / refused submits`]: `${lost} / ${refused}`,
    [`${s.name}: still owed at the end`]: `${owedAtEnd} updates (${late} submits completed late, the last ${ms(drainedMs)} after the end)`,
  };
}

export async function runClusterBench(o: ClusterBenchOptions): Promise<Record<string, string>> {
  const out: Record<string, string> = {
    setup: `${o.exercises} exercises × ${o.clients} clients, ${o.rate} submit/exercise/s, ${o.seconds} s measured (tutorial); load generator in this process`,
  };
  // BENCH_SETUPS=sqlite,pg,2,3 runs only some of them (diagnostics).
  const only = process.env.BENCH_SETUPS?.split(',');
  for (const s of SETUPS)
    if (!only || only.includes(s.redis ? String(s.nodes) : s.pg ? 'pg' : 'sqlite'))
      Object.assign(out, await runSetup(s, o));
  return out;
}
