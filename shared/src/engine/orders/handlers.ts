import type { Order } from '../../schema/commands.ts';
import { allocate, transfer } from './stock.ts';
import { convertLine, hire, invest, revertLine, setLinePriority, setOutputMode } from './lines.ts';
import { setShifts } from './shifts.ts';
import { ewUpgrade, outbid, strike, surge } from './adversary.ts';
import { budget, concede, exportControl } from './policy.ts';
import { buildPlant } from './sites.ts';
import { buyComponents } from './supply.ts';
import { buyMarketOffer, outbidOffer, repatriate } from './offers.ts';
import type { Check, Handler, HandlerTable, OrderInput } from './plan.ts';

/** The rule for each order type; adding an order type without its handler does not compile. */
export const HANDLERS: HandlerTable = {
  budget,
  convertLine,
  revertLine,
  setLinePriority,
  setOutputMode,
  setShifts,
  invest,
  buildPlant,
  hire,
  buyComponents,
  allocate,
  transfer,
  buyMarketOffer,
  repatriate,
  strike,
  ewUpgrade,
  outbid,
  outbidOffer,
  surge,
  exportControl,
  concede,
};

/** Check one order with its type's handler. */
export function checkWith<O extends Order>(x: OrderInput, o: O): Check {
  return (HANDLERS[o.type] as Handler<O>)(x, o);
}
