import { orderCosts, validateOrders } from '@arsenal/shared';
import { indexOf } from '@arsenal/shared';
import { rampShareAt } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { Order } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { gameFromView } from './gameFromView.ts';

/** The engine's refusal of a draft, located: which order and which of its fields. */
export interface DraftProblem {
  index: number;
  field: string | null;
  code: string;
  message: string;
}

/** A line that will not have the inputs it needs when it next produces. */
export interface ComponentShortfall {
  plant: string;
  line: string;
  item: string;
  need: number;
  have: number;
}

export interface DraftCheck {
  problem: DraftProblem | null;
  /** Estimated € of each order, in draft order. */
  costs: number[];
  total: number;
  shortfalls: ComponentShortfall[];
}

/** `orders.3.qty` → order 3, field `qty`. */
export function locate(path: string): { index: number; field: string | null } {
  const m = /^orders\.(\d+)(?:\.(.+))?$/.exec(path);
  return m ? { index: Number(m[1]), field: m[2] ?? null } : { index: -1, field: null };
}

/**
 * Checks a draft the way the server will: the shared engine's `validateOrders` on the state rebuilt
 * from the view, and the engine's own cost of each order (`orderCosts`: outbids, embargoes and inject
 * price rises included). Adds what the engine does not refuse but a player must know before sending:
 * the lines that will run short of components.
 */
export function checkDraft(s: Scenario, view: View, team: string, orders: readonly Order[]): DraftCheck {
  const g = gameFromView(view);
  const v = validateOrders(s, g, team, orders);
  const costs = orderCosts(s, g, team, orders);
  return {
    problem: v ? { ...locate(v.path), code: v.code, message: v.message } : null,
    costs,
    total: costs.reduce((a, b) => a + b, 0),
    shortfalls: componentShortfalls(s, view, orders),
  };
}

const PRODUCING = new Set(['ramp', 'rate', 'starved']);

/**
 * Lines that produce at the coming adjudication (or start to, after qualification) and whose bill of
 * materials is not covered by stock plus components arriving by then, this draft's purchases included.
 */
export function componentShortfalls(s: Scenario, view: View, orders: readonly Order[]): ComponentShortfall[] {
  const me = view.me?.team;
  if (!me) return [];
  const ix = indexOf(s);
  const month = view.month;
  const available: Record<string, number> = { ...me.stock };
  for (const o of view.componentOrders)
    if (o.team === me.id && o.arrivesMonth <= month)
      available[o.component] = (available[o.component] ?? 0) + o.qty;
  for (const o of orders) {
    if (o.type !== 'buyComponents') continue;
    const lead = ix.sources.get(`${o.component}/${o.source}`)?.leadTimeMonths ?? 1;
    if (lead === 0) available[o.component] = (available[o.component] ?? 0) + o.qty;
  }
  const need: Record<string, { need: number; lines: { plant: string; line: string }[] }> = {};
  for (const p of view.plants) {
    if (p.owner !== me.id || !p.detail) continue;
    for (const line of p.detail.lines) {
      const starting = line.state === 'qualifying' && line.monthsLeft <= 1 && line.since < month;
      const productId = starting ? line.target : PRODUCING.has(line.state) ? line.product : null;
      const product = productId ? ix.products.get(productId) : undefined;
      if (!product) continue;
      const tpl = line.template ? ix.templates.get(line.template) : undefined;
      const share = line.state === 'rate' || !tpl ? 1 : rampShareAt(tpl, starting ? 0 : line.rampStep);
      const units = Math.floor(line.nameplate * share);
      for (const b of product.bom) {
        const entry = (need[b.item] ??= { need: 0, lines: [] });
        entry.need += Math.ceil(units * b.qty);
        entry.lines.push({ plant: p.name, line: line.name });
      }
    }
  }
  const out: ComponentShortfall[] = [];
  for (const [item, { need: n, lines }] of Object.entries(need)) {
    const have = Math.floor(available[item] ?? 0);
    if (have >= n) continue;
    const name = ix.components.get(item)?.name ?? ix.products.get(item)?.name ?? item;
    const first = lines[0]!;
    out.push({ plant: first.plant, line: lines.map((l) => l.line).join(', '), item: name, need: n, have });
  }
  return out;
}
