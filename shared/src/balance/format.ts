import type { BalanceReport, VariantSummary } from './report.ts';

const num = (n: number) =>
  Math.abs(n) >= 1e6
    ? `${(n / 1e6).toFixed(1)}M`
    : Math.abs(n) >= 1000
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : n.toFixed(2);

function grid(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

/** The report for reading on a terminal: distributions, variants side by side, ablation. */
export function balanceTable(r: BalanceReport): string {
  const out: string[] = [];
  out.push(`${r.scenario.title} — ${r.seeds.length} seeds × ${r.turns} months, baseline "${r.baseline.id}"`);
  out.push('');
  const rows = [['figure', 'p10', 'median', 'p90', 'mean', 'noise']];
  for (const [k, d] of Object.entries(r.baseline.figures))
    rows.push([k, num(d.p10), num(d.median), num(d.p90), num(d.mean), num(r.noise[k]?.noise ?? 0)]);
  out.push(grid(rows));
  if (r.variants.length > 0) out.push('', 'median (mean) by variant', variantGrid(r.baseline, r.variants));
  if (r.ablation.length > 0) {
    out.push('', 'ablation against the baseline (mean moves beyond the noise floor)');
    const ab = [['variant', 'verdict', 'largest moves (baseline → variant)']];
    for (const a of r.ablation) {
      const top = [...a.moved]
        .sort((x, y) => Math.abs(y.delta) / (y.noise || 1) - Math.abs(x.delta) / (x.noise || 1))
        .slice(0, 3)
        .map((m) => `${m.figure} ${num(m.baseline)}→${num(m.value)}`)
        .join('; ');
      ab.push([a.variant, a.dead ? 'DEAD MECHANIC' : `${a.moved.length} moved`, top]);
    }
    out.push(grid(ab));
  }
  return out.join('\n');
}

function variantGrid(base: VariantSummary, variants: readonly VariantSummary[]): string {
  const all = [base, ...variants];
  const rows = [['figure', ...all.map((v) => v.id)]];
  for (const k of Object.keys(base.figures))
    rows.push([
      k,
      ...all.map((v) => {
        const d = v.figures[k];
        return d ? `${num(d.median)} (${num(d.mean)})` : '—';
      }),
    ]);
  return grid(rows);
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break (a variant's id holds commas). */
const cell = (v: string | number) => {
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvRow = (cells: (string | number)[]) => cells.map(cell).join(',');

/**
 * The report as CSV (RFC 4180 quoting): one row per variant and figure, then one per figure an
 * ablation moved beyond noise (`mean` is the variant's, `baseline_mean` the baseline's), or one `dead`
 * row.
 */
export function balanceCsv(r: BalanceReport): string {
  const rows = ['kind,variant,figure,p10,median,p90,mean,noise,baseline_mean,delta'];
  for (const v of [r.baseline, ...r.variants])
    for (const [k, d] of Object.entries(v.figures))
      rows.push(
        csvRow(['distribution', v.id, k, d.p10, d.median, d.p90, d.mean, r.noise[k]?.noise ?? '', '', '']),
      );
  for (const a of r.ablation) {
    if (a.dead) rows.push(csvRow(['ablation', a.variant, 'dead', '', '', '', '', '', '', '']));
    for (const m of a.moved)
      rows.push(csvRow(['ablation', a.variant, m.figure, '', '', '', m.value, m.noise, m.baseline, m.delta]));
  }
  return rows.join('\n');
}
