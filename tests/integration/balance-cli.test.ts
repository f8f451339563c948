import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  balanceCsv,
  balanceTable,
  buildBalanceReport,
  parseVariant,
  planBalance,
  runVariantSeed,
  type BalanceReport,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';
import { REPO } from './helpers/server.ts';

/**
 * `npm run balance` as a user runs it: the real CLI (server/src/cli/balance.ts under tsx, its games on
 * a worker thread) in a child process, on the tutorial with 2 seeds and no ablation, in each output
 * format. What it prints must have the format's structure and carry the figures the shared code
 * computes for the same games; bad arguments must end in a clear message and exit code 2.
 */
const run = promisify(execFile);
const TSX = join(REPO, 'node_modules/.bin/tsx');
const CLI = join(REPO, 'server/src/cli/balance.ts');
const ARGS = ['--scenario', 'tutorial', '--seeds', '2', '--ablation', 'off', '--workers', '1'];
const BASE = 'bots=competent';
const VARIANT = 'bots=competent,bots.blue=passive';

async function balance(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { cwd: REPO, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** The cells of one CSV row: quoted cells (a variant's id holds commas) unquoted. */
function csvCells(row: string): string[] {
  return [...row.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)]
    .filter((m) => m.index === 0 || row[m.index - 1] === ',')
    .map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!));
}

/** The report the shared code gives for the games the CLI is asked to play. */
function expectedReport(): BalanceReport {
  const s = bundled('tutorial');
  const plan = planBalance(s, {
    base: parseVariant(BASE) as Variant,
    variants: [parseVariant(VARIANT) as Variant],
    ablation: false,
    forceMonth: 6,
  });
  const seeds = [1, 2];
  const outcomes = new Map<string, SeedOutcome[]>(
    plan.all.map((v) => [v.id, seeds.map((seed) => runVariantSeed(s, v, seed, s.meta.turns))]),
  );
  return buildBalanceReport(s, s.meta.turns, seeds, plan.base.id, outcomes, plan.ablations);
}

describe('npm run balance (the CLI in a child process)', () => {
  let expected: BalanceReport;
  beforeAll(() => {
    expected = expectedReport();
  });
  const asked = [...ARGS, '--base', BASE, '--variant', VARIANT];

  it('--format json prints the whole report, equal to the shared code’s for the same games', async () => {
    const r = await balance(...asked, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/balance: [\d.]+s on 1 workers/);
    const report = JSON.parse(r.stdout) as BalanceReport;
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(report.seeds).toEqual([1, 2]);
    expect(report.baseline.id).toBe(BASE);
    expect(report.variants.map((v) => v.id)).toEqual([VARIANT]);
    expect(report.ablation).toEqual([]);
    expect(report.baselineRuns.map((o) => o.seed)).toEqual([1, 2]);
  });

  it('--format csv prints one distribution row per variant and figure, with the shared code’s figures', async () => {
    const r = await balance(...asked, '--format', 'csv');
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toBe('kind,variant,figure,p10,median,p90,mean,noise,baseline_mean,delta');
    const summaries = [expected.baseline, ...expected.variants];
    // the baseline's figures and the variant's (passive Blue converts nothing), no ablation rows
    expect(rows).toHaveLength(summaries.reduce((n, v) => n + Object.keys(v.figures).length, 0));
    for (const row of rows) {
      const [kind, variant, figure, p10, median, p90, meanText, noise, baseMean, delta] = csvCells(row);
      expect(kind).toBe('distribution');
      const d = summaries.find((v) => v.id === variant)!.figures[figure!]!;
      expect([p10, median, p90, meanText].map(Number), figure).toEqual([d.p10, d.median, d.p90, d.mean]);
      expect(Number(noise)).toBe(expected.noise[figure!]!.noise);
      expect([baseMean, delta]).toEqual(['', '']);
    }
    expect(r.stdout.trimEnd()).toBe(balanceCsv(expected));
  });

  it('--format table prints the distributions, the variants side by side and no ablation', async () => {
    const r = await balance(...asked, '--format', 'table');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Tutorial: Le Mans converts — 2 seeds × ${expected.turns} months, baseline "${BASE}"`,
    );
    expect(lines[2]!.split(/\s+/)).toEqual(['figure', 'p10', 'median', 'p90', 'mean', 'noise']);
    const figures = Object.keys(expected.baseline.figures);
    const body = lines.slice(3, 3 + figures.length);
    expect(body.map((l) => l.split(/\s+/)[0])).toEqual(figures);
    for (const l of body) expect(l.trim().split(/\s+/), l).toHaveLength(6);
    expect(lines).toContain('median (mean) by variant');
    expect(r.stdout).not.toContain('ablation against the baseline');
    expect(r.stdout.trimEnd()).toBe(balanceTable(expected));
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'[\s\S]*usage: npm run balance/],
    [['--seeds', '1'], /--seeds \(≥ 2\)/],
    [['--seeds', 'ten'], /whole numbers in range/],
    [['--format', 'xml'], /--format must be table, json or csv/],
    [['--ablation', 'maybe'], /--ablation on or off/],
    [['--variant', 'bots=genius'], /"bots=genius": unknown bot strength "genius"/],
    [['--base', 'inject.nope=off'], /no inject "nope"/],
    [['--scenario', 'no-such-scenario'], /No scenario file or bundled scenario named "no-such-scenario"/],
  ])('refuses %j with a clear message and exit code 2, printing no report', async (bad, message) => {
    const r = await balance(...ARGS, ...bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
