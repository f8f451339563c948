import { ORDER_KINDS } from '@arsenal/shared';
import type { OrderType } from '@arsenal/shared';
import type { TeamKind } from '@arsenal/shared';

const ORDER_TYPES = Object.keys(ORDER_KINDS) as OrderType[];

/** The order types a team of this kind may give: the menu offers only what can succeed. */
export const orderTypesFor = (kind: TeamKind): OrderType[] =>
  ORDER_TYPES.filter((t) => ORDER_KINDS[t].includes(kind));
