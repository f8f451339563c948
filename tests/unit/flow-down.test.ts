import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  adjudicate,
  botCommands,
  contractById,
  ErrorCode,
  flowDownRoom,
  initialGame,
  newsText,
  type Contract,
  type ContractTerms,
  type Scenario,
} from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

/**
 * Priority ratings on intermediate products (issue 10 §2.1, DPAS flow-down): the tutorial with a
 * drone frame every FPV drone needs, made by a frame shop (FrameCo, 500 frames a month, a battery in
 * each) that AutoCo and a second drone maker (DroneSME) both buy from; ratings unlocked.
 */
function scenario(edit: (s: Scenario) => void = () => {}): Scenario {
  return variant(bundled('tutorial'), (s) => {
    s.levers.priorityRatings = true;
    s.injects = [];
    s.rules.yieldTriangular = { min: 1, mode: 1, max: 1 };
    s.products.push({
      id: 'frame',
      name: 'Drone frame',
      class: 'frame',
      unit: 'unit',
      firstUnitCost: 20,
      learningRate: 0.9,
      marketPrice: 60,
      bom: [{ item: 'battery', qty: 1 }],
      effectByEw: [0, 0, 0, 0],
    });
    s.products.find((p) => p.id === 'fpv_rf')!.bom.push({ item: 'frame', qty: 1 });
    const autoco = s.teams.find((t) => t.id === 'autoco')!;
    autoco.money = 1e9;
    const firm = (id: string, name: string) => ({ ...structuredClone(autoco), id, name, objectives: [] });
    s.teams.push(firm('frameco', 'FrameCo'), firm('dronesme', 'DroneSME'));
    s.teams.find((t) => t.id === 'frameco')!.stock = { battery: 10_000 };
    s.plants.push({
      id: 'frame_shop',
      name: 'Frame shop',
      owner: 'frameco',
      type: 'auto-assembly',
      location: 'Tours',
      workforce: { skilled: 100, convertible: 0 },
      security: 0,
      unionMood: 0.5,
      criticality: 0,
      lines: [
        {
          id: 'frames',
          name: 'Frame line',
          state: 'rate',
          product: 'frame',
          nameplate: 500,
          rampStep: 0,
          yield: 1,
          crew: 20,
          civilRevenue: 0,
          cumUnits: 0,
          shifts: 1,
          priority: 'normal',
          outputMode: 'capacity',
          stockTarget: 0,
        },
      ],
    });
    edit(s);
  });
}

const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  product: 'frame',
  qty: 600,
  unitPrice: 60,
  type: 'spot',
  rating: 'none',
  months: 1,
  advancePct: 0,
  penaltyPerUnitLate: 0,
  cancelFeePct: 0,
  startsIn: 0,
  ...over,
});
const buyFrom = (seller: string, t: Partial<ContractTerms>) =>
  ({ type: 'offerContract', counterparty: seller, as: 'buyer', terms: terms(t) }) as const;

const dga = teamActor('dga');
const autoco = teamActor('autoco');
const frameco = teamActor('frameco');
const dronesme = teamActor('dronesme');

/** The DGA's DX-rated order for 1,000 RF drones from AutoCo, signed: a frame each flows down. */
function withRatedPrime(s = scenario()): Driver {
  return new Driver(s)
    .toPlanning()
    .do(dga, buyFrom('autoco', { product: 'fpv_rf', qty: 1000, unitPrice: 700, rating: 'DX', months: 3 }))
    .do(autoco, { type: 'acceptContract', contract: 'c1' });
}

