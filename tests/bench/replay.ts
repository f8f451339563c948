import os from 'node:os';
import {
  Autoplay,
  buildExport,
  createExercise,
  hashState,
  lookaheadTrial,
  lookaheadTrials,
  replay,
  Timeline,
  verifyExport,
} from '@arsenal/shared';
import { WorkerPool } from '../../server/src/workers/pool.ts';
import { bundled } from '../helpers/scenarios.ts';
import { fmt, percentile } from './stats.ts';

const flagship = () => bundled('france-2025');

/** A deterministic sequence of seqs in [1, n] for random access. */
function seqs(n: number, count: number): number[] {
  let x = 0x2545f491;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % n) + 1;
  });
}

/**
 * Replay figures of issue 5: a 24-month flagship log replayed to any point (target ≤ 25 ms), and
 * 1,000 one-month look-ahead trials (target ≤ 2 s, worker threads allowed).
 */
export async function runReplayBench(opts: { quick?: boolean } = {}): Promise<Record<string, string>> {
  const s = flagship();
  const out: Record<string, string> = {};
  const setup = { seed: 7, bots: [] };
  const live = new Autoplay(s, createExercise(s, setup)).play();
  const n = live.log.length;

  // 1. Opening a log: verification (untrusted fold, chain, final hash) builds the timeline.
  const file = buildExport(s, setup, live.log, { exerciseId: 'bench', stateHash: hashState(live.state) });
  let t0 = performance.now();
  const verified = verifyExport(JSON.stringify(file));
  if (!verified.ok) throw new Error(verified.message);
  out['import: verify a 24-month flagship export'] =
    `${fmt(performance.now() - t0)} (${n} entries; once per file)`;
  t0 = performance.now();
  new Timeline(s, setup, live.log, { trusted: true });
  out['timeline of a stored 24-month log (one fold)'] = fmt(performance.now() - t0);
  t0 = performance.now();
  replay(s, setup, live.log, Infinity, { trusted: true });
  out['replay from scratch to the end (no checkpoints)'] = fmt(performance.now() - t0);

  // 2. Any point: random jumps through a fresh timeline (checkpoints at month ends and every 16 entries).
  const timeline = verified.timeline;
  const jumps = seqs(n, opts.quick ? 100 : 400);
  const times = jumps.map((seq) => {
    const start = performance.now();
    timeline.stateAt(seq);
    return performance.now() - start;
  });
  out['replay of a 24-month flagship log to any point (p50)'] =
    `${fmt(percentile(times, 50))} (p99 ${fmt(percentile(times, 99))}, max ${fmt(Math.max(...times))}; ${jumps.length} random seqs; target ≤ 25 ms)`;
  const views = jumps.slice(0, 100).map((seq) => {
    const start = performance.now();
    timeline.viewAt(seq, { role: 'team', team: s.teams[0]!.id });
    return performance.now() - start;
  });
  out['a team’s view at any point (p50)'] =
    `${fmt(percentile(views, 50))} (p99 ${fmt(percentile(views, 99))})`;

  // 3. Look-ahead: one-month trials from month 12, on worker threads and, for reference, in-thread.
  const from = replay(s, setup, live.log, timeline.endOfMonth(11)!, { trusted: true });
  const trials = opts.quick ? 200 : 1000;
  const seeds = Array.from({ length: trials }, (_, i) => i + 1);
  const size = os.availableParallelism();
  const pool = new WorkerPool({ size });
  t0 = performance.now();
  await pool.trials(s, from, 1, seeds).done;
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    await pool.trials(s, from, 1, seeds).done;
    warm.push(performance.now() - t0);
  }
  await pool.close();
  out[`look-ahead: ${trials} one-month trials, ${size} worker threads (warm, p50 of 3)`] =
    `${(percentile(warm, 50) / 1000).toFixed(2)} s (best ${(Math.min(...warm) / 1000).toFixed(2)} s; first run with worker start-up and JIT ${(cold / 1000).toFixed(2)} s; target ≤ 2 s for 1,000; load average ${os.loadavg()[0]!.toFixed(1)} on ${size} cores)`;
  const inThread = opts.quick ? 20 : 100;
  t0 = performance.now();
  for (let i = 1; i <= inThread; i++) lookaheadTrial(s, from, 1, i);
  const per = (performance.now() - t0) / inThread;
  out['look-ahead: one trial in-thread (mean)'] = `${fmt(per)} (${inThread} trials, each played alone)`;
  t0 = performance.now();
  lookaheadTrials(s, from, 1, seeds.slice(0, inThread));
  const bulk = (performance.now() - t0) / inThread;
  out['look-ahead: one trial in-thread, in bulk (mean)'] =
    `${fmt(bulk)} (${inThread} trials sharing the first month's planning, as the workers play them)`;
  return out;
}
