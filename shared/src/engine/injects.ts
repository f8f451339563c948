import type { Effect, Inject, InjectOption, Scenario } from '../schema/scenario.ts';
import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import { pickText } from '../schema/text.ts';
import type { Dice } from '../util/rng.ts';
import { pay, say, WORLD } from './finance.ts';
import { compare, metricValue } from './metrics.ts';
import { indexOf, sourceKey } from './lookup.ts';
import { openOffer } from './offers.ts';
import type { GameState, NewsEvent } from './state.ts';

/**
 * The injects a team may avert by a concession (their `concession` names it): what its order form
 * offers, what its copy of the scenario keeps, and the only ones its `concede` order may name.
 */
export const concessionsFor = (s: Scenario, team: string | null): Inject[] =>
  s.injects.filter((i) => i.concession !== undefined && i.concession.team === team);

/**
 * Draw one of an inject's options by weight with the exercise's dice (one draw, none when the inject
 * has no options). The dice live in the state, so a replay or a fork of the log draws the same option.
 */
export function drawOption(inj: Inject, dice: Dice): InjectOption | null {
  const options = inj.options;
  if (!options?.length) return null;
  let roll = dice.next();
  for (const { option, share } of optionShares(options)) {
    roll -= share;
    if (roll < 0) return option;
  }
  return options[options.length - 1]!;
}

/** Each option's chance of being drawn: its weight over the options' total. */
export const optionShares = (options: readonly InjectOption[]) => {
  const total = options.reduce((sum, o) => sum + o.weight, 0);
  return options.map((option) => ({ option, share: option.weight / total }));
};

/**
 * Start an inject now: draw its option if it has options, record it as active for its duration and
 * carry out its one-shot effects (money, political capital, levers, EW shifts, stoppages,
 * qualification slips, market offers), its own and then its option's.
 */
export function activateInject(s: Scenario, g: GameState, inj: Inject, dice: Dice, news: NewsEvent[]): void {
  const option = drawOption(inj, dice);
  const effects = option ? [...inj.effects, ...option.effects] : inj.effects;
  g.firedInjects.push(inj.id);
  g.activeInjects.push({
    inject: inj.id,
    title: inj.title,
    startMonth: g.month,
    endMonth: endOf(inj, g.month),
    effects,
    ...(option ? { option: option.id } : {}),
  });
  say(news, g.month, 'inject', {
    key: 'inject.start',
    inject: inj.id,
    title: inj.title,
    description: inj.description,
  });
  if (option)
    say(news, g.month, 'inject', {
      key: 'inject.option',
      inject: inj.id,
      option: option.id,
      title: inj.title,
      label: option.label,
    });
  const first = effects.findIndex((e) => e.type === 'marketOffer');
  for (const [k, e] of effects.entries()) oneShot(s, g, inj, e, k === first ? '' : `-${k + 1}`);
}

/**
 * First month an occurrence no longer applies. A one-off inject of `durationMonths: 0` is permanent;
 * an occurrence of a recurring one acts once (one-shot effects only) and is over by the next month,
 * so the list of injects in force never fills with its past occurrences.
 */
const endOf = (inj: Inject, month: number): number | null =>
  inj.durationMonths > 0 ? month + inj.durationMonths : inj.trigger.type === 'recurring' ? month + 1 : null;

/** A recurring inject's momentary occurrence ends without a word: there was nothing in force to end. */
const endsQuietly = (s: Scenario, inject: string) =>
  s.injects.some((i) => i.id === inject && i.trigger.type === 'recurring' && i.durationMonths === 0);

/** Carry out one effect that acts when its inject starts; lasting effects are read while it is active. */
function oneShot(s: Scenario, g: GameState, inj: Inject, e: Effect, offerSuffix: string): void {
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
          // One id per effect: two offers of one inject are two offers (the first keeps the plain
          // id); the month tells a recurring inject's occurrences apart.
          `${inj.id}-${g.month}${offerSuffix}`,
          inj.durationMonths > 0 ? g.month + inj.durationMonths : s.meta.turns + 1,
        ),
      );
      break;
    default:
      break;
  }
}

/** Expire injects that have run their course, then fire the ones whose trigger is met this month. */
export function runInjects(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  const ended = g.activeInjects.filter((a) => a.endMonth !== null && a.endMonth <= g.month);
  for (const a of ended)
    if (!endsQuietly(s, a.inject))
      say(news, g.month, 'inject_end', { key: 'inject.end', inject: a.inject, title: a.title });
  g.activeInjects = g.activeInjects.filter((a) => a.endMonth === null || a.endMonth > g.month);
  g.marketOffers = g.marketOffers.filter((m) => m.endMonth > g.month && m.qty > 0);
  for (const inj of s.injects) {
    if (g.suppressedInjects?.includes(inj.id)) continue;
    if (inj.trigger.type !== 'recurring' && g.firedInjects.includes(inj.id)) continue;
    if (isDue(s, g, inj, dice)) activateInject(s, g, inj, dice, news);
  }
}

/** How many times an inject has started so far, by its trigger or by the White Cell's hand. */
export const timesFired = (g: GameState, inject: string): number =>
  g.firedInjects.reduce((n, id) => n + (id === inject ? 1 : 0), 0);

/**
 * Whether an inject (one of its occurrences) is in force now. A recurring inject's momentary
 * occurrence stays listed until the next adjudication clears it, but it is over once its month is.
 */
