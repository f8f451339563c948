import type { Metric, Scenario } from '../schema/scenario.ts';
import { committedShare } from './effects.ts';
import { indexOf } from './lookup.ts';
import type { GameState } from './state.ts';

export function compare(a: number, op: '>=' | '<=' | '>' | '<', b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
  }
}

const sum = (r: Record<string, number> | undefined, key: string) => r?.[key] ?? 0;

/** The current value of a model metric (used by conditional injects, objectives and KPIs). */
export function metricValue(s: Scenario, g: GameState, m: Metric): number {
  const last = g.history[g.history.length - 1];
  switch (m.kind) {
    case 'territory':
      return g.fronts[m.front]?.territory ?? 0;
    case 'ewLevel':
      return g.fronts[m.front]?.ewLevel ?? 0;
    case 'fireRatio': {
      const f = g.fronts[m.front];
      return f && f.lastRedFires > 0 ? f.lastBlueFires / f.lastRedFires : 0;
    }
    case 'money':
      return g.teams[m.team]?.money ?? 0;
    case 'politicalCapital':
      return g.teams[m.team]?.politicalCapital ?? 0;
    case 'trust':
      return g.teams[m.team]?.trust ?? 0;
    case 'profit':
      return g.teams[m.team]?.profit ?? 0;
    case 'stock':
      return g.teams[m.team]?.stock[m.product] ?? 0;
    case 'cumulativeOutput':
      return g.ledger.produced[m.product] ?? 0;
    case 'monthlyOutput':
      return sum(last?.output, m.product);
    case 'deliveredToFronts':
      return g.history.reduce((n, h) => n + sum(h.deliveredToFronts, m.product), 0);
    case 'productShare':
      return committedShare(g, m.product, m.of);
    case 'supplyDays': {
      const spec = indexOf(s).fronts.get(m.front);
      const perMonth = spec?.demand.find((d) => d.product === m.product)?.perMonth ?? 0;
      const daily = (perMonth * (spec?.intensity ?? 1)) / s.rules.daysPerMonth;
      return daily > 0 ? (g.fronts[m.front]?.stock[m.product] ?? 0) / daily : 0;
    }
    case 'sovereignty': {
      const t = g.teams[m.team];
      return t && t.componentsBought > 0 ? 1 - t.componentsExposed / t.componentsBought : 1;
    }
    case 'onTimeDelivery': {
      const t = g.teams[m.team];
      return t && t.unitsDue > 0 ? t.unitsOnTime / t.unitsDue : 1;
    }
    case 'componentsBought':
      return g.teams[m.team]?.componentsBought ?? 0;
    case 'contractDeliveries': {
      let units = 0;
      for (const c of g.contracts)
        if (
          (m.side === 'buyer' ? c.buyer : c.seller) === m.team &&
          (!m.product || c.terms.product === m.product)
        )
          units += c.delivered;
      return units;
    }
    case 'multiYearShare': {
      let all = 0;
      let multi = 0;
      for (const c of g.contracts) {
        if (c.seller !== m.team || c.status !== 'active') continue;
        const left = (c.terms.qty - c.delivered) * c.terms.unitPrice;
        all += left;
        if (c.terms.type === 'multiYear') multi += left;
      }
      return all > 0 ? multi / all : 0;
    }
    case 'casualties':
      return g.fronts[m.front]?.casualties ?? 0;
    case 'plantsHit':
      return Object.values(g.plants).reduce((n, p) => n + p.timesHit, 0);
    case 'idleCapacity':
      return g.teams[m.team]?.idleCapacity ?? 0;
    case 'strandedCapex':
      return g.teams[m.team]?.strandedCapex ?? 0;
    case 'month':
      return g.month;
  }
}

/**
 * Each team's objectives: value, target and whether it is met now (its own condition and every one of
 * its `also` conditions).
 */
export function objectiveStatus(s: Scenario, g: GameState, team: string) {
  const spec = indexOf(s).teams.get(team);
  return (spec?.objectives ?? []).map((o) => {
    const value = metricValue(s, g, o.metric);
    return {
      id: o.id,
      label: o.label,
      value,
      target: o.target,
      op: o.op,
      weight: o.weight,
      met:
        compare(value, o.op, o.target) &&
        (o.also ?? []).every((c) => compare(metricValue(s, g, c.metric), c.op, c.target)),
    };
  });
}

/** Weighted share of a team's objectives met, 0–100. */
export function teamScore(s: Scenario, g: GameState, team: string): number {
  return scoreOf(objectiveStatus(s, g, team));
}

/** Weighted share met, 0–100, of objectives already evaluated. */
export function scoreOf(objectives: readonly { weight: number; met: boolean }[]): number {
  const total = objectives.reduce((n, o) => n + o.weight, 0);
  if (total === 0) return 0;
  return Math.round((100 * objectives.reduce((n, o) => n + (o.met ? o.weight : 0), 0)) / total);
}
