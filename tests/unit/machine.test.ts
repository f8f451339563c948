import { describe, expect, it } from 'vitest';
import { ErrorCode, type Actor, type Command, type Phase } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const dga = teamActor('dga');
const observer: Actor = { role: 'observer' };
const display: Actor = { role: 'display' };
const system: Actor = { role: 'system' };

/** A driver brought to a given phase. */
function at(phase: Phase): Driver {
  const d = new Driver(tutorial);
  if (phase === 'lobby') return d;
  if (phase === 'briefing') return d.do(facilitator, { type: 'startBriefing' });
  d.toPlanning();
  if (phase === 'planning') return d;
  if (phase === 'review') return d.do(facilitator, { type: 'adjudicate' });
  if (phase === 'paused') return d.do(facilitator, { type: 'pause' });
  if (phase === 'finished') return d.do(facilitator, { type: 'end' });
  throw new Error(phase);
}

describe('lifecycle transitions', () => {
  it.each([
    ['lobby', { type: 'startBriefing' }, 'briefing'],
    ['lobby', { type: 'startPlanning' }, 'planning'],
    ['briefing', { type: 'startPlanning' }, 'planning'],
    ['planning', { type: 'adjudicate' }, 'review'],
    ['review', { type: 'publish' }, 'planning'],
    ['planning', { type: 'pause' }, 'paused'],
    ['review', { type: 'pause' }, 'paused'],
    ['lobby', { type: 'end' }, 'finished'],
    ['planning', { type: 'end' }, 'finished'],
    ['review', { type: 'end' }, 'finished'],
  ] as [Phase, Command, Phase][])('%s + %j → %s', (from, command, to) => {
    const d = at(from).do(facilitator, command);
    expect(d.state.phase).toBe(to);
  });

  it('adjudication waits in review: the month advances only on publish', () => {
    const d = at('planning');
    d.do(facilitator, { type: 'adjudicate' });
    expect(d.game.month).toBe(1);
    expect(d.state.context.review?.game.month).toBe(2);
    d.do(facilitator, { type: 'publish' });
    expect(d.game.month).toBe(2);
    expect(d.state.context.review).toBeNull();
    expect(d.state.context.submitted).toEqual([]);
  });

  it('publishing the last month finishes the exercise', () => {
    const d = at('planning');
    for (let m = 1; m <= tutorial.meta.turns; m++) d.endMonth();
    expect(d.state.phase).toBe('finished');
    expect(d.game.history).toHaveLength(tutorial.meta.turns);
    expect(d.try(facilitator, { type: 'startPlanning' })).toMatchObject({ code: ErrorCode.Finished });
  });

  it.each(['lobby', 'briefing', 'planning', 'review'] as const)('pause and resume returns to %s', (phase) => {
    const d = at(phase).do(facilitator, { type: 'pause' });
    expect(d.state.phase).toBe('paused');
    expect(d.try(dga, { type: 'submitOrders', orders: [] })).toMatchObject({ code: ErrorCode.WrongPhase });
    d.do(facilitator, { type: 'resume' });
    expect(d.state.phase).toBe(phase);
  });
});

