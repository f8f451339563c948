import { describe, expect, it } from 'vitest';
import { ErrorCode, validateOrders } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

describe('injects', () => {
  it('a scheduled inject starts in its month, changes supply, and ends after its duration', () => {
    const d = new Driver(tutorial).toPlanning().endMonth().endMonth(); // months 1 and 2
    const buy = (qty: number) =>
      validateOrders(tutorial, d.game, 'autoco', [
        { type: 'buyComponents', component: 'motor', source: 'cn', qty },
      ]);
    expect(buy(9_000)).toBeNull();
    d.endMonth(); // month 3: the China squeeze fires (cap ×0.5 for 2 months)
    expect(d.game.activeInjects.map((a) => a.inject)).toEqual(['china_squeeze']);
    expect(
      d.game.news.some((n) => n.kind === 'inject' && newsText(tutorial, n).startsWith('China squeezes')),
    ).toBe(true);
    expect(buy(4_500)).toBeNull();
    expect(buy(4_501)).toMatchObject({ code: ErrorCode.OverCapacity });
    d.endMonth().endMonth(); // month 5: over (the design authority's month-5 change is a moment, not in force)
    expect(d.game.activeInjects.filter((a) => a.inject !== 'engineering_change')).toEqual([]);
    expect(d.game.news.some((n) => n.kind === 'inject_end')).toBe(true);
    expect(buy(9_000)).toBeNull();
  });

  it('a facilitator inject fires on command, once, with its one-shot effects', () => {
    const d = new Driver(tutorial).toPlanning();
    const pc = d.game.teams.dga!.politicalCapital;
    expect(d.game.levers.multiYear).toBe(false);
    d.do(facilitator, { type: 'fireInject', inject: 'minister_visit' });
    expect(d.game.levers.multiYear).toBe(true);
    expect(d.game.teams.dga!.politicalCapital).toBe(pc + 10);
    expect(d.try(facilitator, { type: 'fireInject', inject: 'minister_visit' })).toMatchObject({
      code: ErrorCode.UnknownInject,
    });
  });

  it('a facilitator-only inject never fires by itself', () => {
    const d = new Driver(tutorial).toPlanning();
    for (let m = 0; m < tutorial.meta.turns; m++) d.endMonth();
    expect(d.game.firedInjects).not.toContain('minister_visit');
  });

  it('a conditional inject fires when its model value crosses the threshold', () => {
    const d = new Driver(tutorial).toPlanning().endMonth(); // month 1
    d.do(facilitator, { type: 'adjudicate' }); // month 2, then give the army 100 RF drones
    d.do(facilitator, {
      type: 'override',
      target: { kind: 'stock', team: 'army', item: 'fpv_rf' },
      value: 100,
      reason: 'test stock',
    });
    d.do(facilitator, { type: 'publish' });
    d.do(teamActor('army'), {
      type: 'submitOrders',
      orders: [{ type: 'allocate', front: 'east', product: 'fpv_rf', qty: 100 }],
    });
    d.endMonth(); // month 3: only RF drones committed, a share of 1 ≥ 0.9
    expect(d.game.firedInjects).not.toContain('ew_leap');
    d.endMonth(); // month 4: the condition read last month's mix
    expect(d.game.firedInjects).toContain('ew_leap');
    expect(d.game.activeInjects.map((a) => a.inject)).toContain('ew_leap');
  });

  it('a money effect pays from the world and never overdraws a team', () => {
    const s = variant(tutorial, (x) => {
      x.injects.push({
        id: 'fine',
        title: 'Fine',
        description: 'A fine.',
        trigger: { type: 'month', month: 1 },
        durationMonths: 0,
        effects: [{ type: 'money', team: 'army', delta: -1e12 }],
      });
    });
    const d = new Driver(s).toPlanning().endMonth();
    expect(d.game.teams.army!.money).toBe(s.teams.find((t) => t.id === 'army')!.appropriation);
  });
});
