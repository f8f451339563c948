import { describe, expect, it } from 'vitest';
import {
  botCommands,
  ErrorCode,
  newsText,
  parseScenario,
  validateOrders,
  viewFor,
  type MarketOfferEffect,
  type Scenario,
} from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

/** Purchases from third countries under competition (issue 10, item 2.2). */

const flagship = bundled('france-2025');

type OfferTerms = Partial<Omit<MarketOfferEffect, 'type'>>;

/** The flagship with no injects but one facilitator-fired offer of 155 mm shells abroad. */
function withOffer(terms: OfferTerms = {}): Scenario {
  return variant(flagship, (x) => {
    x.injects = [
      {
        id: 'shells_abroad',
        title: 'Shells abroad',
        description: 'A third country sells shells.',
        trigger: { type: 'facilitator' },
        durationMonths: 8,
        effects: [
          {
            type: 'marketOffer',
            product: 'shell_155',
            qty: 30_000,
            price: 5000,
            deliveryMonths: 2,
            ...terms,
          },
        ],
      },
    ];
  });
}

const open = (s: Scenario, seed = 1) =>
  new Driver(s, seed).toPlanning().do(facilitator, { type: 'fireInject', inject: 'shells_abroad' });
const offerOf = (d: Driver) => d.game.marketOffers[0]!;
const buy = (d: Driver, team: string, qty: number) =>
  d.do(teamActor(team), {
    type: 'submitOrders',
    orders: [{ type: 'buyMarketOffer', offer: offerOf(d).id, qty }],
  });
const delivered = (d: Driver, team: string) =>
  d.game.deliveries.filter((x) => x.team === team).map((x) => [x.qty, x.arrivesMonth]);

describe('an offer without the new terms is one lump, as before', () => {
  it('puts all of it on sale at once at its price, and what one buys is gone for the rest', () => {
    const d = open(withOffer());
    expect(offerOf(d)).toMatchObject({ qty: 30_000, available: 30_000, price: 5000, release: 30_000 });
    buy(d, 'dga', 20_000).endMonth();
    expect(offerOf(d)).toMatchObject({ qty: 10_000, available: 10_000, price: 5000 });
    expect(delivered(d, 'dga')).toEqual([[20_000, 3]]);
  });
});

describe('a release rate per month', () => {
  it('refuses at planning more than the month’s release, naming only the public figure', () => {
    const d = open(withOffer({ releasePerMonth: 5000 }));
    const v = validateOrders(d.scenario, d.game, 'dga', [
      { type: 'buyMarketOffer', offer: offerOf(d).id, qty: 3000 },
      { type: 'buyMarketOffer', offer: offerOf(d).id, qty: 3000 },
    ]);
    expect(v).toMatchObject({ code: ErrorCode.OverCapacity, path: 'orders.1' });
    expect(v!.message).toContain('5000');
  });

  it('delivers a big purchase in monthly tranches, each deliveryMonths after it was bought', () => {
    const d = open(withOffer({ releasePerMonth: 5000 }));
    const tranches: number[][] = [];
    const stock: number[] = [];
    for (let m = 0; m < 4; m++) {
      buy(d, 'dga', 5000).endMonth();
      tranches.push(...delivered(d, 'dga').filter(([, at]) => !tranches.some((t) => t[1] === at)));
      stock.push(d.game.teams.dga!.stock.shell_155 ?? 0);
    }
    expect(tranches).toEqual([
      [5000, 3],
      [5000, 4],
      [5000, 5],
      [5000, 6],
    ]);
    // Each tranche is in hand in the month it arrives: months 1–4 end with 0, 0, 5000, 10,000.
    expect(stock).toEqual([0, 0, 5000, 10_000]);
    expect(offerOf(d)).toMatchObject({ qty: 10_000, available: 5000, sold: 20_000 });
  });

  it('without carry-over, what is not bought in a month goes elsewhere', () => {
    const d = open(withOffer({ releasePerMonth: 5000 }));
    buy(d, 'dga', 1000).endMonth();
    expect(offerOf(d).available).toBe(5000);
  });

  it('with carry-over, what is not bought stays on sale, never beyond what is left', () => {
    const d = open(withOffer({ releasePerMonth: 12_000, carryOver: true }));
    buy(d, 'dga', 1000).endMonth();
    expect(offerOf(d)).toMatchObject({ available: 23_000, qty: 29_000 });
    d.endMonth();
    expect(offerOf(d)).toMatchObject({ available: 29_000, qty: 29_000 });
  });
});

