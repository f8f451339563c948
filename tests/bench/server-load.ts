import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { decodeUpdate } from '@arsenal/shared/protocol';
import type { CreatedExercise, Joined, ViewUpdate } from '@arsenal/shared/protocol';
import type { ChildMessage, ChildRequest, Mode } from './server-child.ts';
import { percentile } from './stats.ts';

/**
 * Load over loopback: K exercises × N clients, one submit per exercise per `1/rate` s, on the real
 * server and on a bare socket.io server doing the same fan-out. Each submit is a facilitator message to
 * everyone, so every audience's view changes and every client must receive an update: the latency is
 * submit → the last of the exercise's N clients updated. Figures are printed, never asserted.
 *
 *   npx tsx tests/bench/server-load.ts --exercises 500 --clients 10 --rate 1 --seconds 30 --rounds 2
 */

export interface ServerBenchOptions {
  exercises: number;
  clients: number;
  /** Submits per exercise per second. */
  rate: number;
  /** Measured seconds (after `warmup` seconds). */
  seconds: number;
  warmup: number;
  scenario: string;
  /** Rounds of bare then arsenal, each in fresh processes; figures pool every round. */
  rounds: number;
  only?: Mode;
}

export const defaultServerBench: ServerBenchOptions = {
  exercises: 500,
  clients: 10,
  rate: 1,
  seconds: 30,
  warmup: 5,
  scenario: 'tutorial',
  rounds: 3,
};

type Figures = Extract<ChildMessage, { type: 'figures' }>;

interface RunResult {
  submits: number;
  all: number[];
  each: number[];
  lost: number;
  refused: number;
  figures: Figures;
}

const CHILD = path.join(import.meta.dirname, 'server-child.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startChild(
  mode: Mode,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(CHILD, [mode], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve({ child, port: m.port });
    });
  });
}

export function ask(child: ChildProcess, request: ChildRequest): Promise<Figures | void> {
  if (request.type === 'start') {
    child.send(request);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('message', (m: ChildMessage) => m.type === 'figures' && resolve(m));
    child.send(request);
  });
}

export async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** In batches, so that thousands of handshakes do not all start at once. */
export async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => make(i + j)))));
  return out;
}

/** One exercise's sockets: index 0 submits. */
interface Exercise {
  sockets: Socket[];
  submit(marker: string, done: (ok: boolean) => void): void;
}

async function arsenalExercises(url: string, o: ServerBenchOptions): Promise<Exercise[]> {
  return inBatches(o.exercises, 20, async () => {
    const created = await post<CreatedExercise>(`${url}/api/exercises`, { scenarioId: o.scenario, seed: 1 });
    const codes = [...Object.values(created.codes.teams), created.codes.observer, created.codes.display];
    const tokens = [created.facilitator.token];
    for (let i = 1; i < o.clients; i++)
      tokens.push((await post<Joined>(`${url}/api/join`, { code: codes[(i - 1) % codes.length] })).token);
    const sockets = await Promise.all(tokens.map((token) => connect(url, { token })));
    let n = 0;
    return {
      sockets,
      submit(marker, done) {
        const payload = {
          id: `b${++n}`,
          expectedVersion: 0,
          command: { type: 'message', to: 'all', text: marker },
        };
        sockets[0]!
          .timeout(60_000)
          .emit('command', payload, (err: unknown, ack: { ok: boolean }) => done(!err && ack.ok));
      },
    };
  });
}

async function bareExercises(url: string, o: ServerBenchOptions, rooms: number): Promise<Exercise[]> {
  return inBatches(o.exercises, 20, async (e) => {
    const sockets = await Promise.all(
      Array.from({ length: o.clients }, (_, i) =>
        connect(url, { exercise: String(e), room: String(i % rooms) }),
      ),
    );
    return {
      sockets,
      submit(marker, done) {
        sockets[0]!
          .timeout(60_000)
          .emit('submit', { marker }, (err: unknown, ack: { ok: boolean }) => done(!err && ack.ok));
      },
    };
  });
}

