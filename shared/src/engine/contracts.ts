import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { ContractTerms, TeamCommand } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { bump, euros, pay, say, takeStock } from './finance.ts';
import { indexOf } from './lookup.ts';
import { checkFlowDown, ratesByFlowDown } from './ratings.ts';
import { cloneJSON, own } from '../util/canonical.ts';
import type { Contract, GameState, NewsEvent } from './state.ts';

type ContractCommand = Exclude<TeamCommand, { type: 'submitOrders' | 'proposeAction' }>;

const RATING_ORDER = { DX: 0, DO: 1, none: 2 } as const;

/**
 * Check proposed terms. `actor` is the team proposing them: the buyer's cash is checked only when the
 * buyer itself proposes, since no answer to a team may depend on another team's private state (a seller's
 * offer with an advance is judged when the buyer accepts it). A rating comes from a rating authority
 * (`rules.ratings.buyers`) or flows down from the buyer's own rated contracts (`checkFlowDown`); `prev`
 * is the contract a counter-offer answers.
 */
function checkTerms(
  s: Scenario,
  g: GameState,
  actor: string,
  buyer: string,
  seller: string,
  terms: ContractTerms,
  prev?: Contract,
): Violation | null {
  const ix = indexOf(s);
  if (!ix.products.has(terms.product))
    return violation(ErrorCode.UnknownProduct, `There is no product "${terms.product}".`, 'terms.product');
  if (terms.type === 'multiYear' && !g.levers.multiYear)
    return violation(ErrorCode.LeverDisabled, 'Multi-year contracts are not enabled yet.', 'terms.type');
  if (terms.rating !== 'none') {
    if (!g.levers.priorityRatings)
      return violation(ErrorCode.LeverDisabled, 'Priority ratings are not enabled yet.', 'terms.rating');
  }
  if (ix.teams.get(seller)?.kind === 'adversary' || ix.teams.get(buyer)?.kind === 'adversary')
    return violation(ErrorCode.UnknownTeam, 'No contracts with the adversary.', 'counterparty');
  if (terms.rating !== 'none' && ratesByFlowDown(s, buyer)) {
    const bad = checkFlowDown(s, g, actor, buyer, terms, prev);
    if (bad) return bad;
  }
  const advance = advanceOf(terms);
  if (actor === buyer && (g.teams[buyer]?.money ?? 0) < advance)
    return violation(
      ErrorCode.OverBudget,
      `The buyer cannot pay the ${euros(advance)} advance.`,
      'terms.advancePct',
    );
  return null;
}

const valueOf = (t: ContractTerms) => t.qty * t.unitPrice;

const CONTRACT_ID = /^c([1-9][0-9]{0,8})$/;

/**
 * Where contract `id` sits in `contracts` (kept in increasing id number), or -1. A binary search, so it
 * also works on a team's partial list of contracts.
 */
