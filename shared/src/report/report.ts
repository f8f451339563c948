import { pickText } from '../schema/text.ts';
import { nameBook, narrate, newsText } from '../narration/render.ts';
import { orderMessage, type OfferRef } from '../narration/orders.ts';
import { effectMessage } from '../narration/effects.ts';
import type { Command } from '../schema/commands.ts';
import type { Effect, Scenario } from '../schema/scenario.ts';
import { indexOf, monthLabel } from '../engine/lookup.ts';
import { objectiveStatus, teamScore } from '../engine/metrics.ts';
import type { Contract, MonthRecord } from '../engine/state.ts';
import { applyCommand, createExercise, hashState, type ExerciseSetup } from '../machine/exercise.ts';
import type {
  ExerciseState,
  FreeFormAction,
  LoggedCommand,
  Note,
  OverrideRecord,
} from '../exercise/types.ts';

/** One team's decision in a month, in words, with the log entry it came from. */
export interface Decision {
  seq: number;
  team: string;
  text: string;
}

export interface ReportMonth {
  month: number;
  label: string;
  decisions: Decision[];
  injects: { id: string; title: string }[];
  headlines: string[];
  territory: Record<string, number>;
  output: Record<string, number>;
}

export interface AfterActionReport {
  scenario: { id: string; title: string; turns: number };
  seed: number;
  monthsPlayed: number;
  finalHash: string;
  teams: {
    id: string;
    name: string;
    kind: string;
    score: number;
    objectives: ReturnType<typeof objectiveStatus>;
    /** For a team with plants: its idle capacity and stranded capex at the end, and the peak. */
    stranded?: StrandedSummary;
  }[];
  kpiNames: { id: string; label: string; unit: string }[];
  /** KPI values per month: `kpis[month][team or "*"][kpi]`. */
  history: MonthRecord[];
  months: ReportMonth[];
  contracts: Contract[];
  injects: {
    id: string;
    title: string;
    startMonth: number;
    endMonth: number | null;
    /** The drawn option's label, for an inject that chooses among options. */
    option?: string;
    effects: string[];
  }[];
  overrides: OverrideRecord[];
  /** Free-form actions: the argument, and once adjudicated the odds, the roll and the effects applied. */
  actions: (FreeFormAction & { effectsText: string[] })[];
  notes: Note[];
}

/** Capacity no order called for, and the capex tied in it (README, _Demand-driven output_). */
export interface StrandedSummary {
  /** units/month idle in the last month played */
  idleCapacity: number;
  /** € stranded in the last month played */
  strandedCapex: number;
  /** the most € stranded in any month, and that month (0: never) */
  peakCapex: number;
  peakMonth: number;
}

/** A team's stranded capacity over the months played, from its month records; none without plants. */
export function strandedSummary(history: readonly MonthRecord[], team: string): StrandedSummary | undefined {
  const rows = history.filter((h) => h.kpis[team]?.strandedCapex !== undefined);
  if (!rows.length) return undefined;
  const last = rows[rows.length - 1]!.kpis[team]!;
  let peakCapex = 0;
  let peakMonth = 0;
  for (const h of rows) {
    const v = h.kpis[team]!.strandedCapex!;
    if (v > peakCapex) [peakCapex, peakMonth] = [v, h.month];
  }
  return {
    idleCapacity: last.idleCapacity ?? 0,
    strandedCapex: last.strandedCapex ?? 0,
    peakCapex,
    peakMonth,
  };
}

/** The decisions a command stands for, in words (contract moves and orders; not chat). */
function decisionsOf(s: Scenario, c: Command, offers: readonly OfferRef[]): string[] {
  const ix = indexOf(s);
  switch (c.type) {
    case 'submitOrders':
      return c.orders.map((o) => narrate(orderMessage(s, o, offers), 'en', nameBook(s)));
    case 'offerContract':
      return [
        `offers to ${c.as === 'buyer' ? 'buy' : 'sell'} ${c.terms.qty} ${ix.products.get(c.terms.product)?.name ?? c.terms.product} at ${c.terms.unitPrice} € (${c.terms.type}${c.terms.rating !== 'none' ? `, ${c.terms.rating}` : ''}) with ${ix.teams.get(c.counterparty)?.name ?? c.counterparty}`,
      ];
    case 'counterContract':
      return [`counters on ${c.contract}: ${c.terms.qty} at ${c.terms.unitPrice} €`];
    case 'acceptContract':
      return [`accepts ${c.contract}`];
    case 'rejectContract':
      return [`rejects ${c.contract}`];
    case 'cancelContract':
      return [`cancels ${c.contract}`];
    default:
      return [];
  }
}

function effectsInWords(s: Scenario, effects: readonly Effect[]): string[] {
  return effects.map((e) => narrate(effectMessage(e), 'en', nameBook(s)));
}

