import type { Order } from '../schema/commands.ts';
import type { GameState } from '../engine/state.ts';

/** Every bot ships home at once all its team holds abroad: stock there serves no one. */
export function repatriateOrders(g: GameState, team: string): Order[] {
  return Object.entries(g.teams[team]?.abroad ?? {})
    .filter(([, qty]) => Math.floor(qty) >= 1)
    .map(([item, qty]) => ({ type: 'repatriate', item, qty: Math.floor(qty) }));
}