describe('price escalation with demand', () => {
  it('raises the price by `escalation` per release-worth sold; each month’s buyers pay that month’s price', () => {
    const d = open(withOffer({ releasePerMonth: 5000, escalation: 0.1 }));
    const cash = () => d.game.teams.dga!.money;
    let before = cash();
    buy(d, 'dga', 5000).endMonth();
    expect(offerOf(d).price).toBeCloseTo(5500, 6);
    const firstSpend = before - cash();
    before = cash();
    buy(d, 'dga', 2500).endMonth();
    expect(offerOf(d).price).toBeCloseTo(5000 * (1 + 0.1 * 1.5), 6);
    // Same-month appropriations cancel out: the difference between months is the purchases' price.
    expect(firstSpend - (before - cash())).toBeCloseTo(5000 * 5000 - 2500 * 5500, 0);
  });
});

describe('competing buyers', () => {
  it('share a month’s release pro rata, each told only what it got of what it asked', () => {
    const d = open(withOffer({ releasePerMonth: 3000 }));
    buy(d, 'dga', 3000);
    buy(d, 'armees', 1500);
    d.endMonth();
    expect(delivered(d, 'dga')).toEqual([[2000, 3]]);
    expect(delivered(d, 'armees')).toEqual([[1000, 3]]);
    const told = (team: string) =>
      d.game.news.filter((n) => n.to?.includes(team)).map((n) => newsText(d.scenario, n));
    expect(told('armees').join('\n')).toMatch(/you get 1,000 of the 1,500 ordered/);
    expect(told('armees').join('\n')).not.toMatch(/2,000|3,000/);
    const white = d.game.news.find((n) => n.data.key === 'offer.rationedAll');
    expect(white?.to).toEqual([]);
  });
});

describe('rival bidders (the adversary’s outbid applies to offers open to it)', () => {
  const rules = flagship.rules.outbid;

  it('an outbid takes (1 − capMultiplier) of next month’s release for the rival and raises the price', () => {
    const d = open(withOffer({ releasePerMonth: 10_000, rivalBids: true }));
    const paid = d.game.teams.russia!.paid;
    d.do(teamActor('russia'), {
      type: 'submitOrders',
      orders: [{ type: 'outbidOffer', offer: offerOf(d).id }],
    }).endMonth();
    const kept = Math.floor(10_000 * rules.capMultiplier);
    expect(offerOf(d)).toMatchObject({ available: kept, qty: 30_000 - (10_000 - kept) });
    expect(offerOf(d).price).toBeCloseTo(5000 * rules.priceMultiplier, 6);
    expect(d.game.teams.russia!.paid).toBeGreaterThanOrEqual(paid + rules.cost);
    // The Blue side reads that a rival outbids it; how much it took goes to the rival and the White Cell.
    const took = d.game.news.find((n) => n.data.key === 'offer.rivalTook')!;
    expect(took.to).toEqual(['russia']);
    expect(d.game.news.some((n) => n.data.key === 'market.outbidOffer' && n.to === undefined)).toBe(true);
    // Blue is refused above the public release and nothing more is said.
    const v = validateOrders(d.scenario, d.game, 'dga', [
      { type: 'buyMarketOffer', offer: offerOf(d).id, qty: kept + 1 },
    ]);
    expect(v).toMatchObject({ code: ErrorCode.OverCapacity, path: 'orders.0.qty' });
    expect(v!.message).toBe(`Only ${kept} are on sale this month.`);
    // The month after, the outbid is over: full release, escalated by nothing (no escalation set).
    d.endMonth();
    expect(offerOf(d)).toMatchObject({ available: 10_000, price: 5000 });
  });

  it('holds for the months the scenario gives (rules.outbid.months), then ends', () => {
    const longer = variant(withOffer({ releasePerMonth: 10_000, rivalBids: true }), (x) => {
      x.rules.outbid.months = 3;
    });
    const d = open(longer);
    d.do(teamActor('russia'), {
      type: 'submitOrders',
      orders: [{ type: 'outbidOffer', offer: offerOf(d).id }],
    }).endMonth();
    const kept = Math.floor(10_000 * rules.capMultiplier);
    for (let m = 0; m < 3; m++) {
      expect(offerOf(d).available).toBe(kept);
      d.endMonth();
    }
    expect(offerOf(d).available).toBe(10_000);
  });

  it('the outbid is public news in the month it is ordered', () => {
    const d = open(withOffer({ releasePerMonth: 10_000, rivalBids: true }));
    d.do(teamActor('russia'), {
      type: 'submitOrders',
      orders: [{ type: 'outbidOffer', offer: offerOf(d).id }],
    });
    d.do(facilitator, { type: 'adjudicate' });
    const news = d.state.context.review!.news.filter((n) => n.data.key === 'market.outbidOffer');
    expect(news).toHaveLength(1);
    expect(news[0]!.to).toBeUndefined();
  });

  it('is refused for an offer closed to rivals, and to a Blue team', () => {
    const d = open(withOffer({ releasePerMonth: 10_000 }));
    const outbid = [{ type: 'outbidOffer' as const, offer: offerOf(d).id }];
    expect(validateOrders(d.scenario, d.game, 'russia', outbid)).toMatchObject({
      code: ErrorCode.ClosedToRivals,
      path: 'orders.0.offer',
    });
    expect(validateOrders(d.scenario, d.game, 'dga', outbid)).toMatchObject({
      code: ErrorCode.WrongTeamKind,
    });
  });

  it('the adversary bot outbids for the richest open offer every month it can pay', () => {
    const d = open(withOffer({ releasePerMonth: 4000, rivalBids: true }));
    const orders = (team: string) =>
      botCommands(d.scenario, d.state, team).find((c) => c.type === 'submitOrders')!;
    expect(orders('russia')).toMatchObject({
      orders: expect.arrayContaining([{ type: 'outbidOffer', offer: offerOf(d).id }]),
    });
    const closed = open(withOffer({ releasePerMonth: 4000 }));
    const plain = botCommands(closed.scenario, closed.state, 'russia').find((c) => c.type === 'submitOrders');
    expect(JSON.stringify(plain)).not.toContain('outbidOffer');
  });
});

