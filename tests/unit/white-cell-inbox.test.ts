import { describe, expect, it } from 'vitest';
import {
  buildReport,
  canonicalJSON,
  entryVisibleTo,
  ErrorCode,
  replay,
  reportHtml,
  viewFor,
  type Command,
} from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const dga = teamActor('dga');
const autoco = teamActor('autoco');
const army = teamActor('army');
const msg = (
  to: string | string[],
  text: string,
  extra: Partial<Extract<Command, { type: 'message' }>> = {},
) => ({ type: 'message', to, text, ...extra }) as Command;
const viewOf = (d: Driver, team: string) => viewFor(tutorial, d.state, { role: 'team', team });
const last = (d: Driver) => d.state.context.seq;

describe('the White Cell inbox: several recipients, threads, answered, requests for information', () => {
  it('a message to several reaches each of them and no one else', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(dga, msg(['autoco', 'facilitator'], 'Can you both make 500 a month?'));
    const m = d.state.context.messages.at(-1)!;
    expect(m).toMatchObject({ to: 'autoco', cc: ['facilitator'] });
    expect(viewOf(d, 'autoco').messages.map((x) => x.text)).toContain('Can you both make 500 a month?');
    expect(viewOf(d, 'army').messages).toEqual([]);
    expect(viewFor(tutorial, d.state, { role: 'display' }).messages).toEqual([]);
    const entry = { actor: dga, command: msg(['autoco', 'facilitator'], 'x') };
    expect(entryVisibleTo({ role: 'team', team: 'autoco' }, d.state, entry)).toBe(true);
    expect(entryVisibleTo({ role: 'team', team: 'army' }, d.state, entry)).toBe(false);
  });

  it('a reply joins the thread; the White Cell answering marks the message answered', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(autoco, msg('facilitator', 'May we hire abroad?'));
    const q = last(d);
    d.do(facilitator, msg('autoco', 'Yes, within the quota.', { replyTo: q }));
    const [question, answer] = d.state.context.messages;
    expect(question).toMatchObject({ seq: q, answered: answer!.seq });
    expect(answer).toMatchObject({ replyTo: q, thread: q });
    d.do(autoco, msg('facilitator', 'Thanks.', { replyTo: answer!.seq }));
    expect(d.state.context.messages.at(-1)).toMatchObject({ thread: q });
  });

  it('a request for information is asked, taken, then answered to the asker or to all', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(army, msg('facilitator', 'How many shells does the alliance hold?', { kind: 'rfi' }));
    const q = last(d);
    expect(d.state.context.messages.at(-1)!.rfi).toEqual({ status: 'asked' });
    d.do(facilitator, { type: 'takeRfi', message: q, by: 'Wendy' });
    expect(d.state.context.messages.at(-1)!.rfi).toEqual({ status: 'taken', by: 'Wendy' });
    expect(d.try(facilitator, { type: 'takeRfi', message: q })).toMatchObject({ code: ErrorCode.RfiSettled });
    expect(viewOf(d, 'dga').messages).toEqual([]);
    d.do(facilitator, msg('all', 'About 40 000, falling.', { replyTo: q }));
    expect(d.state.context.messages[0]).toMatchObject({
      rfi: { status: 'answered', by: 'Wendy', release: 'all' },
      public: true,
    });
    // released to all: every team reads the question and its answer
    expect(viewOf(d, 'dga').messages.map((m) => m.text)).toEqual([
      'How many shells does the alliance hold?',
      'About 40 000, falling.',
    ]);
    d.do(army, msg('facilitator', 'And Red?', { kind: 'rfi' }));
    const q2 = last(d);
    d.do(facilitator, msg('army', 'Unknown.', { replyTo: q2 }));
    expect(d.state.context.messages.find((m) => m.seq === q2)!.rfi).toEqual({
      status: 'answered',
      release: 'asker',
    });
    expect(viewOf(d, 'dga').messages.map((m) => m.text)).not.toContain('And Red?');
    const again = replay(tutorial, { seed: 1, bots: [] }, d.log);
    expect(canonicalJSON(again)).toBe(canonicalJSON(d.state));
  });

  it('refuses what makes no sense, with a code, and changes nothing', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(army, msg('facilitator', 'Question?', { kind: 'rfi' }));
    const q = last(d);
    d.do(dga, msg('autoco', 'private'));
    const priv = last(d);
    const before = canonicalJSON(d.state);
    const cases: [Command, string, typeof dga | typeof facilitator][] = [
      [msg(['all', 'dga'], 'x'), ErrorCode.BadPayload, facilitator],
      [msg(['autoco', 'dga'], 'x'), ErrorCode.SelfDealing, dga],
      [msg(['autoco', 'nobody'], 'x'), ErrorCode.UnknownTeam, dga],
      [msg('autoco', 'x', { kind: 'rfi' }), ErrorCode.BadPayload, dga],
      [msg('dga', 'x', { kind: 'rfi' }), ErrorCode.Forbidden, facilitator],
      [msg('dga', 'x', { replyTo: priv }), ErrorCode.UnknownMessage, army],
      [msg('army', 'x', { replyTo: 999 }), ErrorCode.UnknownMessage, facilitator],
      [msg('dga', 'x', { replyTo: q }), ErrorCode.BadPayload, facilitator],
      [{ type: 'takeRfi', message: priv }, ErrorCode.UnknownMessage, facilitator],
      [{ type: 'takeRfi', message: q }, ErrorCode.Forbidden, dga],
    ];
    for (const [command, code, actor] of cases)
      expect(d.try(actor, command), JSON.stringify(command)).toMatchObject({ ok: false, code });
    expect(canonicalJSON(d.state)).toBe(before);
  });
});

