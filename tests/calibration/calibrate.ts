/**
 * `npm run calibrate [-- --seeds N] [-- --case ID]`: play every calibration case and print, per
 * anchor, the historical figure, the engine's (10th percentile, median, 90th over the seeds), the
 * ratio engine ÷ history of the median, the share of seeds within [0.5, 2], and pass or fail.
 * Exits 1 when an anchor fails.
 */
import { parseArgs } from 'node:util';
import { calibrate, caseFiles, loadCase, type AnchorResult } from './case.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, case: { type: 'string' } } });
const seeds = values.seeds === undefined ? undefined : Number(values.seeds);
if (seeds !== undefined && !(Number.isInteger(seeds) && seeds >= 1)) {
  console.error('--seeds must be a whole number ≥ 1');
  process.exit(2);
}

const fmt = (x: number | null) =>
  x === null
    ? 'never'
    : Math.abs(x) >= 100
      ? Math.round(x).toLocaleString('en')
      : String(Math.round(x * 100) / 100);
const rows: string[][] = [['case', 'anchor', 'history', 'engine p10 / median / p90', 'ratio', 'in band', '']];
const results: AnchorResult[] = [];
for (const file of caseFiles()) {
  const c = loadCase(file);
  if (values.case && c.id !== values.case) continue;
  for (const r of calibrate(c, seeds)) {
    results.push(r);
    rows.push([
      c.id,
      r.anchor.label,
      fmt(r.anchor.history),
      `${fmt(r.p10)} / ${fmt(r.median)} / ${fmt(r.p90)}`,
      r.ratio === null ? '—' : r.ratio.toFixed(2),
      `${Math.round(r.inBand * 100)} %`,
      r.pass ? 'pass' : 'FAIL',
    ]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [k, r] of rows.entries()) {
  console.log(
    r.map((cell, i) => (i >= 2 && i <= 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '),
  );
  if (k === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
}
const failed = results.filter((r) => !r.pass).length;
console.log(
  `\n${results.length - failed} of ${results.length} anchors pass (engine ÷ history within [0.5, 2] for the median and ≥ 90 % of seeds).`,
);
if (failed) process.exitCode = 1;
