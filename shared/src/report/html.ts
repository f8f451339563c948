import { pickText } from '../schema/text.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import { formatters } from '../narration/format.ts';
import { metricValueText, objectiveSpec, productUnit, targetText } from '../narration/metrics.ts';
import type { AfterActionReport } from './report.ts';

/** Markup that is already safe: made by `markup`, or marked with `raw` (and then only for constant text). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value `markup` may interpolate: text and numbers are escaped, markup is kept, lists are joined. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute. */
export const escapeHtml = (v: string): string => v.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

function render(v: HtmlValue): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/**
 * HTML that escapes by default: every interpolated value is escaped unless it is `Html` (the result of
 * another `markup`, or text marked with `raw`). A value from a scenario or a log cannot open a tag.
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** Text taken as markup as it is: for constant markup only (the page's style sheet), never for data. */
export const raw = (text: string): Html => new Html(text);

const num = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Math.round(v * 1000) / 1000);

function table(head: string[], rows: (string | number)[][]): Html {
  if (!rows.length) return markup`<p class="empty">None.</p>`;
  const cell = (c: string | number) => markup`<td>${typeof c === 'number' ? num(c) : c}</td>`;
  return markup`<table><thead><tr>${head.map((h) => markup`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => markup`<tr>${r.map(cell)}</tr>`,
  )}</tbody></table>`;
}

/** The report is written in English, its figures in human units (€, %, counts). */
const EN = formatters('en');

/** The after-action report as one self-contained, printable HTML page (every value escaped by `markup`). */
export function reportHtml(s: Scenario, r: AfterActionReport): string {
  const ix = indexOf(s);
  const teamName = (id: string) => ix.teams.get(id)?.name ?? id;
  const last = r.history[r.history.length - 1];
  const sections: Html[] = [
    markup`<h1>${r.scenario.title} — after-action report</h1>`,
    markup`<p>Seed ${r.seed} · ${r.monthsPlayed} of ${r.scenario.turns} months played · final state <code>${r.finalHash.slice(0, 16)}</code></p>`,
    markup`<h2>Objectives by team</h2>`,
    ...r.teams.map(
      (t) =>
        markup`<h3>${t.name} <small>(${t.kind}, score ${t.score}/100)</small></h3>${table(
          ['objective', 'value', 'target', 'met'],
          t.objectives.map((o) => {
            const metric = objectiveSpec(s, t.id, o.id)?.metric;
            return [
              pickText(o.label, 'en'),
              metric ? metricValueText(EN, metric.kind, o.value) : o.value,
              metric ? targetText(EN, { ...o, metric }, productUnit(s, metric)) : `${o.op} ${num(o.target)}`,
              o.met ? 'yes' : 'no',
            ];
          }),
        )}`,
    ),
    markup`<h2>Idle capacity and stranded capex</h2>`,
    table(
      [
        'team',
        'idle capacity at the end (units/month)',
        'stranded capex at the end (€)',
        'peak (€)',
        'in month',
      ],
      r.teams.flatMap((t) =>
        t.stranded
          ? [
              [
                t.name,
                t.stranded.idleCapacity,
                t.stranded.strandedCapex,
                t.stranded.peakCapex,
                t.stranded.peakMonth || '—',
              ],
            ]
          : [],
      ),
    ),
    markup`<h2>Key indicators at the end</h2>`,
    table(
      ['indicator', 'value'],
      r.kpiNames.map((k) => [`${k.label}${k.unit ? ` (${k.unit})` : ''}`, last?.kpis['*']?.[k.id] ?? 0]),
    ),
    markup`<h2>Month by month</h2>`,
    ...r.months.map(
      (m) =>
        markup`<section class="month"><h3>${m.label} (month ${m.month})</h3>${
          m.injects.length
            ? markup`<p><strong>Injects:</strong> ${m.injects.map((i) => i.title).join('; ')}</p>`
            : null
        }<p><strong>Territory:</strong> ${Object.entries(m.territory)
          .map(([f, v]) => `${ix.fronts.get(f)?.name ?? f} ${v}`)
          .join(', ')}</p>${table(
          ['team', 'decision'],
          m.decisions.map((d) => [teamName(d.team), d.text]),
        )}${
          m.headlines.length
            ? markup`<ul class="news">${m.headlines.map((h) => markup`<li>${h}</li>`)}</ul>`
            : null
        }</section>`,
    ),
    markup`<h2>Contracts</h2>`,
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
    markup`<h2>Injects and their effects</h2>`,
    table(
      ['inject', 'from month', 'until', 'effects'],
      r.injects.map((i) => [
        i.option ? `${i.title}: ${i.option}` : i.title,
        i.startMonth,
        i.endMonth ?? '—',
        i.effects.join('; '),
      ]),
    ),
    markup`<h2>Facilitator overrides</h2>`,
    table(
      ['month', 'figure', 'change', 'reason'],
      r.overrides.map((o) => [
        o.month,
        o.target,
        `adjudicated ${o.adjudicated} → published ${o.to}`,
        o.reason,
      ]),
    ),
    markup`<h2>Free-form actions</h2>`,
    table(
      ['month', 'team', 'action', 'argument', 'odds', 'roll', 'result', 'effects', 'narration'],
      r.actions.map((a) => [
        a.month,
        a.team,
        a.title,
        a.argument,
        a.outcome ? `${a.outcome.odds} %${a.outcome.defaultOdds ? ' (default)' : ''}` : '—',
        a.outcome?.roll ?? '—',
        a.outcome ? (a.outcome.success ? 'success' : 'failure') : 'not adjudicated',
        a.effectsText.join('; '),
        a.outcome?.narration ?? '',
      ]),
    ),
    markup`<h2>Notes and insights</h2>`,
    table(
      ['month', 'by', 'kind', 'note'],
      r.notes.map((n) => [n.month, n.by, n.kind, n.text]),
    ),
  ];
  return markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${r.scenario.title} — after-action report</title>
<style>${raw(STYLE)}</style>
</head><body>${sections.map((section, i) => (i ? [raw('\n'), section] : section))}</body></html>`.text;
}

const STYLE =
  'body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#eee}section.month{break-inside:avoid}.empty{color:#666}@media print{body{margin:0;max-width:none}h2{break-before:page}}';
