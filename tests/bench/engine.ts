import { adjudicate, Autoplay, botCommands, createExercise, replay, type Order } from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';
import { fmt, percentile } from './stats.ts';

const flagship = () => bundled('france-2025');

/** Engine figures of issue 2: one month's adjudication, a 24-month replay, many bot playthroughs. */
export function runEngineBench(opts: { playthroughs: number }) {
  const s = flagship();
  const results: Record<string, string> = {};

  // 1. Adjudication of one flagship month with every team submitting (bot orders), at several months.
  const warm = new Autoplay(s, createExercise(s, { seed: 42, bots: [] })).play(6);
  const samples: number[] = [];
  let state = warm.state;
  const orders: Record<string, Order[]> = {};
  for (const t of s.teams) {
    const submit = botCommands(s, state, t.id).find((c) => c.type === 'submitOrders');
    orders[t.id] = submit && submit.type === 'submitOrders' ? submit.orders : [];
  }
  const submitting = Object.values(orders).filter((o) => o.length > 0).length;
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    adjudicate(s, state.context.game, orders);
    samples.push(performance.now() - t0);
  }
  results['adjudicate one flagship month (p50)'] =
    `${fmt(percentile(samples, 50))} (p99 ${fmt(percentile(samples, 99))}; ${submitting}/${s.teams.length} teams with orders; target p50 ≤ 5 ms)`;

  // 2. Replay of a whole 24-month log: the first (cold: nothing compiled yet) on its own, then the
  // steady state after ten warm-up folds.
  const full = new Autoplay(s, createExercise(s, { seed: 7, bots: [] })).play();
  for (const trusted of [true, false]) {
    const replays: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      state = replay(s, { seed: 7, bots: [] }, full.log, Infinity, { trusted });
      replays.push(performance.now() - t0);
    }
    const steady = replays.slice(10);
    const label = trusted ? 'stored log' : 'untrusted log, every rule re-checked';
    results[`replay of a 24-month log, ${label} (p50)`] =
      `${fmt(percentile(steady, 50))} (p99 ${fmt(percentile(steady, 99))}; first ${fmt(replays[0]!)}; ${full.log.length} entries; target ≤ 25 ms)`;
  }

  // 3. Seeded bot playthroughs of the flagship.
  const t0 = performance.now();
  for (let seed = 1; seed <= opts.playthroughs; seed++)
    new Autoplay(s, createExercise(s, { seed, bots: [] })).play();
  const total = performance.now() - t0;
  results[`${opts.playthroughs} bot playthroughs of the flagship`] =
    `${(total / 1000).toFixed(1)} s (${fmt(total / opts.playthroughs)} each)`;
  return results;
}