describe('commands illegal for the phase or the role change nothing', () => {
  const cases: [string, Phase, Actor, Command, string][] = [
    ['orders in the lobby', 'lobby', dga, { type: 'submitOrders', orders: [] }, ErrorCode.WrongPhase],
    ['orders in review', 'review', dga, { type: 'submitOrders', orders: [] }, ErrorCode.WrongPhase],
    ['publish during planning', 'planning', facilitator, { type: 'publish' }, ErrorCode.WrongPhase],
    ['adjudicate in the lobby', 'lobby', facilitator, { type: 'adjudicate' }, ErrorCode.WrongPhase],
    [
      'override during planning',
      'planning',
      facilitator,
      { type: 'override', target: { kind: 'money', team: 'dga' }, value: 1, reason: 'why not' },
      ErrorCode.WrongPhase,
    ],
    ['resume when not paused', 'planning', facilitator, { type: 'resume' }, ErrorCode.WrongPhase],
    ['a team publishing', 'review', dga, { type: 'publish' }, ErrorCode.Forbidden],
    ['a team adjudicating', 'planning', dga, { type: 'adjudicate' }, ErrorCode.Forbidden],
    [
      'a team firing an inject',
      'planning',
      dga,
      { type: 'fireInject', inject: 'minister_visit' },
      ErrorCode.Forbidden,
    ],
    [
      'a team writing a note',
      'planning',
      dga,
      { type: 'note', text: 'hello', kind: 'note' },
      ErrorCode.Forbidden,
    ],
    [
      'a team expiring the deadline',
      'planning',
      dga,
      { type: 'deadlineExpired', deadline: 0 },
      ErrorCode.Forbidden,
    ],
    [
      'the facilitator submitting orders',
      'planning',
      facilitator,
      { type: 'submitOrders', orders: [] },
      ErrorCode.Forbidden,
    ],
    ['an observer adjudicating', 'planning', observer, { type: 'adjudicate' }, ErrorCode.ReadOnly],
    [
      'an observer messaging',
      'planning',
      observer,
      { type: 'message', to: 'dga', text: 'hi' },
      ErrorCode.ReadOnly,
    ],
    [
      'an observer submitting',
      'planning',
      observer,
      { type: 'submitOrders', orders: [] },
      ErrorCode.ReadOnly,
    ],
    [
      'the display messaging',
      'planning',
      display,
      { type: 'message', to: 'dga', text: 'hi' },
      ErrorCode.ReadOnly,
    ],
    [
      'the display writing an insight',
      'planning',
      display,
      { type: 'note', text: 'x', kind: 'insight' },
      ErrorCode.ReadOnly,
    ],
    ['the system publishing', 'review', system, { type: 'publish' }, ErrorCode.Forbidden],
    [
      'a team messaging everyone',
      'planning',
      dga,
      { type: 'message', to: 'all', text: 'hi' },
      ErrorCode.Forbidden,
    ],
    [
      'a team messaging itself',
      'planning',
      dga,
      { type: 'message', to: 'dga', text: 'hi' },
      ErrorCode.SelfDealing,
    ],
    [
      'an unknown command',
      'planning',
      facilitator,
      { type: 'explode' } as unknown as Command,
      ErrorCode.BadPayload,
    ],
    [
      'an override without a reason',
      'review',
      facilitator,
      { type: 'override', target: { kind: 'money', team: 'dga' }, value: 1, reason: '' },
      ErrorCode.BadPayload,
    ],
    [
      'an override of a missing figure',
      'review',
      facilitator,
      { type: 'override', target: { kind: 'money', team: 'ghost' }, value: 1, reason: 'because' },
      ErrorCode.UnknownTarget,
    ],
    [
      'firing an unknown inject',
      'planning',
      facilitator,
      { type: 'fireInject', inject: 'nope' },
      ErrorCode.UnknownInject,
    ],
    [
      'extending a timer that does not run',
      'planning',
      facilitator,
      { type: 'extendDeadline', ms: 1000 },
      ErrorCode.WrongPhase,
    ],
  ];
  it.each(cases)('%s', (_name, phase, actor, command, code) => {
    const d = at(phase);
    const before = JSON.stringify(d.state);
    expect(d.try(actor, command)).toMatchObject({ ok: false, code });
    expect(JSON.stringify(d.state)).toBe(before);
  });
});

describe('an override outside the bounds of the state is refused with a code and changes nothing', () => {
  const cases: [Extract<Command, { type: 'override' }>['target'], number][] = [
    [{ kind: 'money', team: 'dga' }, -1],
    [{ kind: 'politicalCapital', team: 'dga' }, -0.5],
    [{ kind: 'stock', team: 'autoco', item: 'motor' }, -10],
    [{ kind: 'stock', team: 'autoco', item: 'motor' }, 2.5],
    [{ kind: 'force', front: 'east', side: 'blue' }, -100],
    [{ kind: 'ewLevel', front: 'east' }, 4],
    [{ kind: 'territory', front: 'east' }, 0.5],
  ];
  it.each(cases)('%o to %d', (target, value) => {
    const d = at('review');
    const before = JSON.stringify(d.state);
    const r = d.try(facilitator, { type: 'override', target, value, reason: 'out of bounds' });
    expect(r).toMatchObject({ ok: false, code: ErrorCode.OutOfBounds, path: 'value' });
    expect(JSON.stringify(d.state)).toBe(before);
  });
  it('the same figures within bounds are applied as given', () => {
    const d = at('review').do(facilitator, {
      type: 'override',
      target: { kind: 'ewLevel', front: 'east' },
      value: 3,
      reason: 'a new jammer',
    });
    expect(d.state.context.review?.game.fronts.east?.ewLevel).toBe(3);
  });
});

