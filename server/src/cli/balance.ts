import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  applyVariant,
  balanceCsv,
  balanceTable,
  buildBalanceReport,
  parseVariant,
  planBalance,
  strengthsOf,
  variantErrors,
  type BalanceReport,
  type Scenario,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import type { BalanceJob, BalanceWorkerData } from './balance-worker.ts';
import { loadScenarioOrExit } from './load-scenario.ts';

export interface BalanceOptions {
  seeds: number[];
  turns: number;
  base: Variant;
  variants: Variant[];
  ablation: boolean;
  forceMonth: number;
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/** Play every (variant, seed) on worker threads and build the balance report. */
export async function runBalance(s: Scenario, o: BalanceOptions): Promise<BalanceReport> {
  const { all, ablations } = planBalance(s, o);
  const data: BalanceWorkerData = {
    turns: o.turns,
    variants: Object.fromEntries(
      all.map((v) => [v.id, { scenario: applyVariant(s, v), strength: strengthsOf(s, v) }]),
    ),
  };
  const jobs: BalanceJob[] = all.flatMap((v) => o.seeds.map((seed) => ({ variant: v.id, seed })));
  const results = new Map<string, SeedOutcome[]>(all.map((v) => [v.id, []]));
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const count = Math.max(1, Math.min(o.workers, jobs.length));
    const workers = Array.from(
      { length: count },
      () => new Worker(new URL('./balance-worker.mjs', import.meta.url), { workerData: data }),
    );
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    for (const w of workers) {
      const feed = () => {
        if (next < jobs.length) w.postMessage(jobs[next++]);
      };
      w.on('message', (m: { job: BalanceJob; outcome: SeedOutcome }) => {
        results.get(m.job.variant)!.push(m.outcome);
        o.onProgress?.(++done, jobs.length);
        if (done === jobs.length) finish();
        else feed();
      });
      w.on('error', finish);
      feed();
    }
    if (jobs.length === 0) finish();
  });
  for (const runs of results.values()) runs.sort((a, b) => a.seed - b.seed);
  return buildBalanceReport(s, o.turns, o.seeds, o.base.id, results, ablations);
}

function progressBar(started: number) {
  return (done: number, total: number) => {
    if (!process.stderr.isTTY) return;
    const width = 30;
    const fill = Math.round((width * done) / total);
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} runs, ${secs}s`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

function variantOrExit(s: Scenario, text: string): Variant {
  const v = parseVariant(text);
  const errors = typeof v === 'string' ? [v] : variantErrors(s, v);
  if (typeof v === 'string' || errors.length > 0) {
    console.error(`--base/--variant "${text}": ${errors.join('; ')}`);
    process.exit(2);
  }
  return v;
}

const USAGE =
  'usage: npm run balance -- [--scenario FILE|ID] [--seeds N] [--first-seed N] [--turns N] [--base V]\n' +
  '  [--variant V ...] [--ablation on|off] [--force-month N] [--workers N] [--format table|json|csv]';

/** The command line read, or exit 2 with the reason and the usage (an unknown option, one without its value). */
function readArgs() {
  try {
    return parseArgs({
      options: {
        scenario: { type: 'string', default: 'france-2025' },
        seeds: { type: 'string', default: '20' },
        'first-seed': { type: 'string', default: '1' },
        turns: { type: 'string' },
        base: { type: 'string', default: '' },
        variant: { type: 'string', multiple: true, default: [] },
        ablation: { type: 'string', default: 'on' },
        'force-month': { type: 'string', default: '6' },
        workers: { type: 'string', default: String(availableParallelism()) },
        format: { type: 'string', default: 'table' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

async function main() {
  const values = readArgs();
  const s = loadScenarioOrExit(values.scenario!);
  const n = Number(values.seeds);
  const first = Number(values['first-seed']);
  const turns = values.turns === undefined ? s.meta.turns : Number(values.turns);
  const forceMonth = Number(values['force-month']);
  const workers = Number(values.workers);
  const whole = [n, first, turns, forceMonth, workers].every(Number.isInteger);
  if (!whole || n < 2 || turns < 1 || workers < 1 || forceMonth < 1 || forceMonth > s.meta.turns) {
    console.error(
      '--seeds (≥ 2), --first-seed, --turns, --workers and --force-month must be whole numbers in range.',
    );
    process.exit(2);
  }
  if (!['table', 'json', 'csv'].includes(values.format!) || !['on', 'off'].includes(values.ablation!)) {
    console.error('--format must be table, json or csv; --ablation on or off.');
    process.exit(2);
  }
  const base = variantOrExit(s, values.base!);
  const started = Date.now();
  const report = await runBalance(s, {
    seeds: Array.from({ length: n }, (_, i) => first + i),
    turns,
    base,
    variants: values.variant!.map((t) => variantOrExit(s, t)),
    ablation: values.ablation === 'on',
    forceMonth,
    workers,
    onProgress: progressBar(started),
  });
  console.error(`balance: ${((Date.now() - started) / 1000).toFixed(1)}s on ${workers} workers`);
  if (values.format === 'json') console.log(JSON.stringify(report));
  else if (values.format === 'csv') console.log(balanceCsv(report));
  else console.log(balanceTable(report));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) void main();