describe('the competent procurement bot buys in an emergency within the release and the price', () => {
  const competent = (d: Driver) => {
    const state = structuredClone(d.state);
    state.context.botStrength = { dga: 'competent' };
    const c = botCommands(d.scenario, state, 'dga').find((x) => x.type === 'submitOrders');
    return c?.type === 'submitOrders' ? c.orders.filter((o) => o.type === 'buyMarketOffer') : [];
  };

  it('never asks for more than is on sale this month', () => {
    const d = open(withOffer({ releasePerMonth: 1500 }));
    const buys = competent(d);
    expect(buys).toHaveLength(1);
    expect(buys[0]).toMatchObject({ qty: 1500 });
  });

  it('stops once escalation lifts the price past what it will pay', () => {
    // 5000 × (1 + 2 × 1) = 15,000 > 2 × the 4,400 market price after one release-worth sold.
    const d = open(withOffer({ releasePerMonth: 1500, escalation: 2 }));
    buy(d, 'dga', 1500).endMonth();
    expect(offerOf(d).price).toBeCloseTo(15_000, 6);
    expect(competent(d)).toEqual([]);
  });
});

describe('opening stocks, at home and abroad (issue 10, item 2.7)', () => {
  const s = variant(flagship, (x) => {
    x.injects = [];
    const armees = x.teams.find((t) => t.id === 'armees')!;
    armees.stock = { shell_155: 12_000 };
    armees.abroad = { shippingMonths: 2, stock: { shell_155: 9000, fpv_rf: 500 } };
  });

  it('start in the team’s hands and abroad, and the ledger counts the opening stock', () => {
    const g = new Driver(s).game;
    expect(g.teams.armees!.stock).toEqual({ shell_155: 12_000 });
    expect(g.teams.armees!.abroad).toEqual({ shell_155: 9000, fpv_rf: 500 });
    expect(g.ledger.opening).toEqual({ shell_155: 12_000 });
    expect(new Driver(flagship).game.teams.armees!.abroad).toBeUndefined();
  });

  it('stock abroad ships home with the order and arrives after shippingMonths', () => {
    const d = new Driver(s).toPlanning();
    d.do(teamActor('armees'), {
      type: 'submitOrders',
      orders: [{ type: 'repatriate', item: 'shell_155', qty: 6000 }],
    }).endMonth();
    expect(d.game.teams.armees!.abroad).toEqual({ shell_155: 3000, fpv_rf: 500 });
    expect(d.game.deliveries).toEqual([
      { team: 'armees', item: 'shell_155', qty: 6000, arrivesMonth: 3, repatriated: true },
    ]);
    const home = () => d.game.teams.armees!.stock.shell_155 ?? 0;
    d.endMonth();
    expect(d.game.deliveries).toHaveLength(1);
    const before = home();
    d.endMonth();
    expect(d.game.deliveries).toEqual([]);
    expect(home()).toBe(before + 6000);
    expect(d.game.ledger.opening?.shell_155).toBe(18_000);
    expect(d.game.news.some((n) => n.data.key === 'abroad.arrived' && n.to?.[0] === 'armees')).toBe(true);
  });

  it('refuses more than is held abroad, an item not held there, and a team holding nothing abroad', () => {
    const d = new Driver(s).toPlanning();
    const check = (team: string, item: string, qty: number) =>
      validateOrders(s, d.game, team, [
        { type: 'repatriate', item, qty },
        { type: 'repatriate', item, qty },
      ]);
    expect(check('armees', 'shell_155', 5000)).toMatchObject({
      code: ErrorCode.NotEnoughStock,
      path: 'orders.1',
    });
    expect(check('armees', 'mortar_120', 1)).toMatchObject({
      code: ErrorCode.NotEnoughStock,
      path: 'orders.0.item',
    });
    expect(check('dga', 'shell_155', 1)).toMatchObject({
      code: ErrorCode.NotEnoughStock,
      path: 'orders.0.item',
    });
    expect(check('russia', 'shell_155', 1)).toMatchObject({ code: ErrorCode.WrongTeamKind });
  });

  it('only the owner (and the White Cell) see what it holds abroad and what ships home', () => {
    const d = new Driver(s).toPlanning();
    d.do(teamActor('armees'), {
      type: 'submitOrders',
      orders: [{ type: 'repatriate', item: 'fpv_rf', qty: 500 }],
    }).endMonth();
    const own = viewFor(s, d.state, { role: 'team', team: 'armees' });
    expect(own.me?.team.abroad).toEqual({ shell_155: 9000, fpv_rf: 0 });
    expect(own.deliveries).toHaveLength(1);
    const other = viewFor(s, d.state, { role: 'team', team: 'dga' });
    expect(JSON.stringify(other)).not.toContain('"abroad"');
    expect(other.deliveries).toEqual([]);
    expect(viewFor(s, d.state, { role: 'display' }).deliveries).toEqual([]);
    expect(viewFor(s, d.state, { role: 'facilitator' }).deliveries).toHaveLength(1);
  });

  it('bots ship home whatever they hold abroad', () => {
    const d = new Driver(s).toPlanning();
    const c = botCommands(s, d.state, 'armees').find((x) => x.type === 'submitOrders');
    expect(c).toMatchObject({
      orders: expect.arrayContaining([
        { type: 'repatriate', item: 'shell_155', qty: 9000 },
        { type: 'repatriate', item: 'fpv_rf', qty: 500 },
      ]),
    });
  });
});

