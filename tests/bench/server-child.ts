import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { createApp } from '../../server/src/app.ts';
import { systemClock } from '../../server/src/clock.ts';
import { configFromEnv, type Config } from '../../server/src/config.ts';
import { jsonLogger } from '../../server/src/logger.ts';
import { folderRegistry } from '../../server/src/scenarios/registry.ts';
import { Cluster } from '../../server/src/cluster/cluster.ts';
import { openStore } from '../../server/src/store/store.ts';
import { inlineWriter } from '../../server/src/store/writer.ts';

/**
 * One server under load, in its own process so that its CPU, memory and event-loop delay are its own:
 * `arsenal` is the real server (createApp, SQLite in a temp folder); `bare` is a plain socket.io server
 * doing the same fan-out (one 2 KB message to each room of the exercise per submit) with the same
 * socket.io options. The parent drives it over loopback and asks for figures over IPC.
 */

export type Mode = 'arsenal' | 'bare';

export type ChildRequest = { type: 'start' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number }
  | {
      type: 'figures';
      cpuMs: number;
      systemMs: number;
      rssMb: number;
      heapMb: number;
      eldP50Ms: number;
      eldP99Ms: number;
      eldMaxMs: number;
    };

const mode = process.argv[2] as Mode;
/**
 * With BENCH_PIN=1 every thread of the server runs on the second core and the load generator keeps the
 * first: on a 2-core machine the two then stop stealing each other's time, and CPU per submit varies
 * less from run to run (it also leaves the server's GC helpers no spare core).
 */
if (process.env.BENCH_PIN)
  execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
/** The server's settings from the environment as `npm start` reads them (README), limits lifted. */
const settings = configFromEnv(process.env);
const recoveryWindowMs = settings.recoveryWindowMs;

function unlimited(): Config['limits'] {
  const l = { ...settings.limits };
  for (const k of Object.keys(l) as (keyof typeof l)[]) l[k] = 1e9;
  return l;
}

async function startArsenal(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-bench-'));
  const config: Config = { ...settings, dataDir, logLevel: 'warn', limits: unlimited() };
  const logger = jsonLogger(config.logLevel);
  // SQLite in the temp folder; with DATABASE_URL PostgreSQL, and with REDIS_URL too a cluster node.
  const store = await openStore(config);
  // With LOG_WRITER=thread, createApp commits on its writer thread instead of the event loop.
  const writer = config.logWriter === 'inline' ? inlineWriter(store) : undefined;
  const cluster =
    config.redisUrl && config.databaseUrl
      ? await Cluster.connect({
          redisUrl: config.redisUrl,
          databaseUrl: config.databaseUrl,
          leaseMs: config.leaseMs,
          nodeUrl: null,
          name: config.clusterName,
          logger,
        })
      : null;
  const app = createApp({
    store,
    writer,
    cluster,
    clock: systemClock,
    logger,
    config,
    scenarios: folderRegistry(config.scenariosDir, logger),
  });
  const port = await app.listen(0, '127.0.0.1');
  await cluster?.start(port, '127.0.0.1');
  return port;
}

/** The baseline: auth names an exercise and a room; a submit is acked, then one 2 KB message per room. */
async function startBare(): Promise<number> {
  const server = http.createServer();
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: false },
  });
  const rooms = new Map<string, Set<string>>();
  const pad = 'x'.repeat(2048);
  io.on('connection', (socket) => {
    const { exercise, room } = socket.handshake.auth as { exercise: string; room: string };
    const name = `${exercise}:${room}`;
    void socket.join(name);
    const set = rooms.get(exercise) ?? new Set<string>();
    rooms.set(exercise, set.add(name));
    socket.on('submit', (payload: { marker: string }, ack: (r: unknown) => void) => {
      ack({ ok: true });
      for (const r of rooms.get(exercise) ?? []) io.to(r).emit('update', { marker: payload.marker, pad });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const send = (m: ChildMessage) => process.send!(m);
const eld = monitorEventLoopDelay({ resolution: 5 });
let cpuAt = process.cpuUsage();

/** With BENCH_THREADS=1, CPU time by thread (main, V8's GC helpers, SQLite's checkpointer, …). */
function threadTimes(): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const name = fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
    out.set(tid, { name, ms: (Number(fields[11]) + Number(fields[12])) * 10 });
  }
  return out;
}
let threadsAt = new Map<string, { name: string; ms: number }>();

/**
 * Diagnostics of the measured window only: BENCH_PROFILE=<dir> writes a CPU profile there,
 * BENCH_ALLOC=<dir> a sampling heap profile (which functions allocated how much).
 */
const profileDir = process.env.BENCH_PROFILE;
const allocDir = process.env.BENCH_ALLOC;
const inspector = profileDir || allocDir ? new Session() : null;
inspector?.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    inspector!.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
  );

process.on('message', async (m: ChildRequest) => {
  if (m.type === 'start') {
    if (profileDir) await post('Profiler.enable').then(() => post('Profiler.start'));
    if (allocDir)
      await post('HeapProfiler.startSampling', {
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    cpuAt = process.cpuUsage();
    if (process.env.BENCH_THREADS) threadsAt = threadTimes();
    eld.reset();
    eld.enable();
    return;
  }
  eld.disable();
  if (profileDir) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(profileDir, `${mode}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  }
  if (allocDir) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    fs.writeFileSync(path.join(allocDir, `${mode}-${process.pid}.heapprofile`), JSON.stringify(profile));
  }
  const cpu = process.cpuUsage(cpuAt);
  if (process.env.BENCH_THREADS) {
    const now = threadTimes();
    const rows = [...now].map(([tid, t]) => `${t.name}:${t.ms - (threadsAt.get(tid)?.ms ?? 0)}ms`);
    console.error(`[${mode}] CPU by thread in the measured window (user+sys): ${rows.join(' ')}`);
  }
  if (process.env.BENCH_HEAPSNAPSHOT) {
    const { writeHeapSnapshot } = await import('node:v8');
    writeHeapSnapshot(path.join(process.env.BENCH_HEAPSNAPSHOT, `${mode}.heapsnapshot`));
  }
  const mem = process.memoryUsage();
  send({
    type: 'figures',
    cpuMs: (cpu.user + cpu.system) / 1000,
    systemMs: cpu.system / 1000,
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
    eldP50Ms: eld.percentile(50) / 1e6,
    eldP99Ms: eld.percentile(99) / 1e6,
    eldMaxMs: eld.max / 1e6,
  });
});

send({ type: 'ready', port: mode === 'bare' ? await startBare() : await startArsenal() });
