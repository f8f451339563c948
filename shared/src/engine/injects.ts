import type { Inject, Scenario } from '../schema/scenario.ts';
import type { Dice } from '../util/rng.ts';
import { pay, say, WORLD } from './finance.ts';
import { compare, metricValue } from './metrics.ts';
import { openOffer } from './offers.ts';
import type { GameState, NewsEvent } from './state.ts';

/**
 * Start an inject now: record it as active for its duration and carry out its one-shot effects
 * (money, political capital, levers, EW shifts, stoppages, qualification slips, market offers).
 */
export function activateInject(s: Scenario, g: GameState, inj: Inject, news: NewsEvent[]): void {
  g.firedInjects.push(inj.id);
  g.activeInjects.push({
    inject: inj.id,
    title: inj.title,
    startMonth: g.month,
    endMonth: inj.durationMonths > 0 ? g.month + inj.durationMonths : null,
    effects: inj.effects,
  });
  say(news, g.month, 'inject', {
    key: 'inject.start',
    inject: inj.id,
    title: inj.title,
    description: inj.description,
  });
  for (const [k, e] of inj.effects.entries()) {
    switch (e.type) {
      case 'money':
        if (e.delta >= 0) pay(g, WORLD, e.team, e.delta, 'inject');
        else pay(g, e.team, WORLD, Math.min(-e.delta, g.teams[e.team]?.money ?? 0), 'inject');
        break;
      case 'politicalCapital': {
        const t = g.teams[e.team];
        if (t) t.politicalCapital = Math.max(0, t.politicalCapital + e.delta);
        break;
      }
      case 'unlockLever':
        g.levers[e.lever] = true;
        break;
      case 'ewLevel':
        for (const f of Object.values(g.fronts))
          if (e.front === undefined || e.front === f.id)
            f.ewLevel = Math.max(0, Math.min(s.rules.ewLevelMax, f.ewLevel + e.delta));
        break;
      case 'lineStoppage': {
        const plant = g.plants[e.plant];
        for (const l of plant?.lines ?? []) {
          if (l.state === 'damaged' || l.state === 'idle') continue;
          l.resumeState = l.state;
          l.state = 'idle';
          l.monthsLeft = e.months;
          l.since = g.month - 1;
        }
        break;
      }
      case 'qualificationDelay':
        for (const p of Object.values(g.plants))
          for (const l of p.lines) if (l.state === 'qualifying') l.monthsLeft += e.months;
        break;
      case 'marketOffer':
        g.marketOffers.push(
          openOffer(
            e,
            // One id per effect: two offers of one inject are two offers (the first keeps the old id).
            k === firstOffer(inj) ? `${inj.id}-${g.month}` : `${inj.id}-${g.month}-${k + 1}`,
            inj.durationMonths > 0 ? g.month + inj.durationMonths : s.meta.turns + 1,
          ),
        );
        break;
      default:
        break;
    }
  }
}

/** Index of an inject's first market offer effect. */
const firstOffer = (inj: Inject) => inj.effects.findIndex((e) => e.type === 'marketOffer');

/** Expire injects that have run their course, then fire the ones whose trigger is met this month. */
export function runInjects(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  const ended = g.activeInjects.filter((a) => a.endMonth !== null && a.endMonth <= g.month);
  for (const a of ended)
    say(news, g.month, 'inject_end', { key: 'inject.end', inject: a.inject, title: a.title });
  g.activeInjects = g.activeInjects.filter((a) => a.endMonth === null || a.endMonth > g.month);
  g.marketOffers = g.marketOffers.filter((m) => m.endMonth > g.month && m.qty > 0);
  for (const inj of s.injects) {
    if (g.firedInjects.includes(inj.id) || g.suppressedInjects?.includes(inj.id)) continue;
    if (isDue(s, g, inj, dice)) activateInject(s, g, inj, news);
  }
}

type ConditionTrigger = Extract<Inject['trigger'], { type: 'condition' }>;

/**
 * The model value a conditional inject watches, and whether its condition holds in `g`: the very test
 * the adjudication applies at the start of the month (the run sheet shows it to the White Cell).
 */
export function injectCondition(
  s: Scenario,
  g: GameState,
  t: ConditionTrigger,
): { value: number; holds: boolean } {
  const value = metricValue(s, g, t.metric);
  return { value, holds: compare(value, t.op, t.value) };
}

/**
 * The first month (1-based) an inject may start in: its scheduled month, or the month a condition or
 * chance is first checked, moved by the White Cell's delay; null for an inject only the facilitator
 * fires and has not scheduled.
 */
export function injectFromMonth(g: GameState, inj: Inject): number | null {
  const delayed = g.delayedInjects?.[inj.id];
  const t = inj.trigger;
  switch (t.type) {
    case 'month':
      return delayed ?? t.month;
    case 'condition':
    case 'chance':
      return Math.max(t.fromMonth, delayed ?? 1);
    case 'facilitator':
      return delayed ?? null;
  }
}

/** Whether an inject starts this month. A delayed scheduled (or facilitator) inject starts at its new month. */
function isDue(s: Scenario, g: GameState, inj: Inject, dice: Dice): boolean {
  const from = injectFromMonth(g, inj);
  if (from === null || g.month < from) return false;
  const t = inj.trigger;
  switch (t.type) {
    case 'month':
      return g.delayedInjects?.[inj.id] !== undefined || t.month === g.month;
    case 'condition':
      return injectCondition(s, g, t).holds;
    case 'chance':
      return dice.chance(t.perMonth);
    case 'facilitator':
      return true;
  }
}

export type InjectState = 'pending' | 'active' | 'fired' | 'suppressed';

/** One line of the White Cell's run sheet: where an inject stands and, if conditional, its condition now. */
export interface InjectStatus {
  inject: string;
  state: InjectState;
  /** See `injectFromMonth`. */
  fromMonth: number | null;
  delayed: boolean;
  condition?: { value: number; holds: boolean };
}

/** The run sheet: every scenario inject's status in `g`, in scenario order. */
export function injectStatuses(s: Scenario, g: GameState): InjectStatus[] {
  return s.injects.map((inj) => {
    const active = g.activeInjects.some((a) => a.inject === inj.id);
    const state: InjectState = active
      ? 'active'
      : g.firedInjects.includes(inj.id)
        ? 'fired'
        : g.suppressedInjects?.includes(inj.id)
          ? 'suppressed'
          : 'pending';
    const status: InjectStatus = {
      inject: inj.id,
      state,
      fromMonth: injectFromMonth(g, inj),
      delayed: g.delayedInjects?.[inj.id] !== undefined,
    };
    if (inj.trigger.type === 'condition') status.condition = injectCondition(s, g, inj.trigger);
    return status;
  });
}

/** Component sources with an embargo risk may stop shipping this month. */
export function rollEmbargoes(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  for (const c of s.components) {
    for (const src of c.sources) {
      const key = `${c.id}/${src.id}`;
      if (src.embargoRisk <= 0 || (g.embargoes[key] ?? 0) > g.month) continue;
      if (!dice.chance(src.embargoRisk)) continue;
      g.embargoes[key] = g.month + src.embargoMonths;
      say(news, g.month, 'embargo', {
        key: 'embargo',
        item: c.id,
        origin: src.origin,
        months: src.embargoMonths,
      });
    }
  }
}