describe('the checker refuses bad references in offers and opening stocks, with a path', () => {
  const errorsOf = (edit: (x: Scenario) => void) => {
    const r = parseScenario(variant(flagship, edit));
    return r.ok ? [] : r.errors;
  };
  const offer = (terms: OfferTerms) => (x: Scenario) => {
    x.injects = withOffer(terms).injects;
  };

  it.each([
    [
      'an unknown item in opening stock',
      (x: Scenario) => void (x.teams[2]!.stock = { shell_155: 1, nope: 5 }),
      'teams.2.stock.nope',
    ],
    [
      'an unknown item held abroad',
      (x: Scenario) => void (x.teams[2]!.abroad = { shippingMonths: 1, stock: { nope: 5 } }),
      'teams.2.abroad.stock.nope',
    ],
    [
      'stock for the adversary',
      (x: Scenario) => {
        const i = x.teams.findIndex((t) => t.kind === 'adversary');
        x.teams[i]!.stock = { shell_155: 1 };
      },
      `teams.${flagship.teams.findIndex((t) => t.kind === 'adversary')}.stock`,
    ],
    [
      'a release above the quantity',
      offer({ releasePerMonth: 40_000 }),
      'injects.0.effects.0.releasePerMonth',
    ],
    [
      'rival bids with no adversary',
      (x: Scenario) => {
        offer({ rivalBids: true })(x);
        x.teams = x.teams.filter((t) => t.kind !== 'adversary');
        x.plants = x.plants.filter((p) => x.teams.some((t) => t.id === p.owner));
        x.sites = x.sites.filter((p) => x.teams.some((t) => t.id === p.owner));
        x.teams.forEach((t) => (t.objectives = []));
        x.kpis = [];
      },
      'injects.0.effects.0.rivalBids',
    ],
  ])('%s', (_name, edit, path) => {
    expect(errorsOf(edit).map((e) => e.path)).toContain(path);
  });

  it('refuses a negative opening stock or shipping time by shape', () => {
    const r = parseScenario({
      ...structuredClone(flagship),
      teams: flagship.teams.map((t, i) =>
        i === 2 ? { ...t, stock: { shell_155: -1 }, abroad: { shippingMonths: -1, stock: {} } } : t,
      ),
    });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['teams.2.stock.shell_155', 'teams.2.abroad.shippingMonths']),
    );
  });
});
