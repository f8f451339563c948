import { orderMessage } from '../narration/orders.ts';
import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { Order } from '../schema/commands.ts';
import type { Scenario, TeamKind } from '../schema/scenario.ts';
import { own } from '../util/canonical.ts';
import { euros, say } from './finance.ts';
import { indexOf } from './lookup.ts';
import { checkWith } from './orders/handlers.ts';
import { isViolation, type Check, type Draw, type OrderContext, type Plan } from './orders/plan.ts';
import type { GameState } from './state.ts';
import { allocateOffers } from './offers.ts';
import { allocateSupply, sourceCap, type Grants } from './supply.ts';

export type { OrderContext } from './orders/plan.ts';

/** Which team kinds may give which order. */
export const ORDER_KINDS: Record<Order['type'], readonly TeamKind[]> = {
  budget: ['government', 'procurement', 'alliance'],
  convertLine: ['industry'],
  revertLine: ['industry'],
  setLinePriority: ['industry'],
  setOutputMode: ['industry'],
  setShifts: ['industry'],
  invest: ['industry'],
  buildPlant: ['industry'],
  hire: ['industry'],
  buyComponents: ['industry'],
  allocate: ['military'],
  transfer: ['government', 'procurement', 'military', 'industry', 'alliance'],
  buyMarketOffer: ['government', 'procurement', 'military', 'alliance'],
  repatriate: ['government', 'procurement', 'military', 'industry', 'alliance'],
  strike: ['adversary'],
  ewUpgrade: ['adversary'],
  outbid: ['adversary'],
  outbidOffer: ['adversary'],
  surge: ['adversary'],
  exportControl: ['government'],
  // Any Blue team may concede; the inject's concession names the one that may.
  concede: ['government', 'procurement', 'military', 'industry', 'alliance'],
};

/** Which teams may buy from market offers (their kind's `ORDER_KINDS`). */
const mayBuyOffers = (s: Scenario) => (team: string) =>
  ORDER_KINDS.buyMarketOffer.includes(indexOf(s).teams.get(team)?.kind ?? 'adversary');

/** Check one order alone against the state: who may give it, then its type's rule. */
function checkOrder(s: Scenario, g: GameState, team: string, o: Order, grants?: Grants): Check {
  const ix = indexOf(s);
  const spec = ix.teams.get(team);
  if (!own(g.teams, team) || !spec)
    return violation(ErrorCode.UnknownTeam, `There is no team "${team}".`, 'team');
  if (!ORDER_KINDS[o.type].includes(spec.kind))
    return violation(ErrorCode.WrongTeamKind, `A ${spec.kind} team cannot give "${o.type}" orders.`, 'type');
  return checkWith({ s, g, ix, team, spec, month: g.month, grants }, o);
}

/** One key per thing a draw limits, to sum a submission's draws. */
function drawKey(d: Draw): string {
  switch (d.kind) {
    case 'stock':
      return `stock\u0000${d.item}`;
    case 'source':
      return `source\u0000${d.component}/${d.source}`;
    case 'offer':
      return `offer\u0000${d.offer}`;
    case 'abroad':
      return `abroad\u0000${d.item}`;
    case 'trainees':
      return `trainees\u0000${d.plant}`;
    case 'once':
      return `once\u0000${d.action}\u0000${d.target}`;
  }
}

const drawQty = (d: Draw) => (d.kind === 'once' ? 1 : d.qty);

/** How much of what a draw limits there is this month. */
function available(s: Scenario, g: GameState, team: string, d: Draw): number {
  switch (d.kind) {
    case 'stock':
      return g.teams[team]?.stock[d.item] ?? 0;
    case 'trainees': {
      const plant = g.plants[d.plant];
      return plant ? Math.floor(plant.skilled * s.rules.workforce.traineesPerInstructor) : 0;
    }
    case 'source':
      return sourceCap(s, g, d.component, d.source);
    case 'offer':
      return g.marketOffers.find((m) => m.id === d.offer)?.available ?? 0;
    case 'abroad':
      return g.teams[team]?.abroad?.[d.item] ?? 0;
    case 'once':
      return 1;
  }
}

