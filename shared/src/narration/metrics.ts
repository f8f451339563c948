import type { Metric, Scenario } from '../schema/scenario.ts';
import type { Formatters } from './format.ts';

/** How a metric's figures read: shares as %, money in €, ratios with two decimals, months by number, the rest counted. */
export type MetricUnit = 'share' | 'money' | 'ratio' | 'month' | 'count';

const UNITS: Record<Metric['kind'], MetricUnit> = {
  territory: 'count',
  ewLevel: 'count',
  fireRatio: 'ratio',
  money: 'money',
  politicalCapital: 'count',
  trust: 'count',
  profit: 'money',
  stock: 'count',
  cumulativeOutput: 'count',
  monthlyOutput: 'count',
  deliveredToFronts: 'count',
  productShare: 'share',
  supplyDays: 'ratio',
  sovereignty: 'share',
  onTimeDelivery: 'share',
  componentsBought: 'count',
  contractDeliveries: 'count',
  multiYearShare: 'share',
  casualties: 'count',
  plantsHit: 'count',
  idleCapacity: 'count',
  strandedCapex: 'money',
  month: 'month',
};

export function metricUnit(kind: Metric['kind']): MetricUnit {
  return UNITS[kind];
}

/** A metric's value as its unit reads: 0.5 → "50 %", 5000000 → "€5M", 0.8 → "0.80", 5000 → "5,000". */
export function metricValueText(fmt: Formatters, kind: Metric['kind'], v: number): string {
  switch (UNITS[kind]) {
    case 'share':
      return fmt.pct(v);
    case 'money':
      return fmt.money(v);
    case 'ratio':
      return fmt.ratio(v);
    default:
      return fmt.num(v);
  }
}

const OPS = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' } as const;

/** A comparison as a reader writes it: ≥ ≤ > <. */
export function opText(op: keyof typeof OPS): string {
  return OPS[op];
}

/** An objective's target in human units: "≥ €5M", "≥ 50 %", "≥ 5,000"; `unit` (a product's) follows counts. */
export function targetText(
  fmt: Formatters,
  objective: { op: keyof typeof OPS; target: number; metric: Metric },
  unit?: string,
): string {
  const value = metricValueText(fmt, objective.metric.kind, objective.target);
  const suffix = unit && UNITS[objective.metric.kind] === 'count' ? ` ${unit}` : '';
  return `${OPS[objective.op]} ${value}${suffix}`;
}

/** The unit of the product an objective's metric counts, if it counts one ("drone", "shell"). */
export function productUnit(s: Scenario, m: Metric): string | undefined {
  if (!('product' in m) || UNITS[m.kind] !== 'count') return undefined;
  const unit = s.products.find((p) => p.id === m.product)?.unit;
  return unit && unit !== 'unit' ? unit : undefined;
}

/** A team's objective as the scenario states it (its metric), by id. */
export function objectiveSpec(s: Scenario, team: string, objective: string) {
  return s.teams.find((t) => t.id === team)?.objectives.find((o) => o.id === objective);
}