/**
 * The marker a client finds in what it received: in a patch (message text; the real server sends
 * updates as JSON text, which the client parses) or in the bare message.
 */
export function markerOf(payload: unknown): string | null {
  if (typeof payload === 'string') payload = decodeUpdate(payload) ?? {};
  const bare = (payload as { marker?: unknown }).marker;
  if (typeof bare === 'string') return bare;
  for (const op of (payload as ViewUpdate).ops ?? []) {
    const text = (op as { value?: { text?: unknown } }).value?.text;
    if (typeof text === 'string' && text.startsWith('bench:')) return text;
  }
  return null;
}

async function run(mode: Mode, o: ServerBenchOptions): Promise<RunResult> {
  const { child, port } = await startChild(mode);
  const url = `http://127.0.0.1:${port}`;
  // The same rooms per exercise as the real server: facilitator, each team, observer, display.
  const audiences = 3 + (o.scenario === 'tutorial' ? 3 : 9);
  const exercises =
    mode === 'arsenal'
      ? await arsenalExercises(url, o)
      : await bareExercises(url, o, Math.min(audiences, o.clients));

  let measuring = false;
  const pending = new Map<string, { t0: number; left: number }>();
  const result: RunResult = {
    submits: 0,
    all: [],
    each: [],
    lost: 0,
    refused: 0,
    figures: undefined as never,
  };
  exercises.forEach((ex) =>
    ex.sockets.forEach((s) =>
      s.on('update', (u: unknown) => {
        const marker = markerOf(u);
        const p = marker ? pending.get(marker) : undefined;
        if (!p) return;
        const latency = performance.now() - p.t0;
        result.each.push(latency);
        if (--p.left > 0) return;
        result.all.push(latency);
        pending.delete(marker!);
      }),
    ),
  );

  let seq = 0;
  const timers = exercises.map((ex, e) => {
    const tick = () => {
      const marker = `bench:${e}:${++seq}`;
      const counted = measuring;
      if (counted) pending.set(marker, { t0: performance.now(), left: o.clients });
      ex.submit(marker, (ok) => {
        if (!counted) return;
        result.submits++;
        if (!ok) result.refused++;
      });
    };
    const first = setTimeout(
      () => {
        tick();
        timers[e] = setInterval(tick, 1000 / o.rate);
      },
      Math.random() * (1000 / o.rate),
    );
    return first as NodeJS.Timeout;
  });

  await sleep(o.warmup * 1000);
  result.each.length = 0;
  result.all.length = 0;
  measuring = true;
  await ask(child, { type: 'start' });
  await sleep(o.seconds * 1000);
  measuring = false;
  result.figures = (await ask(child, { type: 'stop' })) as Figures;
  for (const t of timers) clearInterval(t);
  await sleep(3000); // let the last updates arrive before counting what never did
  for (const p of pending.values()) result.lost += p.left;
  for (const ex of exercises) for (const s of ex.sockets) s.close();
  child.kill();
  return result;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export async function runServerBench(
  partial: Partial<ServerBenchOptions> = {},
): Promise<Record<string, string>> {
  const o = { ...defaultServerBench, ...partial };
  // BENCH_PIN=1: the load generator (this process) keeps the first core, each server the second.
  if (process.env.BENCH_PIN)
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  const out: Record<string, string> = {
    setup: `${o.exercises} exercises × ${o.clients} clients, ${o.rate} submit/exercise/s, ${o.seconds} s measured (${o.scenario})`,
  };
  // This machine's figures drift from minute to minute: bare and arsenal alternate, and every
  // figure pools all rounds (CPU summed, latencies merged) so that neither side gets the quiet minute.
  const rounds = new Map<Mode, RunResult[]>();
  for (let r = 0; r < o.rounds; r++)
    for (const mode of ['bare', 'arsenal'] as const) {
      if (o.only && o.only !== mode) continue;
      rounds.set(mode, [...(rounds.get(mode) ?? []), await run(mode, o)]);
    }
  const cpuPerSubmit = (r: RunResult) => r.figures.cpuMs / Math.max(1, r.submits);
  const pooled = new Map<Mode, RunResult>();
  for (const [mode, rs] of rounds) {
    const r: RunResult = {
      submits: rs.reduce((n, x) => n + x.submits, 0),
      all: rs.flatMap((x) => x.all),
      each: rs.flatMap((x) => x.each),
      lost: rs.reduce((n, x) => n + x.lost, 0),
      refused: rs.reduce((n, x) => n + x.refused, 0),
      figures: {
        type: 'figures',
        cpuMs: rs.reduce((n, x) => n + x.figures.cpuMs, 0),
        systemMs: rs.reduce((n, x) => n + x.figures.systemMs, 0),
        rssMb: Math.max(...rs.map((x) => x.figures.rssMb)),
        heapMb: Math.max(...rs.map((x) => x.figures.heapMb)),
        eldP50Ms: Math.max(...rs.map((x) => x.figures.eldP50Ms)),
        eldP99Ms: Math.max(...rs.map((x) => x.figures.eldP99Ms)),
        eldMaxMs: Math.max(...rs.map((x) => x.figures.eldMaxMs)),
      },
    };
    pooled.set(mode, r);
    const f = r.figures;
    out[`${mode}: submits measured`] = `${r.submits} (${rs.length} round${rs.length > 1 ? 's' : ''})`;
    out[`${mode}: submit → all clients updated p50 / p99`] =
      `${ms(percentile(r.all, 50))} / ${ms(percentile(r.all, 99))}`;
    out[`${mode}: submit → one client updated p50 / p99`] =
      `${ms(percentile(r.each, 50))} / ${ms(percentile(r.each, 99))}`;
    out[`${mode}: server CPU per submit (of which system)`] =
      `${ms(cpuPerSubmit(r))} (${ms(f.systemMs / Math.max(1, r.submits))}); by round ${rs.map((x) => cpuPerSubmit(x).toFixed(2)).join(', ')}`;
    out[`${mode}: server CPU share of one core`] =
      `${((f.cpuMs / (o.seconds * 1000 * rs.length)) * 100).toFixed(0)} %`;
    out[`${mode}: server RSS / heap (largest)`] = `${f.rssMb.toFixed(0)} MB / ${f.heapMb.toFixed(0)} MB`;
    out[`${mode}: event-loop delay p50 / p99 / max (worst round)`] =
      `${ms(f.eldP50Ms)} / ${ms(f.eldP99Ms)} / ${ms(f.eldMaxMs)}`;
    out[`${mode}: lost updates / refused submits`] = `${r.lost} / ${r.refused}`;
  }
  const bare = pooled.get('bare');
  const ours = pooled.get('arsenal');
  if (bare && ours) {
    const byRound = (f: (r: RunResult) => number) =>
      rounds
        .get('arsenal')!
        .map((x, i) => (f(x) / f(rounds.get('bare')![i]!)).toFixed(2))
        .join(', ');
    out['ratio p99 (arsenal / bare)'] =
      `${(percentile(ours.all, 99) / percentile(bare.all, 99)).toFixed(2)} (by round ${byRound((x) => percentile(x.all, 99))})`;
    out['ratio CPU per submit (arsenal / bare)'] =
      `${(cpuPerSubmit(ours) / cpuPerSubmit(bare)).toFixed(2)} (by round ${byRound(cpuPerSubmit)})`;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      exercises: { type: 'string' },
      clients: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      scenario: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const figures = await runServerBench({
    exercises: num(values.exercises, defaultServerBench.exercises),
    clients: num(values.clients, defaultServerBench.clients),
    rate: num(values.rate, defaultServerBench.rate),
    seconds: num(values.seconds, defaultServerBench.seconds),
    warmup: num(values.warmup, defaultServerBench.warmup),
    scenario: values.scenario ?? defaultServerBench.scenario,
    rounds: num(values.rounds, defaultServerBench.rounds),
    only: values.only as Mode | undefined,
  });
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(52)} ${v}`);
  process.exit(0);
}
