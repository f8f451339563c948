import { describe, expect, it } from 'vitest';
import { contractById, contractIndex, ErrorCode, type Contract, type ContractTerms } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const dga = teamActor('dga');
const autoco = teamActor('autoco');
const army = teamActor('army');

const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  product: 'fpv_rf',
  qty: 600,
  unitPrice: 700,
  type: 'spot',
  rating: 'none',
  months: 3,
  advancePct: 10,
  penaltyPerUnitLate: 0,
  cancelFeePct: 0,
  startsIn: 0,
  ...over,
});

const offer = (t: Partial<ContractTerms> = {}) =>
  ({ type: 'offerContract', counterparty: 'autoco', as: 'buyer', terms: terms(t) }) as const;

describe('contract negotiation', () => {
  it('offer, counter, accept: the advance is paid and the contract is active', () => {
    const d = new Driver(tutorial).toPlanning().do(dga, offer());
    const id = d.game.contracts[0]!.id;
    expect(contractById(d.game, id)).toMatchObject({
      status: 'offered',
      awaiting: 'autoco',
      buyer: 'dga',
      seller: 'autoco',
    });
    d.do(autoco, { type: 'counterContract', contract: id, terms: terms({ unitPrice: 800 }) });
    expect(contractById(d.game, id)).toMatchObject({ status: 'offered', awaiting: 'dga' });
    const before = { dga: d.game.teams.dga!.money, autoco: d.game.teams.autoco!.money };
    d.do(dga, { type: 'acceptContract', contract: id });
    expect(contractById(d.game, id)!.status).toBe('active');
    expect(d.game.teams.dga!.money).toBe(before.dga - 600 * 800 * 0.1);
    expect(d.game.teams.autoco!.money).toBe(before.autoco + 600 * 800 * 0.1);
  });

  it.each([
    ['accepting its own offer', dga, 'acceptContract', ErrorCode.NotYourMove],
    ['a third team accepting', army, 'acceptContract', ErrorCode.NotParty],
    ['a third team rejecting', army, 'rejectContract', ErrorCode.NotParty],
    ['rejecting its own offer', dga, 'rejectContract', ErrorCode.NotYourMove],
    ['the seller cancelling an offer it must answer', autoco, 'cancelContract', ErrorCode.NotYourMove],
  ] as const)('refuses %s', (_name, actor, type, code) => {
    const d = new Driver(tutorial).toPlanning().do(dga, offer());
    const before = JSON.stringify(d.state);
    const r = d.try(actor, { type, contract: 'c1' });
    expect(r).toMatchObject({ ok: false, code });
    expect(JSON.stringify(d.state)).toBe(before);
  });

  it('refuses locked levers and unknown contracts', () => {
    const d = new Driver(tutorial).toPlanning();
    expect(d.try(dga, offer({ type: 'multiYear' }))).toMatchObject({ code: ErrorCode.LeverDisabled });
    expect(d.try(dga, offer({ rating: 'DX' }))).toMatchObject({ code: ErrorCode.LeverDisabled });
    expect(d.try(dga, { type: 'acceptContract', contract: 'c99' })).toMatchObject({
      code: ErrorCode.UnknownContract,
    });
    expect(d.try(dga, { ...offer(), counterparty: 'dga' })).toMatchObject({ code: ErrorCode.SelfDealing });
  });

  it('only the buyer may cancel a signed contract, and it costs trust and the fee', () => {
    const d = new Driver(tutorial)
      .toPlanning()
      .do(dga, offer({ cancelFeePct: 20 }))
      .do(autoco, { type: 'acceptContract', contract: 'c1' });
    expect(d.try(autoco, { type: 'cancelContract', contract: 'c1' })).toMatchObject({
      code: ErrorCode.NotParty,
    });
    const money = d.game.teams.autoco!.money;
    d.do(dga, { type: 'cancelContract', contract: 'c1' });
    expect(contractById(d.game, 'c1')!.status).toBe('cancelled');
    expect(d.game.teams.dga!.trust).toBe(100 - tutorial.rules.cancellationTrustPenalty);
    expect(d.game.teams.autoco!.money).toBeCloseTo(money + 600 * 700 * 0.2);
  });

  it('rated orders are delivered before unrated ones when stock is short', () => {
    const s = variant(tutorial, (x) => {
      x.levers.priorityRatings = true;
      x.teams.find((t) => t.id === 'autoco')!.money = 1e9;
    });
    const d = new Driver(s).toPlanning();
    d.do(dga, offer({ qty: 300, months: 1 }));
    d.do(autoco, { type: 'acceptContract', contract: 'c1' });
    d.do(army, {
      type: 'offerContract',
      counterparty: 'autoco',
      as: 'buyer',
      terms: terms({ qty: 300, months: 1, rating: 'DX', advancePct: 0 }),
    });
    d.do(autoco, { type: 'acceptContract', contract: 'c2' });
    // Put 300 drones in the seller's stock through a facilitator override, then adjudicate.
    d.do(facilitator, { type: 'adjudicate' });
    d.do(facilitator, {
      type: 'override',
      target: { kind: 'stock', team: 'autoco', item: 'fpv_rf' },
      value: 300,
      reason: 'test stock',
    });
    d.do(facilitator, { type: 'publish' });
    d.endMonth();
    expect(contractById(d.game, 'c2')!.delivered).toBe(300);
    expect(contractById(d.game, 'c1')!.delivered).toBe(0);
    expect(d.game.news.some((n) => n.kind === 'late' && newsText(tutorial, n).includes('c1'))).toBe(true);
  });

  it('deliveries are paid on arrival, net of the advance', () => {
    const s = variant(tutorial, (x) => (x.teams.find((t) => t.id === 'autoco')!.money = 1e9));
    const d = new Driver(s)
      .toPlanning()
      .do(dga, offer({ qty: 100, months: 1, unitPrice: 1000 }))
      .do(autoco, { type: 'acceptContract', contract: 'c1' });
    d.do(facilitator, { type: 'adjudicate' });
    d.do(facilitator, {
      type: 'override',
      target: { kind: 'stock', team: 'autoco', item: 'fpv_rf' },
      value: 100,
      reason: 'test stock',
    });
    d.do(facilitator, { type: 'publish' });
    const dgaBefore = d.game.teams.dga!.money;
    d.endMonth();
    const c = contractById(d.game, 'c1')!;
    expect(c).toMatchObject({ delivered: 100, status: 'completed' });
    expect(c.paid).toBeCloseTo(100 * 1000);
    expect(d.game.teams.dga!.stock.fpv_rf).toBe(100);
    expect(d.game.teams.dga!.money).toBeCloseTo(dgaBefore - 90 * 1000 + tutorial.teams[0]!.appropriation);
  });
});