const runningNow = (g: GameState, inj: Inject) =>
  g.activeInjects.some((a) => a.inject === inj.id && (a.endMonth === null || a.endMonth > g.month));

/**
 * The months, from this one on and at most `count` of them, in which a recurring inject will start:
 * from its first month (or the month the White Cell delayed it to) every `everyMonths`, up to
 * `untilMonth` and the last turn, no more than `times` occurrences in all (those fired by hand count).
 * An occurrence already started this month is behind us. Empty for any other trigger.
 */
export function nextOccurrences(s: Scenario, g: GameState, inj: Inject, count: number): number[] {
  const t = inj.trigger;
  if (t.type !== 'recurring') return [];
  const from = injectFromMonth(g, inj) ?? t.fromMonth;
  const last = Math.min(t.untilMonth ?? Infinity, s.meta.turns);
  const left = Math.min(count, (t.times ?? Infinity) - timesFired(g, inj.id));
  let m = g.month <= from ? from : from + Math.ceil((g.month - from) / t.everyMonths) * t.everyMonths;
  if (m === g.month && g.activeInjects.some((a) => a.inject === inj.id && a.startMonth === g.month))
    m += t.everyMonths;
  const out: number[] = [];
  for (; m <= last && out.length < left; m += t.everyMonths) out.push(m);
  return out;
}

/**
 * Whether the White Cell may fire, delay or suppress an inject now (the phase aside). A one-off
 * inject that has started is settled. A recurring one stays open while occurrences remain: it can be
 * fired by hand or delayed (its schedule then restarts at the new month) when no occurrence is
 * running, and suppressed (no further occurrences) at any time.
 */
export function checkInjectChange(
  g: GameState,
  inj: Inject,
  change: 'fire' | 'delay' | 'suppress',
): Violation | null {
  const suppressed = g.suppressedInjects?.includes(inj.id) ?? false;
  if (inj.trigger.type !== 'recurring') {
    if (g.firedInjects.includes(inj.id))
      return change === 'fire'
        ? violation(ErrorCode.UnknownInject, 'That inject has already fired.', 'inject')
        : violation(ErrorCode.InjectSettled, `"${titleOf(inj)}" has already started.`, 'inject');
  } else {
    const max = inj.trigger.times;
    if (change !== 'suppress' && runningNow(g, inj))
      return violation(ErrorCode.InjectSettled, `"${titleOf(inj)}" is running.`, 'inject');
    if (change !== 'suppress' && max !== undefined && timesFired(g, inj.id) >= max)
      return violation(ErrorCode.InjectSettled, `"${titleOf(inj)}" has run ${max} times.`, 'inject');
  }
  if (change !== 'fire' && suppressed)
    return violation(ErrorCode.InjectSettled, `"${titleOf(inj)}" is suppressed.`, 'inject');
  return null;
}

const titleOf = (inj: Inject) => pickText(inj.title, 'en');

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
    case 'recurring':
      return delayed ?? t.fromMonth;
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
    case 'recurring':
      return nextOccurrences(s, g, inj, 1)[0] === g.month;
    case 'facilitator':
      return true;
  }
}

export type InjectState = 'pending' | 'active' | 'fired' | 'suppressed';

/**
 * One line of the White Cell's run sheet: where an inject stands, if conditional its condition now,
 * if recurring how often it has started and its next months.
 */
export interface InjectStatus {
  inject: string;
  state: InjectState;
  /** See `injectFromMonth`. */
  fromMonth: number | null;
  delayed: boolean;
  condition?: { value: number; holds: boolean };
  recurrence?: { fired: number; next: number[] };
}

/** How many of a recurring inject's next months the run sheet lists. */
const NEXT_SHOWN = 3;

/** The run sheet: every scenario inject's status in `g`, in scenario order. */
export function injectStatuses(s: Scenario, g: GameState): InjectStatus[] {
  return s.injects.map((inj) => {
    const next = nextOccurrences(s, g, inj, NEXT_SHOWN);
    const fired = timesFired(g, inj.id);
    const settled = inj.trigger.type === 'recurring' ? fired > 0 && next.length === 0 : fired > 0;
    const suppressed = g.suppressedInjects?.includes(inj.id) ?? false;
    const state: InjectState = runningNow(g, inj)
      ? 'active'
      : settled && (inj.trigger.type !== 'recurring' || !suppressed)
        ? 'fired'
        : suppressed
          ? 'suppressed'
          : 'pending';
    const status: InjectStatus = {
      inject: inj.id,
      state,
      fromMonth: injectFromMonth(g, inj),
      delayed: g.delayedInjects?.[inj.id] !== undefined,
    };
    if (inj.trigger.type === 'condition') status.condition = injectCondition(s, g, inj.trigger);
    if (inj.trigger.type === 'recurring') status.recurrence = { fired, next: suppressed ? [] : next };
    return status;
  });
}

/** Component sources with an embargo risk may stop shipping this month. */
export function rollEmbargoes(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  const ix = indexOf(s);
  for (const c of s.components) {
    for (const src of c.sources) {
      if (src.embargoRisk <= 0) continue;
      const key = sourceKey(ix, c.id, src.id) ?? `${c.id}/${src.id}`;
      if ((g.embargoes[key] ?? 0) > g.month) continue;
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