function shortOf(d: Draw, have: number): Violation {
  switch (d.kind) {
    case 'stock':
      return violation(ErrorCode.NotEnoughStock, `Only ${have} ${d.item} in stock.`, '');
    case 'abroad':
      return violation(ErrorCode.NotEnoughStock, `Only ${have} ${d.item} held abroad.`, '');
    case 'source':
    case 'trainees':
    case 'offer':
      return violation(ErrorCode.OverCapacity, `Only ${Math.max(0, have)} available this month.`, '');
    case 'once':
      return violation(ErrorCode.DuplicateOrder, 'That action can be ordered once a month.', '');
  }
}

/**
 * Whether a checked order still fits within the team's cash and the stock and capacities it draws,
 * counting what earlier orders of the same submission already spent (`spent`, `drawn`; none when
 * `drawn` is not given).
 */
function fits(
  s: Scenario,
  g: GameState,
  team: string,
  plan: Plan,
  spent: number,
  drawn?: Record<string, number>,
): Violation | null {
  const money = g.teams[team]?.money ?? 0;
  if (spent + plan.cost > money + 1e-6)
    return violation(
      ErrorCode.OverBudget,
      `These orders cost ${euros(spent + plan.cost)} but the team has ${euros(money)}.`,
      '',
    );
  for (const d of plan.draws) {
    const have = available(s, g, team, d);
    if ((drawn ? (drawn[drawKey(d)] ?? 0) : 0) + drawQty(d) <= have) continue;
    return shortOf(d, have);
  }
  return null;
}

/**
 * Check a team's whole submission against the state: each order alone, then the sums
 * (total € within cash, stock drawn within stock, capacities within caps). Returns the first violation,
 * with a path such as `orders.3.qty`, or null when every order can be carried out.
 */
export function validateOrders(
  s: Scenario,
  g: GameState,
  team: string,
  orders: readonly Order[],
): Violation | null {
  let spent = 0;
  const drawn: Record<string, number> = {};
  for (const [i, order] of orders.entries()) {
    const checked = checkOrder(s, g, team, order);
    if (isViolation(checked))
      return { ...checked, path: `orders.${i}${checked.path ? `.${checked.path}` : ''}` };
    const short = fits(s, g, team, checked, spent, drawn);
    if (short) return { ...short, path: `orders.${i}` };
    spent += checked.cost;
    for (const d of checked.draws) {
      const key = drawKey(d);
      drawn[key] = (drawn[key] ?? 0) + drawQty(d);
    }
  }
  return null;
}

/**
 * What each order of a submission costs (€), as the engine reckons it against the state: price rises
 * of injects, embargoes and outbids included. An order the engine refuses costs nothing. Consoles show
 * this figure rather than reckoning their own.
 */
export function orderCosts(s: Scenario, g: GameState, team: string, orders: readonly Order[]): number[] {
  return orders.map((o) => {
    const checked = checkOrder(s, g, team, o);
    return isViolation(checked) ? 0 : checked.cost;
  });
}

/**
 * Carry out a team's orders at adjudication. Each order is checked again against the state as it is
 * now (earlier orders may have spent the cash); one that no longer holds is skipped and the team is
 * told why. Component purchases get their share of each source's cap, and purchases abroad their
 * share of each offer's release, shared among all teams' purchases when the first one is carried out
 * (see `allocateSupply`, `allocateOffers`).
 */
export function applyOrders(ctx: OrderContext, team: string, orders: readonly Order[]): void {
  for (const order of orders) {
    if (order.type === 'buyComponents')
      ctx.grants ??= allocateSupply(ctx.scenario, ctx.g, ctx.orders, ctx.news);
    if (order.type === 'buyMarketOffer')
      ctx.offerGrants ??= allocateOffers(ctx.g, ctx.orders, mayBuyOffers(ctx.scenario), ctx.news);
    const grants = order.type === 'buyMarketOffer' ? ctx.offerGrants : ctx.grants;
    const checked = checkOrder(ctx.scenario, ctx.g, team, order, grants);
    const broken = isViolation(checked) ? checked : fits(ctx.scenario, ctx.g, team, checked, 0);
    if (broken || isViolation(checked)) {
      const refusal = isViolation(checked) ? checked.code : (broken?.code ?? '');
      const told = orderMessage(ctx.scenario, order, ctx.g.marketOffers);
      say(ctx.news, ctx.g.month, 'order_skipped', { key: 'order.skipped', team, order: told, refusal }, [
        team,
      ]);
      continue;
    }
    checked.apply(ctx);
  }
}