describe('overrides, deadlines, messages and notes', () => {
  it('an override with a reason changes the figure and is logged with its old value', () => {
    const d = at('review');
    const old = d.state.context.review!.game.teams.dga!.money;
    d.do(facilitator, {
      type: 'override',
      target: { kind: 'money', team: 'dga' },
      value: 1234,
      reason: 'Parliament cut the envelope',
    });
    expect(d.state.context.review!.game.teams.dga!.money).toBe(1234);
    expect(d.state.context.overrides).toEqual([
      expect.objectContaining({
        target: 'money:dga',
        from: old,
        to: 1234,
        reason: 'Parliament cut the envelope',
        month: 1,
      }),
    ]);
    d.do(facilitator, { type: 'publish' });
    expect(d.game.teams.dga!.money).toBe(1234);
  });

  it('a deadline expires once, only at its current value, and the month is adjudicated', () => {
    const d = at('planning');
    d.do(facilitator, { type: 'setDeadline', at: 50_000 });
    d.do(facilitator, { type: 'extendDeadline', ms: 10_000 });
    expect(d.state.context.deadline.at).toBe(60_000);
    expect(d.try(system, { type: 'deadlineExpired', deadline: 50_000 })).toMatchObject({
      code: ErrorCode.Conflict,
    });
    d.do(system, { type: 'deadlineExpired', deadline: 60_000 });
    expect(d.state.phase).toBe('review');
    expect(d.state.context.deadline.at).toBeNull();
    expect(d.try(system, { type: 'deadlineExpired', deadline: 60_000 })).toMatchObject({ ok: false });
  });

  it('the review records whether the deadline or the White Cell adjudicated, and when; an override keeps it', () => {
    const timed = at('planning').do(facilitator, { type: 'setDeadline', at: 50_000 });
    timed.do(system, { type: 'deadlineExpired', deadline: 50_000 });
    expect(timed.state.context.review?.adjudicated).toEqual({ by: 'deadline', at: timed.at });
    const stamped = timed.at;
    timed.do(facilitator, {
      type: 'override',
      target: { kind: 'money', team: 'dga' },
      value: 1,
      reason: 'a test',
    });
    expect(timed.state.context.review?.adjudicated).toEqual({ by: 'deadline', at: stamped });
    const pressed = at('planning').do(facilitator, { type: 'adjudicate' });
    expect(pressed.state.context.review?.adjudicated).toEqual({ by: 'facilitator', at: pressed.at });
  });

  it('pausing the timer keeps the time left and resuming restarts it from now', () => {
    const d = at('planning');
    const deadline = d.at + 32_000; // each command is stamped 1 s after the previous one
    d.do(facilitator, { type: 'setDeadline', at: deadline });
    d.do(facilitator, { type: 'pauseTimer' }); // stamped at deadline − 30 s
    expect(d.state.context.deadline).toEqual({ at: null, pausedRemaining: 30_000 });
    d.do(facilitator, { type: 'resumeTimer' });
    expect(d.state.context.deadline).toEqual({ at: d.at + 30_000, pausedRemaining: null });
  });

  it('messages and notes are kept with their author and month', () => {
    const d = at('planning');
    d.do(dga, { type: 'message', to: 'autoco', text: 'Can you do 3,000 a month?' });
    d.do(
      { role: 'observer' },
      { type: 'note', text: 'DGA leads the negotiation', kind: 'insight', team: 'dga' },
    );
    expect(d.state.context.messages).toEqual([
      expect.objectContaining({ from: 'dga', to: 'autoco', month: 1 }),
    ]);
    expect(d.state.context.notes).toEqual([
      expect.objectContaining({ by: 'observer', kind: 'insight', team: 'dga' }),
    ]);
  });

  it('setBot marks and unmarks a seat', () => {
    const d = at('planning').do(facilitator, { type: 'setBot', team: 'army', bot: true });
    expect(d.state.context.bots).toEqual(['army']);
    d.do(facilitator, { type: 'setBot', team: 'army', bot: false });
    expect(d.state.context.bots).toEqual([]);
  });

  it('submitting again replaces the earlier orders', () => {
    const d = at('planning');
    d.do(dga, {
      type: 'submitOrders',
      orders: [{ type: 'budget', to: 'army', amount: 5, purpose: 'appropriation' }],
    });
    d.do(dga, { type: 'submitOrders', orders: [] });
    expect(d.state.context.orders.dga).toEqual([]);
    expect(d.state.context.submitted).toEqual(['dga']);
  });
});
