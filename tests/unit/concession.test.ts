import { describe, expect, it } from 'vitest';
import {
  botCommands,
  createExercise,
  ErrorCode,
  newsText,
  parseScenario,
  validateOrders,
  type Order,
  type Scenario,
} from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

/**
 * A concession (an inject's `concession`, the `concede` order): the team it names spends political
 * capital to avert the inject before it starts. The tutorial's China squeeze (month 3) is given one
 * for the DGA (political capital 20) at `cost`.
 */
const withConcession = (cost: number): Scenario =>
  variant(bundled('tutorial'), (s) => {
    s.injects.find((i) => i.id === 'china_squeeze')!.concession = { team: 'dga', politicalCapital: cost };
  });
const concede: Order = { type: 'concede', inject: 'china_squeeze' };
const submit = (d: Driver, team: string, orders: Order[]) =>
  d.do(teamActor(team), { type: 'submitOrders', orders });

describe('concessions', () => {
  it('spend the named team’s political capital and avert the inject for good', () => {
    const s = withConcession(10);
    const d = new Driver(s).toPlanning();
    submit(d, 'dga', [concede]).endMonth(); // month 1
    expect(d.game.teams.dga!.politicalCapital).toBe(10);
    expect(d.game.suppressedInjects).toEqual(['china_squeeze']);
    expect(d.game.news.some((n) => newsText(s, n).includes('political capital to avert'))).toBe(true);
    d.endMonth().endMonth().endMonth(); // months 2–4: the squeeze was due in month 3
    expect(d.game.firedInjects).not.toContain('china_squeeze');
    expect(validateOrders(s, d.game, 'dga', [concede])).toMatchObject({ code: ErrorCode.InjectSettled });
  });

  it('come too late in the month the inject starts: it starts first, and the capital is kept', () => {
    const s = withConcession(10);
    const d = new Driver(s).toPlanning().endMonth().endMonth(); // months 1, 2
    submit(d, 'dga', [concede]).endMonth(); // month 3: the squeeze starts before orders apply
    expect(d.game.firedInjects).toContain('china_squeeze');
    expect(d.game.teams.dga!.politicalCapital).toBe(20);
    expect(d.game.news.some((n) => n.kind === 'order_skipped' && n.to?.includes('dga'))).toBe(true);
  });

  it('are refused to another team, without the capital, twice in a month, or for an unknown inject', () => {
    const cheap = withConcession(10);
    const g = new Driver(cheap).toPlanning().game;
    expect(validateOrders(cheap, g, 'autoco', [concede])).toMatchObject({ code: ErrorCode.WrongTeamKind });
    expect(validateOrders(cheap, g, 'dga', [concede, concede])).toMatchObject({
      code: ErrorCode.DuplicateOrder,
    });
    // an unknown inject gets the same refusal as another team's: a team cannot probe the run sheet
    const unknown = validateOrders(cheap, g, 'dga', [{ type: 'concede', inject: 'nope' }]);
    expect(unknown).toMatchObject({ code: ErrorCode.WrongTeamKind });
    const others = validateOrders(cheap, g, 'autoco', [concede]);
    expect({ ...unknown, index: 0 }).toEqual({ ...others, index: 0 });
    const dear = withConcession(25);
    expect(validateOrders(dear, new Driver(dear).toPlanning().game, 'dga', [concede])).toMatchObject({
      code: ErrorCode.NotEnoughCapital,
    });
    // an inject without a concession cannot be conceded, by anyone
    const none = bundled('tutorial');
    expect(validateOrders(none, new Driver(none).toPlanning().game, 'dga', [concede])).toMatchObject({
      code: ErrorCode.WrongTeamKind,
    });
  });

  it('must name a team of the scenario that is not an adversary', () => {
    const flagship = bundled('france-2025');
    const errors = (team: string) => {
      const s = structuredClone(flagship) as Scenario;
      s.injects[0]!.concession = { team, politicalCapital: 5 };
      const r = parseScenario(s);
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(errors('gov')).toEqual([]);
    expect(errors('nobody')).toEqual(['injects.0.concession.team']);
    expect(errors('russia')).toEqual(['injects.0.concession.team']);
  });

  it('with a price in money: paid to the world with the capital, refused when the team lacks the cash', () => {
    const priced = (money: number): Scenario =>
      variant(bundled('tutorial'), (s) => {
        s.injects.find((i) => i.id === 'china_squeeze')!.concession = {
          team: 'dga',
          politicalCapital: 10,
          money,
        };
      });
    const s = priced(50_000_000);
    const d = new Driver(s).toPlanning();
    const before = d.game.teams.dga!;
    const cash = before.money;
    const income = s.teams.find((t) => t.id === 'dga')!.appropriation;
    submit(d, 'dga', [concede]).endMonth();
    expect(d.game.teams.dga!.politicalCapital).toBe(10);
    expect(d.game.teams.dga!.money).toBe(cash + income - 50_000_000);
    expect(d.game.suppressedInjects).toEqual(['china_squeeze']);
    expect(d.game.news.some((n) => newsText(s, n).includes('political capital and €50M to avert'))).toBe(
      true,
    );
    // dearer than the team's cash: refused whole, with the money code, and nothing spent
    const dear = priced(cash + 1);
    const g = new Driver(dear).toPlanning().game;
    expect(validateOrders(dear, g, 'dga', [concede])).toMatchObject({ code: ErrorCode.OverBudget });
    // the money counts with the month's other orders
    const half = priced(Math.ceil(cash / 2) + 1);
    const g2 = new Driver(half).toPlanning().game;
    expect(validateOrders(half, g2, 'dga', [concede])).toBeNull();
    const grant: Order = {
      type: 'budget',
      to: 'army',
      amount: Math.ceil(cash / 2),
      purpose: 'appropriation',
    };
    expect(validateOrders(half, g2, 'dga', [concede, grant])).toMatchObject({
      code: ErrorCode.OverBudget,
    });
  });

  it('the competent alliance saves the flagship’s tooling-slot price just in time, then buys them in month 7', () => {
    const s = bundled('france-2025');
    const play = (strength: 'plain' | 'competent') => {
      const d = new Driver(s);
      d.state = createExercise(s, { seed: 1, bots: [], botStrength: { alliance: strength } });
      d.toPlanning();
      const months: { passed: number; concede: Order[]; money: number }[] = [];
      for (let m = 1; m <= 8; m++) {
        const submitted = botCommands(s, d.state, 'alliance').find((c) => c.type === 'submitOrders');
        const orders = submitted?.type === 'submitOrders' ? submitted.orders : [];
        months.push({
          money: d.game.teams.alliance!.money,
          passed: orders.reduce((n, o) => n + (o.type === 'budget' ? o.amount : 0), 0),
          concede: orders.filter((o) => o.type === 'concede'),
        });
        submit(d, 'alliance', orders).endMonth();
      }
      return { months, game: d.game };
    };
    const competent = play('competent');
    // it will buy the first to threaten of its two concessions (30 of its 40 capital each, so not
    // both): the tooling slots in month 7. Their €150M is six €30M appropriations away in month 1, so
    // it passes on 90 % of its opening €200M; from month 3 it keeps what it will not earn by month 7
    expect(competent.months[0]!.passed).toBe(Math.floor(200_000_000 * 0.9));
    // month 3: €150M less four appropriations to come
    expect(competent.months[2]!.passed).toBe(Math.floor((competent.months[2]!.money - 30_000_000) * 0.9));
    expect(competent.months[6]!.concede).toEqual([{ type: 'concede', inject: 'machine_tools' }]);
    expect(competent.months.slice(0, 6).every((m) => m.concede.length === 0)).toBe(true);
    for (const m of competent.months.slice(2, 6)) expect(m.money - m.passed).toBeGreaterThan(0);
    expect(competent.months[6]!.money).toBeGreaterThanOrEqual(150_000_000);
    expect(competent.game.teams.alliance!.politicalCapital).toBe(10);
    expect(competent.game.suppressedInjects).toContain('machine_tools');
    // the US aid pause's joint purchase would cost 30 more: out of reach, so nothing is kept for it
    expect(competent.months[7]!.concede).toEqual([]);
    expect(competent.months[7]!.passed).toBe(Math.floor(competent.months[7]!.money * 0.9));
    const plain = play('plain');
    expect(plain.months.every((m) => m.concede.length === 0)).toBe(true);
    expect(plain.game.teams.alliance!.politicalCapital).toBe(40);
  });

  it('the competent government buys the flagship’s qualification waiver before month 6 and keeps 40', () => {
    const s = bundled('france-2025');
    const orders = (strength: 'plain' | 'competent', month: number) => {
      const state = createExercise(s, { seed: 1, bots: [], botStrength: { gov: strength } });
      const d = new Driver(s);
      d.state = state;
      d.toPlanning();
      for (let m = 1; m < month; m++) d.endMonth();
      const submitted = botCommands(s, d.state, 'gov').find((c) => c.type === 'submitOrders');
      return submitted?.type === 'submitOrders' ? submitted.orders.filter((o) => o.type === 'concede') : [];
    };
    expect(orders('competent', 1)).toEqual([]); // month 6 is still far off
    // two months before the slip; social peace at Le Mans (the other 20) would leave it under 40
    expect(orders('competent', 4)).toEqual([{ type: 'concede', inject: 'qualification_slip' }]);
    expect(orders('plain', 4)).toEqual([]);
  });
});
