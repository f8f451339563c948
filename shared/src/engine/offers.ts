import type { NewsMessage } from '../narration/render.ts';
import type { Order } from '../schema/commands.ts';
import type { MarketOfferEffect, Scenario } from '../schema/scenario.ts';
import { say } from './finance.ts';
import { proRata } from './share.ts';
import type { GameState, MarketOffer, NewsEvent } from './state.ts';
import type { Grants } from './supply.ts';

type Buy = Extract<Order, { type: 'buyMarketOffer' }>;

/**
 * A new offer from a `marketOffer` effect (README, "Purchases from third
 * countries under competition"). Without a release rate the whole quantity is on sale at once.
 */
export function openOffer(e: MarketOfferEffect, id: string, endMonth: number): MarketOffer {
  const release = e.releasePerMonth ?? e.qty;
  return {
    id,
    product: e.product,
    qty: e.qty,
    price: e.price,
    deliveryMonths: e.deliveryMonths,
    endMonth,
    basePrice: e.price,
    release,
    available: Math.min(release, e.qty),
    carryOver: e.carryOver ?? false,
    escalation: e.escalation ?? 0,
    sold: 0,
    rivalBids: e.rivalBids ?? false,
    outbidUntil: 0,
  };
}

/** Whether an adversary's outbid holds in `month`. */
export const outbidIn = (m: MarketOffer, month: number): boolean => m.outbidUntil > month;

/**
 * € per unit in `month`: the base price × (1 + escalation × units sold ÷ release), × the outbid price
 * multiplier while an outbid holds. Fixed for the whole month, so planning and adjudication agree.
 */
export function offerPrice(s: Scenario, m: MarketOffer, month: number): number {
  const escalated = m.basePrice * (1 + (m.escalation * m.sold) / Math.max(1, m.release));
  return outbidIn(m, month) ? escalated * s.rules.outbid.priceMultiplier : escalated;
}

/**
 * Whether rival buyers abroad bid for offer `m` in `month`: an inject in force then carries a
 * `rivalBid` effect for its product (or for every offer), and the offer is open to rival bids.
 */
function rivalsBid(g: GameState, m: MarketOffer, month: number): boolean {
  if (!m.rivalBids) return false;
  return g.activeInjects.some(
    (a) =>
      (a.endMonth === null || a.endMonth > month) &&
      a.effects.some((e) => e.type === 'rivalBid' && (e.product === undefined || e.product === m.product)),
  );
}

/**
 * The month's release, at the end of adjudication, for the month that follows (`g.month + 1`): each
 * open offer releases up to `release` more units (keeping what was not bought only if it carries
 * over), a rival who outbid for it (the adversary's `outbidOffer`, or rival buyers abroad while a
 * `rivalBid` effect is in force next month) takes (1 − `rules.outbid.capMultiplier`) of that release
 * before anyone else, and the price is set for the month. Narrated: the rival's take to the White
 * Cell and the adversary; the outbid itself is public news when it is ordered, the rival buyers' when
 * their inject starts.
 */
export function releaseOffers(s: Scenario, g: GameState, news: NewsEvent[]): void {
  const next = g.month + 1;
  const rivals = s.teams.filter((t) => t.kind === 'adversary').map((t) => t.id);
  for (const m of g.marketOffers) {
    if (m.endMonth <= next || m.qty <= 0) continue;
    // Rival buyers hold the offer as an outbid does, so planning and adjudication read one flag.
    if (rivalsBid(g, m, next)) m.outbidUntil = Math.max(m.outbidUntil, next + 1);
    m.available = Math.min(m.qty, (m.carryOver ? m.available : 0) + m.release);
    if (outbidIn(m, next)) {
      const taken = m.available - Math.floor(m.available * s.rules.outbid.capMultiplier);
      m.available -= taken;
      m.qty -= taken;
      m.sold += taken;
      if (taken > 0)
        say(news, g.month, 'market', { key: 'offer.rivalTook', qty: taken, item: m.product }, rivals);
    }
    m.price = offerPrice(s, m, next);
  }
}

interface Claim {
  key: string;
  qty: number;
  order: Buy;
  team: string;
}

/**
 * Share each offer's units on sale this month among every team's purchases from it at once: pro rata
 * to what was asked, whole units by largest remainder, ties by team id (a team's place in the file
 * plays no part). When an offer is asked for more than it has, each buyer is told what it got of what
 * it asked; the White Cell gets the whole split. `mayBuy` says which teams may buy offers at all.
 */
export function allocateOffers(
  g: GameState,
  orders: Readonly<Record<string, readonly Order[]>>,
  mayBuy: (team: string) => boolean,
  news: NewsEvent[],
): Grants {
  const claims = new Map<string, Claim[]>();
  for (const team of [...Object.keys(orders)].sort()) {
    if (!mayBuy(team)) continue;
    for (const [i, o] of (orders[team] ?? []).entries()) {
      if (o.type !== 'buyMarketOffer') continue;
      const list = claims.get(o.offer) ?? [];
      claims.set(o.offer, list);
      list.push({ key: `${team}\u0000${String(i).padStart(4, '0')}`, qty: o.qty, order: o, team });
    }
  }
  const grants = new Map<Order, number>();
  for (const [id, list] of claims) {
    const offer = g.marketOffers.find((m) => m.id === id && m.endMonth > g.month);
    if (!offer) continue;
    const given = proRata(offer.available, list);
    list.forEach((c, k) => grants.set(c.order, given[k]!));
    const asked = list.reduce((n, c) => n + c.qty, 0);
    if (asked > offer.available) narrate(g, offer, asked, list, given, news);
  }
  return grants;
}

function narrate(
  g: GameState,
  offer: MarketOffer,
  asked: number,
  list: readonly Claim[],
  given: readonly number[],
  news: NewsEvent[],
): void {
  const teams = new Map<string, { asked: number; got: number }>();
  list.forEach((c, k) => {
    const t = teams.get(c.team) ?? { asked: 0, got: 0 };
    t.asked += c.qty;
    t.got += given[k]!;
    teams.set(c.team, t);
  });
  const item = offer.product;
  const split = [...teams].map(([team, t]): NewsMessage => ({
    key: 'supply.share',
    team,
    got: t.got,
    asked: t.asked,
  }));
  say(news, g.month, 'supply', { key: 'offer.rationedAll', item, cap: offer.available, asked, split }, []);
  for (const [team, t] of teams)
    say(news, g.month, 'supply', { key: 'offer.rationed', item, got: t.got, asked: t.asked }, [team]);
}