describe('free-form actions', () => {
  const propose: Command = {
    type: 'proposeAction',
    title: 'Borrow the German powder reserve',
    argument: 'Berlin owes us for 2024; the minister can ask.',
  };

  it('a team proposes in planning; the White Cell rolls the seeded dice and applies the effects on success', () => {
    const d = new Driver(tutorial, 7).toPlanning();
    d.do(dga, propose);
    const action = last(d);
    expect(viewOf(d, 'dga').actions).toHaveLength(1);
    expect(viewOf(d, 'autoco').actions).toEqual([]);
    const money = d.game.teams.dga!.money;
    d.do(facilitator, {
      type: 'adjudicateAction',
      action,
      odds: 100,
      effects: [{ type: 'money', team: 'dga', delta: 1_000_000 }],
      months: 0,
      narration: 'Berlin agrees.',
    });
    const outcome = d.state.context.actions![0]!.outcome!;
    expect(outcome).toMatchObject({ odds: 100, success: true, defaultOdds: false });
    expect(outcome.roll).toBeGreaterThanOrEqual(1);
    expect(d.game.teams.dga!.money).toBe(money + 1_000_000);
    expect(d.game.news.at(-1)!.data).toMatchObject({ key: 'action.success', narration: 'Berlin agrees.' });
    expect(d.game.firedInjects).toEqual([]);
    const again = replay(tutorial, { seed: 7, bots: [] }, d.log);
    expect(canonicalJSON(again)).toBe(canonicalJSON(d.state));
    // the after-action report carries the argument, the odds, the roll and the effects
    const report = buildReport(tutorial, { seed: 7, bots: [] }, d.log);
    expect(report.actions[0]).toMatchObject({
      argument: propose.type === 'proposeAction' ? propose.argument : '',
      outcome: { odds: 100, roll: outcome.roll, success: true },
      effectsText: ['DGA (procurement): +€1M'],
    });
    expect(reportHtml(tutorial, report)).toContain('Berlin owes us for 2024');
  });

  it('the default odds are the scenario’s; a failure applies nothing; the roll is the dice’s', () => {
    const d = new Driver(tutorial, 7).toPlanning();
    d.do(dga, propose);
    const action = last(d);
    d.do(facilitator, { type: 'adjudicate' });
    const money = d.state.context.review!.game.teams.dga!.money;
    const rng = d.state.context.review!.game.rng;
    d.do(facilitator, {
      type: 'adjudicateAction',
      action,
      odds: 0,
      effects: [{ type: 'money', team: 'dga', delta: 1_000_000 }],
      months: 0,
      narration: 'Berlin says no.',
    });
    const outcome = d.state.context.actions![0]!.outcome!;
    expect(outcome).toMatchObject({ success: false, effects: [] });
    expect(d.state.context.review!.game.teams.dga!.money).toBe(money);
    expect(d.state.context.review!.game.rng).not.toBe(rng);
    expect(d.state.context.review!.news.at(-1)!.data).toMatchObject({ key: 'action.failure' });
    d.do(facilitator, { type: 'publish' });
    d.do(autoco, { ...propose, title: 'Second' });
    d.do(facilitator, { type: 'adjudicateAction', action: last(d), effects: [], months: 0, narration: 'ok' });
    expect(d.state.context.actions![1]!.outcome).toMatchObject({ odds: 50, defaultOdds: true });
  });

  it('refuses what makes no sense, with a code, and changes nothing', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(dga, propose);
    const action = last(d);
    const before = canonicalJSON(d.state);
    const adj = (extra: object): Command =>
      ({ type: 'adjudicateAction', action, effects: [], months: 0, narration: 'n', ...extra }) as Command;
    const cases: [Command, string, typeof dga | typeof facilitator][] = [
      [propose, ErrorCode.Forbidden, facilitator],
      [adj({}), ErrorCode.Forbidden, dga],
      [adj({ action: 999 }), ErrorCode.UnknownAction, facilitator],
      [adj({ effects: [{ type: 'money', team: 'nobody', delta: 1 }] }), ErrorCode.BadEffect, facilitator],
      [
        adj({ effects: [{ type: 'lineStoppage', plant: 'nowhere', months: 1 }] }),
        ErrorCode.BadEffect,
        facilitator,
      ],
      [adj({ odds: 101 }), ErrorCode.BadPayload, facilitator],
    ];
    for (const [command, code, actor] of cases)
      expect(d.try(actor, command), JSON.stringify(command)).toMatchObject({ ok: false, code });
    expect(canonicalJSON(d.state)).toBe(before);
    d.do(facilitator, adj({}));
    expect(d.try(facilitator, adj({}))).toMatchObject({ code: ErrorCode.ActionSettled });
    d.do(facilitator, { type: 'adjudicate' });
    expect(d.try(dga, propose)).toMatchObject({ code: ErrorCode.WrongPhase });
  });
});