describe('ratings flow down to intermediate products (DPAS)', () => {
  it('rated prime contract → rated frame contract → the frame shop, short, fills the rated buyer first', () => {
    const d = withRatedPrime();
    expect(flowDownRoom(d.scenario, d.game, 'autoco', 'frame')).toEqual({ DX: 1000, DO: 0 });
    // DroneSME's unrated order comes first (older); AutoCo's carries the DX rating it holds.
    d.do(dronesme, buyFrom('frameco', { qty: 600 })).do(frameco, { type: 'acceptContract', contract: 'c2' });
    d.do(autoco, buyFrom('frameco', { qty: 600, rating: 'DX' })).do(frameco, {
      type: 'acceptContract',
      contract: 'c3',
    });
    const signed = d.game.news.filter((n) => n.data.key === 'contract.flowDown');
    expect(signed.map((n) => newsText(d.scenario, n))).toEqual([
      'c3 carries AutoCo (car maker)’s DX rating, flowed down from its own rated orders: FrameCo must serve it before unrated work.',
    ]);
    expect(flowDownRoom(d.scenario, d.game, 'autoco', 'frame')).toEqual({ DX: 400, DO: 0 });
    d.endMonth();
    // 500 frames made, 1,200 due: the rated order gets all 500, the older unrated one none, and is told why.
    expect(contractById(d.game, 'c3')!.delivered).toBe(500);
    expect(contractById(d.game, 'c2')!.delivered).toBe(0);
    const why = d.game.news.filter((n) => n.data.key === 'contract.ratedFirst');
    expect(why).toHaveLength(1);
    expect(why[0]!.to).toEqual(['dronesme', 'frameco']);
    expect(newsText(d.scenario, why[0]!)).toContain('served higher-rated orders first');
  });

  it('unrated, the same orders go in order of receipt: the older order takes the scarce frames', () => {
    const d = withRatedPrime();
    d.do(dronesme, buyFrom('frameco', { qty: 600 })).do(frameco, { type: 'acceptContract', contract: 'c2' });
    d.do(autoco, buyFrom('frameco', { qty: 600 })).do(frameco, { type: 'acceptContract', contract: 'c3' });
    d.endMonth();
    expect(contractById(d.game, 'c2')!.delivered).toBe(500);
    expect(contractById(d.game, 'c3')!.delivered).toBe(0);
    expect(d.game.news.some((n) => n.data.key === 'contract.ratedFirst')).toBe(false);
  });

  it('the frame shop’s own purchases for the rated frames are rated in turn', () => {
    const s = scenario((x) => {
      const battery = x.components.find((c) => c.id === 'battery')!;
      battery.sources = battery.sources.map((src) => ({ ...src, monthlyCap: 1000, embargoRisk: 0 }));
      x.teams.find((t) => t.id === 'frameco')!.stock = {};
    });
    const g = initialGame(s, 3);
    const rated = (id: string, buyer: string, seller: string, t: Partial<ContractTerms>): Contract => ({
      id,
      buyer,
      seller,
      terms: terms(t),
      status: 'active',
      awaiting: seller,
      startMonth: 1,
      delivered: 0,
      paid: 0,
      history: [],
    });
    g.contracts.push(
      rated('c1', 'dga', 'autoco', { product: 'fpv_rf', qty: 1000, rating: 'DX', months: 3 }),
      rated('c2', 'autoco', 'frameco', { qty: 600, rating: 'DX' }),
    );
    const buy = { type: 'buyComponents', component: 'battery', source: 'eu', qty: 1000 } as const;
    const { game, news } = adjudicate(s, g, { frameco: [{ ...buy }], dronesme: [{ ...buy }] });
    const bought = (team: string) => game.teams[team]!.componentsBought - g.teams[team]!.componentsBought;
    expect([bought('frameco'), bought('dronesme')]).toEqual([714, 286]);
    // 600 rated batteries first (a battery per rated frame), the other 400 pro rata to 400 and 1,000
    // unrated asked; FrameCo is told how much of its rated need it got.
    const split = news.find((n) => n.data.key === 'supply.rationedAll')!.data.split;
    expect(split).toEqual([
      { key: 'supply.share', team: 'dronesme', got: 286, asked: 1000 },
      { key: 'supply.share', team: 'frameco', got: 714, asked: 1000 },
    ]);
    const mine = news.find((n) => n.data.key === 'supply.rationedRated')!;
    expect(mine).toMatchObject({ to: ['frameco'], data: { ratedGot: 600, rated: 600 } });
  });
});

