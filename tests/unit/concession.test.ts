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
    expect(validateOrders(cheap, g, 'dga', [{ type: 'concede', inject: 'nope' }])).toMatchObject({
      code: ErrorCode.UnknownInject,
    });
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