describe('contract lookup by id', () => {
  const list = (...ns: number[]) => ns.map((n) => ({ id: `c${n}` }) as Contract);

  it.each([
    ['c1', list(1, 2, 3), 0],
    ['c3', list(1, 2, 3), 2],
    ['c7', list(2, 7, 9, 12), 1],
    ['c12', list(2, 7, 9, 12), 3],
    ['c8', list(2, 7, 9, 12), -1],
    ['c1', list(), -1],
    ['c01', list(1), -1],
    ['constructor', list(1), -1],
    ['__proto__', list(1), -1],
    ['c', list(1), -1],
    ['c1e3', list(1), -1],
    ['c99999999999', list(1), -1],
  ])('%s in %j is at %i', (id, contracts, at) => {
    expect(contractIndex(contracts, id)).toBe(at);
    expect(contractById({ contracts }, id)).toBe(at < 0 ? undefined : contracts[at]);
  });

  it('ids grow with each offer and the list stays in id order', () => {
    const d = new Driver(tutorial).toPlanning();
    for (let i = 0; i < 5; i++) d.do(dga, offer({ qty: 10 + i }));
    expect(d.game.contracts.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    d.do(autoco, { type: 'rejectContract', contract: 'c3' });
    expect(contractById(d.game, 'c3')!.status).toBe('rejected');
    expect(d.game.contracts.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });
});

describe('an advance is judged on the buyer’s cash only where the buyer acts', () => {
  const rich = (cash: number) =>
    variant(tutorial, (s) => {
      s.teams.find((t) => t.id === 'army')!.money = cash;
    });
  const sellerOffer = {
    ...offer({ qty: 1000, unitPrice: 700, advancePct: 100 }),
    as: 'seller' as const,
    counterparty: 'army',
  };
  const buyerOffer = { ...sellerOffer, as: 'buyer' as const, counterparty: 'autoco' };

  it('the seller’s offer gets the same answer whatever the buyer’s cash', () => {
    const answers = [100, 10_000_000].map((cash) => {
      const d = new Driver(rich(cash)).toPlanning();
      const r = d.try(autoco, sellerOffer);
      return r.ok ? { ok: true, news: d.game.news.filter((n) => n.to?.includes('autoco')) } : r;
    });
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ ok: true });
  });

  it('the buyer accepting an advance it cannot pay is refused; the buyer offering it is refused', () => {
    const d = new Driver(rich(100)).toPlanning().do(autoco, sellerOffer);
    const id = d.game.contracts.at(-1)!.id;
    expect(d.try(army, { type: 'acceptContract', contract: id })).toMatchObject({
      code: ErrorCode.OverBudget,
    });
    expect(d.try(army, buyerOffer)).toMatchObject({ code: ErrorCode.OverBudget });
  });

  it('a seller accepting a buyer’s offer the buyer can no longer pay: the offer lapses, not a refusal', () => {
    const d = new Driver(rich(700_000)).toPlanning().do(army, buyerOffer);
    const id = d.game.contracts.at(-1)!.id;
    d.do(facilitator, { type: 'adjudicate' })
      .do(facilitator, {
        type: 'override',
        target: { kind: 'money', team: 'army' },
        value: 100,
        reason: 'spent',
      })
      .do(facilitator, { type: 'publish' });
    expect(d.try(autoco, { type: 'acceptContract', contract: id })).toMatchObject({ ok: true });
    expect(contractById(d.game, id)?.status).toBe('rejected');
    expect(d.game.payments.filter((p) => p.reason === 'advance')).toEqual([]);
    expect(d.game.news.some((n) => newsText(tutorial, n).includes(`${id} lapses`))).toBe(true);
  });
});
