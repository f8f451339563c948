import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { ContractTerms } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from './lookup.ts';
import type { GameState } from './state.ts';
import { ratedNeed } from './supply.ts';

type Held = 'DX' | 'DO';

/**
 * Whether `buyer` rates an order by flow-down: it is not one of the scenario's rating authorities
 * (`rules.ratings.buyers`), so any rating it places must come from a rated contract it holds as seller.
 */
export function ratesByFlowDown(s: Scenario, buyer: string): boolean {
  const kind = indexOf(s).teams.get(buyer)?.kind;
  return !(s.rules.ratings.buyers as readonly string[]).includes(kind ?? '');
}

/**
 * The DPAS flow-down room: units of `item` (an intermediate product) `team` may still order at each
 * rating, as buyer, on the strength of the rated contracts it holds as seller. It is the rated need
 * (`ratedNeed`: undelivered rated units × units of `item` in each, less what the team holds) less the
 * undelivered part of the rated orders for `item` it has already placed or offered (`except`: a
 * contract left out, the one being countered or accepted). Never negative.
 */
export function flowDownRoom(
  s: Scenario,
  g: GameState,
  team: string,
  item: string,
  except?: string,
): Record<Held, number> {
  const need = ratedNeed(s, g, team, item);
  const room: Record<Held, number> = { DX: need.DX, DO: need.DO };
  for (const c of g.contracts) {
    const r = c.terms.rating;
    if (c.buyer !== team || c.terms.product !== item || r === 'none' || c.id === except) continue;
    if (c.status === 'offered' || c.status === 'active') room[r] -= c.terms.qty - c.delivered;
  }
  return { DX: Math.max(0, room.DX), DO: Math.max(0, room.DO) };
}

/**
 * Check a rating a firm places by flow-down (`ratesByFlowDown`). Only the buyer places it, since it
 * rests on the buyer's own rated contracts: a seller may keep the rating the buyer set (`prev`) in a
 * counter-offer, never add or raise one, so no answer to a seller depends on the buyer's book. The
 * buyer may rate at most what its rated units still need (`flowDownRoom`, at the rating it holds):
 * `contract/rating_not_allowed` without such need, `contract/rating_beyond_need` beyond it.
 */
export function checkFlowDown(
  s: Scenario,
  g: GameState,
  actor: string,
  buyer: string,
  terms: ContractTerms,
  prev?: { id: string; terms: ContractTerms },
): Violation | null {
  const rating = terms.rating;
  if (rating === 'none') return null;
  if (!s.rules.ratings.flowDown)
    return violation(
      ErrorCode.RatingNotAllowed,
      `Only a ${s.rules.ratings.buyers.join(', ')} buyer can rate an order.`,
      'terms.rating',
    );
  if (actor !== buyer)
    return prev?.terms.rating === rating
      ? null
      : violation(
          ErrorCode.RatingNotAllowed,
          'Only the buyer can place a rating it holds on its own order.',
          'terms.rating',
        );
  const room = flowDownRoom(s, g, buyer, terms.product, prev?.id)[rating];
  if (room <= 0)
    return violation(
      ErrorCode.RatingNotAllowed,
      `No ${rating}-rated contract of yours still needs ${terms.product}: a firm rates only the inputs of its rated orders.`,
      'terms.rating',
    );
  if (terms.qty > room)
    return violation(
      ErrorCode.RatingBeyondNeed,
      `Your ${rating}-rated contracts still need only ${room} ${terms.product}: rate at most that many.`,
      'terms.qty',
    );
  return null;
}
