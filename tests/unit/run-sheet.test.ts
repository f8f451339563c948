import { describe, expect, it } from 'vitest';
import { ErrorCode, injectStatuses, replay, viewFor, type Command } from '@arsenal/shared';
import { canonicalJSON } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const status = (d: Driver, id: string) => injectStatuses(tutorial, d.game).find((x) => x.inject === id)!;
const delay = (inject: string, month: number): Command => ({ type: 'delayInject', inject, month });

describe('the run sheet: delay, suppress, condition status', () => {
  it('a scheduled inject delayed to a later month starts then, not in its own month', () => {
    const d = new Driver(tutorial).toPlanning();
    expect(status(d, 'china_squeeze')).toMatchObject({ state: 'pending', fromMonth: 3, delayed: false });
    d.do(facilitator, delay('china_squeeze', 5));
    expect(status(d, 'china_squeeze')).toMatchObject({ state: 'pending', fromMonth: 5, delayed: true });
    d.endMonth().endMonth().endMonth().endMonth(); // months 1–4
    expect(d.game.firedInjects).not.toContain('china_squeeze');
    d.endMonth(); // month 5
    expect(d.game.firedInjects).toContain('china_squeeze');
    expect(status(d, 'china_squeeze').state).toBe('active');
  });

  it('a facilitator inject given a month starts by itself in that month', () => {
    const d = new Driver(tutorial).toPlanning();
    expect(status(d, 'minister_visit').fromMonth).toBeNull();
    d.do(facilitator, delay('minister_visit', 2));
    d.endMonth();
    expect(d.game.firedInjects).not.toContain('minister_visit');
    d.endMonth();
    expect(d.game.firedInjects).toContain('minister_visit');
    expect(d.game.levers.multiYear).toBe(true);
  });

  it('a suppressed inject never starts by itself, but the White Cell may still fire it by hand', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(facilitator, { type: 'suppressInject', inject: 'china_squeeze' });
    expect(status(d, 'china_squeeze').state).toBe('suppressed');
    for (let m = 0; m < 4; m++) d.endMonth();
    expect(d.game.firedInjects).not.toContain('china_squeeze');
    d.do(facilitator, { type: 'fireInject', inject: 'china_squeeze' });
    expect(status(d, 'china_squeeze').state).toBe('active');
  });

  it('refuses what makes no sense, with a code, and changes nothing', () => {
    const d = new Driver(tutorial).toPlanning().endMonth(); // planning month 2
    const before = canonicalJSON(d.state);
    const cases: [Command, string, ReturnType<typeof teamActor> | typeof facilitator][] = [
      [delay('nope', 4), ErrorCode.UnknownInject, facilitator],
      [delay('china_squeeze', 2), ErrorCode.BadMonth, facilitator],
      [delay('china_squeeze', 7), ErrorCode.BadMonth, facilitator],
      [delay('china_squeeze', 4), ErrorCode.Forbidden, teamActor('dga')],
      [{ type: 'suppressInject', inject: 'nope' }, ErrorCode.UnknownInject, facilitator],
    ];
    for (const [command, code, actor] of cases)
      expect(d.try(actor, command)).toMatchObject({ ok: false, code });
    expect(canonicalJSON(d.state)).toBe(before);
    d.do(facilitator, { type: 'suppressInject', inject: 'china_squeeze' });
    expect(d.try(facilitator, { type: 'suppressInject', inject: 'china_squeeze' })).toMatchObject({
      code: ErrorCode.InjectSettled,
    });
    d.do(facilitator, { type: 'fireInject', inject: 'minister_visit' });
    expect(d.try(facilitator, delay('minister_visit', 4))).toMatchObject({ code: ErrorCode.InjectSettled });
    d.do(facilitator, { type: 'adjudicate' });
    expect(d.try(facilitator, delay('ew_leap', 5))).toMatchObject({ code: ErrorCode.WrongPhase });
  });

  it('shows whether a condition holds now, as the adjudication will test it', () => {
    const d = new Driver(tutorial).toPlanning().endMonth(); // planning month 2
    d.do(facilitator, { type: 'adjudicate' });
    d.do(facilitator, {
      type: 'override',
      target: { kind: 'stock', team: 'army', item: 'fpv_rf' },
      value: 100,
      reason: 'test stock',
    });
    d.do(facilitator, { type: 'publish' }); // planning month 3
    expect(status(d, 'ew_leap').condition).toEqual({ value: 0, holds: false });
    d.do(teamActor('army'), {
      type: 'submitOrders',
      orders: [{ type: 'allocate', front: 'east', product: 'fpv_rf', qty: 100 }],
    });
    d.endMonth(); // planning month 4: the mix was all radio
    expect(status(d, 'ew_leap')).toMatchObject({ state: 'pending', condition: { value: 1, holds: true } });
    d.endMonth();
    expect(status(d, 'ew_leap').state).toBe('active');
  });

  it('only the facilitator’s view carries the run sheet', () => {
    const d = new Driver(tutorial).toPlanning().do(facilitator, delay('china_squeeze', 4));
    expect(viewFor(tutorial, d.state, { role: 'facilitator' }).runSheet).toEqual(
      injectStatuses(tutorial, d.game),
    );
    for (const a of [{ role: 'observer' }, { role: 'display' }, { role: 'team', team: 'dga' }] as const)
      expect(viewFor(tutorial, d.state, a).runSheet).toBeUndefined();
  });

  it('replays the same: a delayed chance inject rolls the same dice from the log', () => {
    const flagship = bundled('france-2025');
    const d = new Driver(flagship, 5).toPlanning();
    d.do(facilitator, delay('qualification_slip', 4)).do(facilitator, {
      type: 'suppressInject',
      inject: 'summit',
    });
    for (let m = 0; m < 5; m++) d.endMonth();
    const log = d.log;
    expect(log.some((e) => e.command.type === 'delayInject')).toBe(true);
    const again = replay(flagship, { seed: 5, bots: [] }, log);
    expect(canonicalJSON(again.context.game)).toBe(canonicalJSON(d.game));
  });
});
