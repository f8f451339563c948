import type { OrderType } from '@arsenal/shared/schema/commands';
import type { TeamKind } from '@arsenal/shared/schema/scenario';

/**
 * Which team kinds may give which order: a copy of `ORDER_KINDS` in shared/src/engine/orders.ts, which
 * is not exported yet (client/NOTES-for-core.md §3). The engine still refuses a wrong kind; this only
 * keeps the menu to what can succeed.
 */
export const ORDER_KINDS: Record<OrderType, readonly TeamKind[]> = {
  budget: ['government', 'procurement', 'alliance'],
  convertLine: ['industry'],
  revertLine: ['industry'],
  invest: ['industry'],
  hire: ['industry'],
  buyComponents: ['industry'],
  allocate: ['military'],
  transfer: ['government', 'procurement', 'military', 'industry', 'alliance'],
  buyMarketOffer: ['government', 'procurement', 'military', 'alliance'],
  strike: ['adversary'],
  ewUpgrade: ['adversary'],
  outbid: ['adversary'],
  surge: ['adversary'],
  exportControl: ['government'],
};

export const ORDER_TYPES = Object.keys(ORDER_KINDS) as OrderType[];

export const orderTypesFor = (kind: TeamKind): OrderType[] =>
  ORDER_TYPES.filter((t) => ORDER_KINDS[t].includes(kind));
