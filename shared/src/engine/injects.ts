import type { Inject, Scenario } from '../schema/scenario.ts';
import type { Dice } from '../util/rng.ts';
import { pay, say, WORLD } from './finance.ts';
import { compare, metricValue } from './metrics.ts';
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
  say(news, g.month, 'inject', `${inj.title}: ${inj.description}`, undefined, {
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
        g.marketOffers.push({
          // One id per effect: two offers of one inject are two offers (the first keeps the old id).
          id: k === firstOffer(inj) ? `${inj.id}-${g.month}` : `${inj.id}-${g.month}-${k + 1}`,
          product: e.product,
          qty: e.qty,
          price: e.price,
          deliveryMonths: e.deliveryMonths,
          endMonth: inj.durationMonths > 0 ? g.month + inj.durationMonths : s.meta.turns + 1,
        });
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
    say(news, g.month, 'inject_end', `${a.title} is over.`, undefined, {
      key: 'inject.end',
      inject: a.inject,
      title: a.title,
    });
  g.activeInjects = g.activeInjects.filter((a) => a.endMonth === null || a.endMonth > g.month);
  g.marketOffers = g.marketOffers.filter((m) => m.endMonth > g.month && m.qty > 0);
  for (const inj of s.injects) {
    if (g.firedInjects.includes(inj.id)) continue;
    const t = inj.trigger;
    const fire =
      (t.type === 'month' && t.month === g.month) ||
      (t.type === 'condition' &&
        g.month >= t.fromMonth &&
        compare(metricValue(s, g, t.metric), t.op, t.value)) ||
      (t.type === 'chance' && g.month >= t.fromMonth && dice.chance(t.perMonth));
    if (fire) activateInject(s, g, inj, news);
  }
}

/** Component sources with an embargo risk may stop shipping this month. */
export function rollEmbargoes(s: Scenario, g: GameState, dice: Dice, news: NewsEvent[]): void {
  for (const c of s.components) {
    for (const src of c.sources) {
      const key = `${c.id}/${src.id}`;
      if (src.embargoRisk <= 0 || (g.embargoes[key] ?? 0) > g.month) continue;
      if (!dice.chance(src.embargoRisk)) continue;
      g.embargoes[key] = g.month + src.embargoMonths;
      say(
        news,
        g.month,
        'embargo',
        `${src.origin} suppliers stop shipping ${c.name} for ${src.embargoMonths} months.`,
        undefined,
        {
          key: 'embargo',
          component: c.id,
          origin: src.origin,
          componentName: c.name,
          months: src.embargoMonths,
        },
      );
    }
  }
}