/**
 * The after-action report, computed from the log alone: fold it once, noting each team's decisions in
 * the month they were made, then read objectives, KPIs, contracts, injects, overrides and notes from the
 * final state.
 */
export function buildReport(
  s: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
): AfterActionReport {
  const ix = indexOf(s);
  let state: ExerciseState = createExercise(s, setup);
  const decisions = new Map<number, Decision[]>();
  const submitted = new Map<string, Decision[]>();
  // One entry per occurrence: a recurring inject starts several times, each with its drawn option.
  const injects = new Map<
    string,
    {
      id: string;
      title: string;
      startMonth: number;
      endMonth: number | null;
      effects: readonly Effect[];
      option?: string;
    }
  >();
  const headlines = new Map<number, string[]>();
  for (const entry of log) {
    const month = state.context.game.month;
    const before = state.context.game;
    const r = applyCommand(s, state, entry, { trusted: true });
    if (!r.ok) throw new Error(`log entry ${entry.seq} does not apply: ${r.code}`);
    state = r.state;
    const g = state.context.game;
    for (const a of g.activeInjects)
      if (!injects.has(`${a.inject}@${a.startMonth}`))
        injects.set(`${a.inject}@${a.startMonth}`, {
          id: a.inject,
          title: pickText(a.title, 'en'),
          startMonth: a.startMonth,
          endMonth: a.endMonth,
          effects: a.effects,
          ...(a.option ? { option: a.option } : {}),
        });
    if (entry.command.type === 'publish')
      headlines.set(
        month,
        g.news.filter((n) => !n.to).map((n) => newsText(s, n)),
      );
    if (entry.actor.role !== 'team') continue;
    const team = entry.actor.team;
    const list = decisions.get(month) ?? [];
    const made = decisionsOf(s, entry.command, before.marketOffers).map((text) => ({
      seq: entry.seq,
      team,
      text,
    }));
    if (entry.command.type === 'submitOrders') {
      // A resubmission replaces the earlier orders of that month.
      const key = `${month}/${team}`;
      const earlier = new Set(submitted.get(key) ?? []);
      submitted.set(key, made);
      decisions.set(month, [...list.filter((d) => !earlier.has(d)), ...made]);
    } else decisions.set(month, [...list, ...made]);
  }
  const g = state.context.game;
  const months: ReportMonth[] = g.history.map((h) => ({
    month: h.month,
    label: monthLabel(s.meta.startMonth, h.month),
    decisions: decisions.get(h.month) ?? [],
    injects: [...injects.values()]
      .filter((a) => a.startMonth === h.month)
      .map(({ id, title }) => ({ id, title })),
    headlines: headlines.get(h.month) ?? [],
    territory: h.territory,
    output: h.output,
  }));
  return {
    scenario: { id: s.meta.id, title: pickText(s.meta.title, 'en'), turns: s.meta.turns },
    seed: setup.seed,
    monthsPlayed: g.history.length,
    finalHash: hashState(state),
    teams: s.teams.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      score: teamScore(s, g, t.id),
      objectives: objectiveStatus(s, g, t.id),
      ...((x) => (x ? { stranded: x } : {}))(strandedSummary(g.history, t.id)),
    })),
    kpiNames: s.kpis.map((k) => ({ id: k.id, label: pickText(k.label, 'en'), unit: k.unit })),
    history: g.history,
    months,
    contracts: g.contracts,
    injects: [...injects.values()].map(({ effects, option, ...a }) => {
      const inj = ix.injects.get(a.id);
      const drawn = option ? inj?.options?.find((o) => o.id === option) : undefined;
      return {
        ...a,
        title: pickText(inj?.title, 'en') ?? a.title,
        ...(drawn ? { option: pickText(drawn.label, 'en') } : {}),
        effects: effectsInWords(s, effects),
      };
    }),
    overrides: state.context.overrides,
    actions: (state.context.actions ?? []).map((a) => ({
      ...a,
      effectsText: effectsInWords(s, a.outcome?.effects ?? []),
    })),
    notes: state.context.notes,
  };
}

const csvCell = (v: string | number) => {
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** KPIs per month as CSV: `month,label,team,kpi,value` ("*" is the scenario-wide KPIs). */
export function reportCsv(s: Scenario, report: AfterActionReport): string {
  const rows = ['month,label,team,kpi,value'];
  for (const h of report.history)
    for (const [team, kpis] of Object.entries(h.kpis))
      for (const [kpi, value] of Object.entries(kpis))
        rows.push([h.month, monthLabel(s.meta.startMonth, h.month), team, kpi, value].map(csvCell).join(','));
  return rows.join('\n') + '\n';
}