export function contractIndex(contracts: readonly Contract[], id: string): number {
  const m = CONTRACT_ID.exec(id);
  if (!m) return -1;
  const n = Number(m[1]);
  let lo = 0;
  let hi = contracts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = Number(contracts[mid]!.id.slice(1));
    if (at === n) return mid;
    if (at < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Contract `id`, if there is one (ids such as "constructor" are data, never found). */
export function contractById(g: Pick<GameState, 'contracts'>, id: string): Contract | undefined {
  const i = contractIndex(g.contracts, id);
  return i < 0 ? undefined : g.contracts[i];
}

/**
 * Copy-on-write for a contract move: only the contract list, the two parties and the month's payments
 * change, so only they are copied (cloning the whole game here dominated bot play).
 */
function forMove(game: GameState, parties: readonly string[]): GameState {
  // A move changes the parties' cash, trust and capital, never a stock: their stock is shared.
  const teams = { ...game.teams };
  for (const p of parties) if (teams[p]) teams[p] = { ...teams[p] };
  return { ...game, teams, contracts: game.contracts.slice(), payments: game.payments.slice() };
}
/**
 * The game after a successful contract move, with the move's news appended to the month's. `r.g` is
 * the move's own copy (see `forMove`), so it takes the news in place instead of being copied again;
 * call it once per result.
 */
export function withMoveNews(r: { g: GameState; news: readonly NewsEvent[] }): GameState {
  r.g.news = r.g.news.concat(r.news);
  return r.g;
}
const advanceOf = (t: ContractTerms) => (valueOf(t) * t.advancePct) / 100;

/**
 * A contract command from `team`, applied at once during planning so that the other side can answer
 * in the same month. Returns a violation, or the new state (a copy; the input is not changed).
 */
export function applyContractCommand(
  s: Scenario,
  game: GameState,
  team: string,
  cmd: ContractCommand,
): Violation | { g: GameState; news: NewsEvent[] } {
  const news: NewsEvent[] = [];
  const month = game.month;

  if (cmd.type === 'offerContract') {
    if (cmd.counterparty === team)
      return violation(ErrorCode.SelfDealing, 'A team cannot contract with itself.', 'counterparty');
    if (!own(game.teams, cmd.counterparty))
      return violation(ErrorCode.UnknownTeam, `There is no team "${cmd.counterparty}".`, 'counterparty');
    const buyer = cmd.as === 'buyer' ? team : cmd.counterparty;
    const seller = cmd.as === 'buyer' ? cmd.counterparty : team;
    const bad = checkTerms(s, game, team, buyer, seller, cmd.terms);
    if (bad) return bad;
    const g = forMove(game, [buyer, seller]);
    const id = `c${g.nextContract++}`;
    g.contracts.push({
      id,
      buyer,
      seller,
      terms: cmd.terms,
      status: 'offered',
      awaiting: cmd.counterparty,
      startMonth: month,
      delivered: 0,
      paid: 0,
      history: [{ month, by: team, action: 'offer' }],
    });
    say(
      news,
      month,
      'contract',
      {
        key: 'contract.offered',
        team,
        qty: cmd.terms.qty,
        item: cmd.terms.product,
        unitEur: cmd.terms.unitPrice,
        contract: id,
      },
      [buyer, seller],
    );
    return { g, news };
  }

  const at = contractIndex(game.contracts, cmd.contract);
  const existing = game.contracts[at];
  if (!existing)
    return violation(ErrorCode.UnknownContract, `There is no contract "${cmd.contract}".`, 'contract');
  if (existing.buyer !== team && existing.seller !== team)
    return violation(ErrorCode.NotParty, 'Your team is not party to this contract.', 'contract');
  const g = forMove(game, [existing.buyer, existing.seller]);
  const c = cloneJSON(existing);
  g.contracts[at] = c;
  const other = c.buyer === team ? c.seller : c.buyer;
  const to = [c.buyer, c.seller];

  switch (cmd.type) {
    case 'counterContract': {
      if (c.status !== 'offered')
        return violation(ErrorCode.BadContractState, `Contract ${c.id} is ${c.status}.`, 'contract');
      if (c.awaiting !== team)
        return violation(ErrorCode.NotYourMove, 'The other side has to answer first.', 'contract');
      const bad = checkTerms(s, game, team, c.buyer, c.seller, cmd.terms, existing);
      if (bad) return bad;
      c.terms = cmd.terms;
      c.awaiting = other;
      c.history.push({ month, by: team, action: 'counter' });
      say(
        news,
        month,
        'contract',
        {
          key: 'contract.countered',
          team,
          contract: c.id,
          qty: cmd.terms.qty,
          unitEur: cmd.terms.unitPrice,
        },
        to,
      );
      return { g, news };
    }
    case 'acceptContract': {
      if (c.status !== 'offered')
        return violation(ErrorCode.BadContractState, `Contract ${c.id} is ${c.status}.`, 'contract');
      if (c.awaiting !== team)
        return violation(ErrorCode.NotYourMove, 'You cannot accept your own offer.', 'contract');
      // A buyer accepting a rating it placed by flow-down: its rated need may have shrunk since.
      if (team === c.buyer && c.terms.rating !== 'none' && ratesByFlowDown(s, c.buyer)) {
        const bad = checkFlowDown(s, game, team, c.buyer, c.terms, existing);
        if (bad) return { ...bad, path: 'contract' };
      }
      const advance = advanceOf(c.terms);
      if ((g.teams[c.buyer]?.money ?? 0) < advance) {
        // The buyer refuses itself; a seller's acceptance is never refused on the buyer's secret cash:
        // the offer the buyer made lapses, as an outcome both parties read, not as a refusal to probe.
        if (team === c.buyer)
          return violation(
            ErrorCode.OverBudget,
            `The buyer cannot pay the ${euros(advance)} advance.`,
            'contract',
          );
        c.status = 'rejected';
        c.history.push({ month, by: team, action: 'lapse' });
        say(news, month, 'contract', { key: 'contract.lapsed', contract: c.id, buyer: c.buyer }, to);
        return { g, news };
      }
      pay(g, c.buyer, c.seller, advance, 'advance');
      c.paid += advance;
      c.status = 'active';
      c.startMonth = month;
      c.history.push({ month, by: team, action: 'accept' });
      say(
        news,
        month,
        'contract',
        {
          key: 'contract.signed',
          contract: c.id,
          seller: c.seller,
          buyer: c.buyer,
          qty: c.terms.qty,
          item: c.terms.product,
          months: c.terms.months,
        },
        to,
      );
      if (c.terms.rating !== 'none' && ratesByFlowDown(s, c.buyer))
        say(
          news,
          month,
          'contract',
          {
            key: 'contract.flowDown',
            contract: c.id,
            buyer: c.buyer,
            seller: c.seller,
            rating: c.terms.rating,
          },
          to,
        );
      return { g, news };
    }
    case 'rejectContract': {
      if (c.status !== 'offered')
        return violation(ErrorCode.BadContractState, `Contract ${c.id} is ${c.status}.`, 'contract');
      if (c.awaiting !== team)
        return violation(ErrorCode.NotYourMove, 'You cannot reject your own offer; cancel it.', 'contract');
      c.status = 'rejected';
      c.history.push({ month, by: team, action: 'reject' });
      if (c.terms.rating !== 'none' && team === c.seller) {
        const t = g.teams[team]!;
        t.politicalCapital = Math.max(0, t.politicalCapital - s.rules.rejectRatedPoliticalCost);
      }
      say(news, month, 'contract', { key: 'contract.rejected', team, contract: c.id }, to);
      return { g, news };
    }
    case 'cancelContract': {
      if (c.status === 'offered') {
        if (c.awaiting === team)
          return violation(ErrorCode.NotYourMove, 'Reject the offer instead.', 'contract');
        c.status = 'cancelled';
        c.history.push({ month, by: team, action: 'withdraw' });
        say(news, month, 'contract', { key: 'contract.withdrawn', team, contract: c.id }, to);
        return { g, news };
      }
      if (c.status !== 'active')
        return violation(ErrorCode.BadContractState, `Contract ${c.id} is ${c.status}.`, 'contract');
      if (team !== c.buyer)
        return violation(ErrorCode.NotParty, 'Only the buyer can cancel a signed contract.', 'contract');
      const undelivered = (c.terms.qty - c.delivered) * c.terms.unitPrice;
      const fee = Math.min((undelivered * c.terms.cancelFeePct) / 100, g.teams[team]!.money);
      pay(g, team, c.seller, fee, 'cancellation');
      c.status = 'cancelled';
      c.history.push({ month, by: team, action: 'cancel' });
      const t = g.teams[team]!;
      t.trust = Math.max(0, t.trust - s.rules.cancellationTrustPenalty);
      say(
        news,
        month,
        'contract',
        { key: 'contract.cancelled', team, contract: c.id, feeEur: Math.round(fee) },
        undefined,
      );
      return { g, news };
    }
  }
}

/** Units due by the end of `month` on a contract's even schedule. */
export function scheduledBy(c: Contract, month: number): number {
  const elapsed = month - c.startMonth - c.terms.startsIn + 1;
  if (elapsed <= 0) return 0;
  return Math.min(c.terms.qty, Math.ceil((c.terms.qty * elapsed) / c.terms.months));
}

/**
 * Ship what is due on every active contract, rated orders first (DX, then DO, then unrated), and
 * within a rating in order of receipt (oldest first), as DPAS has it; the buyer pays on delivery (less
 * the advance); late units cost the seller a penalty. A contract left short while the seller shipped
 * the same product on a higher-rated one is told why.
 */
export function deliverContracts(s: Scenario, g: GameState, news: NewsEvent[]): void {
  // Contracts are shared with the previous month's state: a delivery replaces one with a changed copy.
  const active: { c: Contract; at: number; n: number }[] = [];
  g.contracts.forEach((c, at) => {
    if (c.status === 'active') active.push({ c, at, n: Number(c.id.slice(1)) });
  });
  active.sort(
    (x, y) =>
      RATING_ORDER[x.c.terms.rating] - RATING_ORDER[y.c.terms.rating] ||
      x.c.startMonth - y.c.startMonth ||
      x.n - y.n,
  );
  // The best rating each seller shipped each product on this month (the sort serves it first).
  const served = new Map<string, number>();
  for (const { c: before, at } of active) {
    const seller = g.teams[before.seller]!;
    const buyer = g.teams[before.buyer]!;
    const due = scheduledBy(before, g.month) - before.delivered;
    if (due <= 0) continue;
    const c: Contract = { ...before };
    g.contracts[at] = c;
    const unitDue = c.terms.unitPrice * (1 - c.terms.advancePct / 100);
    const canAfford = unitDue > 0 ? Math.floor(buyer.money / unitDue) : Infinity;
    const ship = Math.max(0, Math.min(due, Math.floor(seller.stock[c.terms.product] ?? 0), canAfford));
    seller.unitsDue += due;
    seller.unitsOnTime += ship;
    const goods = `${c.seller}\u0000${c.terms.product}`;
    if (ship > 0 && !served.has(goods)) served.set(goods, RATING_ORDER[c.terms.rating]);
    if (ship > 0) {
      takeStock(seller.stock, c.terms.product, ship);
      bump(buyer.stock, c.terms.product, ship);
      pay(g, c.buyer, c.seller, ship * unitDue, 'delivery');
      c.paid += ship * unitDue;
      c.delivered += ship;
    }
    const late = due - ship;
    if (late > 0) {
      const penalty = Math.min(late * c.terms.penaltyPerUnitLate, seller.money);
      pay(g, c.seller, c.buyer, penalty, 'penalty');
      say(
        news,
        g.month,
        'late',
        {
          key: penalty > 0 ? 'contract.latePenalty' : 'contract.late',
          contract: c.id,
          seller: c.seller,
          shipped: ship,
          due,
          item: c.terms.product,
          penaltyEur: Math.round(penalty),
        },
        [c.buyer, c.seller],
      );
      if ((served.get(goods) ?? RATING_ORDER.none) < RATING_ORDER[c.terms.rating])
        say(
          news,
          g.month,
          'late',
          { key: 'contract.ratedFirst', contract: c.id, seller: c.seller, item: c.terms.product },
          [c.buyer, c.seller],
        );
    } else {
      say(
        news,
        g.month,
        'delivery',
        { key: 'contract.delivered', contract: c.id, qty: ship, item: c.terms.product, buyer: c.buyer },
        [c.buyer, c.seller],
      );
    }
    if (c.delivered >= c.terms.qty) {
      c.status = 'completed';
      c.history = [...c.history, { month: g.month, by: c.seller, action: 'complete' }];
    }
  }
}

/** Months of contracted work a seller holds for a product at its current monthly capacity. */
export function backlogUnits(g: GameState, seller: string, product?: string): number {
  let n = 0;
  for (const c of g.contracts)
    if (
      c.seller === seller &&
      c.status === 'active' &&
      (product === undefined || c.terms.product === product)
    )
      n = n + c.terms.qty - c.delivered;
  return n;
}
