import type { Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { GameState } from '../engine/state.ts';

/** Orders of the armed forces: share each product's stock between the fronts by their demand. */
export function militaryOrders(s: Scenario, g: GameState, team: string): Order[] {
  const stock = g.teams[team]?.stock ?? {};
  const orders: Order[] = [];
  for (const [product, have] of Object.entries(stock)) {
    const fronts = s.fronts.filter((f) => f.demand.some((d) => d.product === product));
    const total = fronts.reduce(
      (n, f) => n + (f.demand.find((d) => d.product === product)?.perMonth ?? 0),
      0,
    );
    let left = Math.floor(have);
    fronts.forEach((f, i) => {
      const share = (f.demand.find((d) => d.product === product)?.perMonth ?? 0) / Math.max(1, total);
      const qty = i === fronts.length - 1 ? left : Math.floor(have * share);
      left -= qty;
      if (qty >= 1) orders.push({ type: 'allocate', front: f.id, product, qty });
    });
  }
  return orders;
}
