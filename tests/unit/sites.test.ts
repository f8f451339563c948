import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario, validateOrders, type Order, type Scenario } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/**
 * AutoCo holds a site at Tours: 4 months to build, €10M of land and €20M of buildings, 200 recruits
 * (€8,000 each in the tutorial). A greenfield drone template: 2 months to equip, 1 to qualify (no
 * acceptance roll: partner design), a ramp of 50 % then 100 %, 0.05 workers per drone/month.
 */
function withSite(edit: (s: Scenario) => void = () => {}) {
  const s = variant(tutorial, (x) => {
    x.teams.find((t) => t.id === 'autoco')!.money = 200_000_000;
    x.injects = [];
    x.meta.turns = 12;
    x.templates.push({
      id: 'drone_hall',
      name: 'New drone hall',
      kind: 'greenfield',
      leadMonths: 2,
      qualificationMonths: 1,
      ramp: [0.5, 1],
      partnerDesign: true,
      fixedCost: 1_000_000,
      costPerMonthlyUnit: 500,
      crewPerMonthlyUnit: 0.05,
      plantTypes: ['electronics'],
      makes: { products: [], classes: ['fpv'] },
    });
    x.sites.push({
      id: 'tours',
      name: 'Tours drone works',
      owner: 'autoco',
      type: 'electronics',
      landCost: 10_000_000,
      buildCost: 20_000_000,
      buildMonths: 4,
      workforce: { skilled: 200, convertible: 0 },
      security: 1,
      criticality: 2,
    });
    edit(x);
  });
  const d = new Driver(s).toPlanning();
  Object.assign(d.game.teams.autoco!.stock, {
    motor: 1_000_000,
    battery: 250_000,
    flight_ctrl: 250_000,
    video_link: 250_000,
  });
  return d;
}

const build: Order = {
  type: 'buildPlant',
  site: 'tours',
  template: 'drone_hall',
  product: 'fpv_rf',
  addNameplate: 2000,
};

describe('a new plant on a greenfield site (§2.8)', () => {
  it('costs land, buildings, recruits and the line; opens after its build months; the line follows', () => {
    const d = withSite();
    d.do(teamActor('autoco'), { type: 'submitOrders', orders: [build] }).do(facilitator, {
      type: 'adjudicate',
    });
    const reviewed = d.state.context.review!.game;
    const paid = reviewed.payments.filter((p) => p.from === 'autoco' && p.reason === 'capex');
    // €10M land + €20M buildings + 200 × €8,000 recruits + €1M + 2,000 × €500.
    expect(paid.reduce((n, p) => n + p.amount, 0)).toBe(10e6 + 20e6 + 1.6e6 + 1e6 + 1e6);
    d.do(facilitator, { type: 'publish' });
    const tours = () => d.game.plants.tours!;
    expect(tours()).toMatchObject({ owner: 'autoco', type: 'electronics', skilled: 0, security: 1 });
    expect(tours().lines[0]).toMatchObject({ state: 'retooling', target: 'fpv_rf', nameplate: 2000 });
    const rows: { skilled: number; out: number; state: string }[] = [];
    for (let m = 2; m <= 8; m++) {
      d.endMonth();
      const l = tours().lines[0]!;
      rows.push({ skilled: tours().skilled, out: l.lastOutput, state: l.state });
    }
    // Ordered in month 1: opens in month 5 (4 months to build, longer than the 2 to equip); the line
    // qualifies in month 5, and makes its first units in month 6 at 50 %, then 100 %.
    expect(rows.map((r) => r.skilled)).toEqual([0, 0, 0, 200, 200, 200, 200]);
    expect(rows.map((r) => r.state)).toEqual([
      'retooling',
      'retooling',
      'retooling',
      'qualifying',
      'ramp',
      'rate',
      'rate',
    ]);
    expect(rows.slice(0, 4).every((r) => r.out === 0)).toBe(true);
    expect(rows[4]!.out).toBeGreaterThan(0);
    expect(rows[4]!.out).toBeLessThanOrEqual(1000);
    expect(rows[6]!.out).toBeGreaterThan(1000);
  });

  it('narrates the start and the opening with typed events', () => {
    const d = withSite();
    d.do(teamActor('autoco'), { type: 'submitOrders', orders: [build] }).endMonth();
    expect(d.game.news.find((e) => e.data?.key === 'site.started')).toMatchObject({
      to: ['autoco'],
      data: { plant: 'tours', opensIn: 4, readyIn: 4, qty: 2000 },
    });
    for (let m = 2; m <= 5; m++) d.endMonth();
    expect(d.game.news.find((e) => e.data?.key === 'site.opened')).toMatchObject({
      month: 5,
      data: { plant: 'tours', skilled: 200 },
    });
  });

  it('equips the line for the template lead when it is longer than the build', () => {
    const d = withSite((x) => {
      x.sites[0]!.buildMonths = 1;
    });
    d.do(teamActor('autoco'), { type: 'submitOrders', orders: [build] }).endMonth();
    d.endMonth();
    expect(d.game.plants.tours!.skilled).toBe(200);
    expect(d.game.plants.tours!.lines[0]!.state).toBe('retooling');
    d.endMonth();
    expect(d.game.plants.tours!.lines[0]!.state).toBe('qualifying');
  });

  it('refuses bad orders with a code and changes nothing', () => {
    const d = withSite((x) => {
      x.templates.push({
        ...x.templates.find((t) => t.id === 'drone_hall')!,
        id: 'munitions_hall',
        plantTypes: ['munitions'],
      });
    });
    const g = d.game;
    const code = (o: Order) => validateOrders(d.scenario, g, 'autoco', [o])?.code;
    expect(code({ ...build, site: 'nowhere' })).toBe(ErrorCode.UnknownSite);
    expect(code({ ...build, template: 'simple_assembly' })).toBe(ErrorCode.TemplateMismatch);
    expect(code({ ...build, template: 'munitions_hall' })).toBe(ErrorCode.TemplateMismatch);
    expect(code({ ...build, product: 'fpv_fibre' })).toBe(ErrorCode.TemplateCannotMake);
    expect(code({ ...build, product: 'nothing' })).toBe(ErrorCode.UnknownProduct);
    expect(validateOrders(d.scenario, g, 'dga', [build])?.code).toBe(ErrorCode.WrongTeamKind);
    expect(validateOrders(d.scenario, g, 'autoco', [build, build])?.code).toBe(ErrorCode.DuplicateOrder);
    expect(
      validateOrders(
        d.scenario,
        { ...g, teams: { ...g.teams, autoco: { ...g.teams.autoco!, money: 1e6 } } },
        'autoco',
        [build],
      )?.code,
    ).toBe(ErrorCode.OverBudget);
    d.do(teamActor('autoco'), { type: 'submitOrders', orders: [build] }).endMonth();
    expect(code(build)).toBeUndefined();
    expect(validateOrders(d.scenario, d.game, 'autoco', [build])?.code).toBe(ErrorCode.SiteTaken);
  });

  it('is refused by the checker when the site is badly referenced', () => {
    const s = withSite().scenario;
    const bad = (edit: (x: Scenario) => void) => {
      const r = parseScenario(variant(s, edit));
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(bad((x) => (x.sites[0]!.owner = 'dga'))).toContain('sites.0.owner');
    expect(bad((x) => (x.sites[0]!.owner = 'nobody'))).toContain('sites.0.owner');
    expect(bad((x) => (x.sites[0]!.id = 'le_mans'))).toContain('sites.0.id');
    expect(bad((x) => (x.sites[0]!.type = 'chemical'))).toContain('sites.0.type');
  });
});
