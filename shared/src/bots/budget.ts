import type { Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { GameState } from '../engine/state.ts';
import { POLICY } from './policy.ts';

/** Orders of a government or an alliance cell: pass money on, use export controls once allowed. */
export function budgetOrders(
  s: Scenario,
  g: GameState,
  team: string,
  kind: 'government' | 'alliance',
): Order[] {
  const money = g.teams[team]?.money ?? 0;
  const to = s.teams.find((t) => t.kind === (kind === 'alliance' ? 'government' : 'procurement'));
  const orders: Order[] = [];
  if (to && money > 0)
    orders.push({
      type: 'budget',
      to: to.id,
      amount: Math.floor(money * POLICY.passOnShare),
      purpose: 'appropriation',
    });
  if (kind === 'government' && g.levers.exportControls)
    for (const c of Object.keys(g.outbids))
      if ((g.exportControls[c] ?? 0) <= g.month) orders.push({ type: 'exportControl', component: c });
  return orders;
}
