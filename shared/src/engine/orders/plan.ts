import { ErrorCode, violation, type Violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import type { Scenario, Team } from '../../schema/scenario.ts';
import type { Dice } from '../../util/rng.ts';
import { own } from '../../util/canonical.ts';
import type { ScenarioIndex } from '../lookup.ts';
import type { GameState, NewsEvent } from '../state.ts';
import type { Grants } from '../supply.ts';

/** What applying an order needs besides the state. */
export interface OrderContext {
  scenario: Scenario;
  g: GameState;
  dice: Dice;
  news: NewsEvent[];
  /** Every team's orders for the month: scarce supply is shared among all of them at once. */
  orders: Readonly<Record<string, readonly Order[]>>;
  /** The month's shares of source caps, computed when the first purchase is carried out. */
  grants?: Grants;
  /** The month's shares of market offers' releases, computed when the first purchase abroad is carried out. */
  offerGrants?: Grants;
}

/** Actions a team may order at most once a month, each on one target. */
export type OncePerMonth =
  | 'line'
  | 'priority'
  | 'outputMode'
  | 'shifts'
  | 'site'
  | 'ewUpgrade'
  | 'outbid'
  | 'outbidOffer'
  | 'exportControl'
  | 'concede';

/**
 * What an order draws on besides cash: stock, a source's monthly cap, a market offer's release, stock
 * held abroad, a plant's training slots, or a once-a-month action. Draws of one submission are summed
 * against what is there.
 */
export type Draw =
  | { kind: 'stock'; item: string; qty: number }
  | { kind: 'source'; component: string; source: string; qty: number }
  | { kind: 'offer'; offer: string; qty: number }
  | { kind: 'abroad'; item: string; qty: number }
  | { kind: 'trainees'; plant: string; qty: number }
  | { kind: 'once'; action: OncePerMonth; target: string };

/** A checked order: what it costs (€) and draws, and how to carry it out. */
export interface Plan {
  cost: number;
  draws: Draw[];
  apply: (ctx: OrderContext) => void;
}

export type Check = Violation | Plan;

/** What every handler is given: the scenario, the state and the ordering team (already known). */
export interface OrderInput {
  s: Scenario;
  g: GameState;
  ix: ScenarioIndex;
  team: string;
  spec: Team;
  month: number;
  /** At adjudication: units granted to each component purchase or purchase abroad (absent while planning). */
  grants?: Grants;
}

/** Checks one order of type `O`: a violation, or its plan. */
export type Handler<O extends Order> = (x: OrderInput, o: O) => Check;

/** One handler per order type. */
export type HandlerTable = { [K in Order['type']]: Handler<Extract<Order, { type: K }>> };

export const isViolation = (x: unknown): x is Violation =>
  typeof x === 'object' && x !== null && (x as Violation).ok === false;

export function findLine(g: GameState, team: string, plantId: string, lineId: string | undefined) {
  const plant = own(g.plants, plantId);
  if (!plant) return violation(ErrorCode.UnknownPlant, `There is no plant "${plantId}".`, 'plant');
  if (plant.owner !== team)
    return violation(ErrorCode.NotOwner, `${plant.name} belongs to another team.`, 'plant');
  if (lineId === undefined) return { plant, line: undefined };
  const line = plant.lines.find((l) => l.id === lineId);
  if (!line) return violation(ErrorCode.UnknownLine, `${plant.name} has no line "${lineId}".`, 'line');
  return { plant, line };
}
