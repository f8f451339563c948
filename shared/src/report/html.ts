import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import type { AfterActionReport } from './report.ts';

const escape = (v: unknown) =>
  String(v).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const num = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Math.round(v * 1000) / 1000);

function table(head: string[], rows: (string | number)[][]): string {
  if (!rows.length) return '<p class="empty">None.</p>';
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(typeof c === 'number' ? num(c) : c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The after-action report as one self-contained, printable HTML page (every value escaped). */
export function reportHtml(s: Scenario, r: AfterActionReport): string {
  const ix = indexOf(s);
  const teamName = (id: string) => ix.teams.get(id)?.name ?? id;
  const last = r.history[r.history.length - 1];
  const sections = [
    `<h1>${escape(r.scenario.title)} — after-action report</h1>`,
    `<p>Seed ${r.seed} · ${r.monthsPlayed} of ${r.scenario.turns} months played · final state <code>${escape(r.finalHash.slice(0, 16))}</code></p>`,
    '<h2>Objectives by team</h2>',
    ...r.teams.map(
      (t) =>
        `<h3>${escape(t.name)} <small>(${escape(t.kind)}, score ${t.score}/100)</small></h3>` +
        table(
          ['objective', 'value', 'target', 'met'],
          t.objectives.map((o) => [o.label, o.value, `${o.op} ${num(o.target)}`, o.met ? 'yes' : 'no']),
        ),
    ),
    '<h2>Key indicators at the end</h2>',
    table(
      ['indicator', 'value'],
      r.kpiNames.map((k) => [`${k.label}${k.unit ? ` (${k.unit})` : ''}`, last?.kpis['*']?.[k.id] ?? 0]),
    ),
    '<h2>Month by month</h2>',
    ...r.months.map(
      (m) =>
        `<section class="month"><h3>${escape(m.label)} (month ${m.month})</h3>` +
        (m.injects.length
          ? `<p><strong>Injects:</strong> ${m.injects.map((i) => escape(i.title)).join('; ')}</p>`
          : '') +
        `<p><strong>Territory:</strong> ${Object.entries(m.territory)
          .map(([f, v]) => `${escape(ix.fronts.get(f)?.name ?? f)} ${v}`)
          .join(', ')}</p>` +
        table(
          ['team', 'decision'],
          m.decisions.map((d) => [teamName(d.team), d.text]),
        ) +
        (m.headlines.length
          ? `<ul class="news">${m.headlines.map((h) => `<li>${escape(h)}</li>`).join('')}</ul>`
          : '') +
        '</section>',
    ),
    '<h2>Contracts</h2>',
    table(
      ['id', 'buyer', 'seller', 'product', 'qty', 'delivered', 'unit price €', 'type', 'rating', 'status'],
      r.contracts.map((c) => [
        c.id,
        teamName(c.buyer),
        teamName(c.seller),
        ix.products.get(c.terms.product)?.name ?? c.terms.product,
        c.terms.qty,
        c.delivered,
        c.terms.unitPrice,
        c.terms.type,
        c.terms.rating,
        c.status,
      ]),
    ),
    '<h2>Injects and their effects</h2>',
    table(
      ['inject', 'from month', 'until', 'effects'],
      r.injects.map((i) => [i.title, i.startMonth, i.endMonth ?? '—', i.effects.join('; ')]),
    ),
    '<h2>Facilitator overrides</h2>',
    table(
      ['month', 'figure', 'change', 'reason'],
      r.overrides.map((o) => [
        o.month,
        o.target,
        `adjudicated ${o.adjudicated} → published ${o.to}`,
        o.reason,
      ]),
    ),
    '<h2>Notes and insights</h2>',
    table(
      ['month', 'by', 'kind', 'note'],
      r.notes.map((n) => [n.month, n.by, n.kind, n.text]),
    ),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(r.scenario.title)} — after-action report</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#eee}section.month{break-inside:avoid}.empty{color:#666}@media print{body{margin:0;max-width:none}h2{break-before:page}}</style>
</head><body>${sections.join('\n')}</body></html>`;
}