describe('a firm cannot rate beyond what its rated orders need', () => {
  it.each([
    [
      'more frames than its rated drones need',
      autoco,
      buyFrom('frameco', { qty: 1001, rating: 'DX' }),
      ErrorCode.RatingBeyondNeed,
      'terms.qty',
    ],
    [
      'a rating it does not hold',
      autoco,
      buyFrom('frameco', { qty: 100, rating: 'DO' }),
      ErrorCode.RatingNotAllowed,
      'terms.rating',
    ],
    [
      'a product its rated orders do not use',
      autoco,
      buyFrom('frameco', { product: 'fpv_fibre', qty: 10, rating: 'DX' }),
      ErrorCode.RatingNotAllowed,
      'terms.rating',
    ],
    [
      'a firm holding no rated contract',
      dronesme,
      buyFrom('frameco', { qty: 100, rating: 'DX' }),
      ErrorCode.RatingNotAllowed,
      'terms.rating',
    ],
    [
      'a seller rating its own sale',
      frameco,
      {
        type: 'offerContract',
        counterparty: 'autoco',
        as: 'seller',
        terms: terms({ qty: 100, rating: 'DX' }),
      },
      ErrorCode.RatingNotAllowed,
      'terms.rating',
    ],
  ] as const)('refuses %s', (_name, actor, cmd, code, path) => {
    const d = withRatedPrime();
    const before = JSON.stringify(d.state);
    expect(d.try(actor, cmd)).toMatchObject({ ok: false, code, path });
    expect(JSON.stringify(d.state)).toBe(before);
  });

  it('counts the rated orders already placed, and checks again when the buyer accepts', () => {
    const d = withRatedPrime().do(autoco, buyFrom('frameco', { qty: 700, rating: 'DX' }));
    expect(d.try(autoco, buyFrom('frameco', { qty: 301, rating: 'DX' }))).toMatchObject({
      code: ErrorCode.RatingBeyondNeed,
    });
    // The seller may keep the buyer's rating in a counter (its answer reads nothing of the buyer's
    // book); the buyer accepting 1,100 is refused, 1,000 is fine.
    d.do(frameco, { type: 'counterContract', contract: 'c2', terms: terms({ qty: 1100, rating: 'DX' }) });
    expect(d.try(autoco, { type: 'acceptContract', contract: 'c2' })).toMatchObject({
      code: ErrorCode.RatingBeyondNeed,
      path: 'contract',
    });
    d.do(autoco, { type: 'counterContract', contract: 'c2', terms: terms({ qty: 1000, rating: 'DX' }) });
    expect(
      d.try(frameco, { type: 'counterContract', contract: 'c2', terms: terms({ qty: 1000, rating: 'DO' }) }),
    ).toMatchObject({
      code: ErrorCode.RatingNotAllowed,
    });
    d.do(frameco, { type: 'acceptContract', contract: 'c2' });
    expect(contractById(d.game, 'c2')).toMatchObject({
      status: 'active',
      terms: { rating: 'DX', qty: 1000 },
    });
  });

  it('a scenario without flow-down lets only its rating authorities rate', () => {
    const d = withRatedPrime(scenario((x) => (x.rules.ratings.flowDown = false)));
    expect(d.try(autoco, buyFrom('frameco', { qty: 100, rating: 'DX' }))).toMatchObject({
      code: ErrorCode.RatingNotAllowed,
    });
  });

  it('property: whatever it orders, a firm’s rated frames never exceed what its rated drones need', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.array(
          fc.record({ qty: fc.integer({ min: 1, max: 900 }), rating: fc.constantFrom('DX', 'DO', 'none') }),
          {
            maxLength: 5,
          },
        ),
        (primeQty, asks) => {
          const d = new Driver(scenario())
            .toPlanning()
            .do(dga, buyFrom('autoco', { product: 'fpv_rf', qty: primeQty, unitPrice: 700, rating: 'DX' }))
            .do(autoco, { type: 'acceptContract', contract: 'c1' });
          for (const a of asks) d.try(autoco, buyFrom('frameco', a));
          const rated = d.game.contracts
            .filter((c) => c.buyer === 'autoco' && c.terms.rating !== 'none')
            .reduce((n, c) => n + c.terms.qty, 0);
          expect(rated).toBeLessThanOrEqual(primeQty);
          expect(d.game.contracts.some((c) => c.buyer === 'autoco' && c.terms.rating === 'DO')).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the industry bot places the ratings it holds', () => {
  it('rates its order for frames as far as its rated drones need them, the rest unrated', () => {
    const s = scenario((x) => {
      const line = x.plants[0]!.lines[0]!;
      Object.assign(line, { state: 'rate', product: 'fpv_rf', template: 'simple_assembly' });
    });
    const d = withRatedPrime(s);
    const offers = botCommands(s, d.state, 'autoco').filter((c) => c.type === 'offerContract');
    const frames = offers.filter((c) => c.type === 'offerContract' && c.terms.product === 'frame');
    expect(frames.map((c) => c.type === 'offerContract' && [c.counterparty, c.terms.rating])).toEqual([
      ['frameco', 'DX'],
      ['frameco', 'none'],
    ]);
    const [dx, rest] = frames.map((c) => (c.type === 'offerContract' ? c.terms.qty : 0));
    expect(dx).toBe(1000);
    expect(rest).toBeGreaterThan(0);
  });
});
