import { cloneJSON } from '../util/canonical.ts';
import type { NewsMessage } from '../narration/render.ts';
import { assertEvent, assign, setup } from 'xstate';
import type { Actor, Command } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { adjudicate } from '../engine/adjudicate.ts';
import { applyContractCommand, withMoveNews } from '../engine/contracts.ts';
import { activateInject } from '../engine/injects.ts';
import { indexOf } from '../engine/lookup.ts';
import type { GameState } from '../engine/state.ts';
import { Dice, seedState } from '../util/rng.ts';
import { applyOverride, overrideTarget } from './override.ts';
import { adjudicateAction, proposeAction } from './actions.ts';
import { postMessage, takeRfi } from './messages.ts';
import type { ExerciseContext, Phase } from '../exercise/types.ts';

/** The machine's only event: one accepted command with its author and timestamp. */
export interface CommandEvent {
  type: Command['type'];
  actor: Actor;
  command: Command;
  at: number;
  seq: number;
  /** The game after a contract move, when `applyCommand` already computed it while checking the rules. */
  prepared?: GameState;
}

export interface MachineInput {
  scenario: Scenario;
  context: ExerciseContext;
}

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(e: CommandEvent, _type: T) => e.command as Cmd<T>;

const withGame = (game: GameState): Partial<ExerciseContext> => ({ game });
/**
 * The command's seq and time, which every accepted command leaves in the context. The frequent
 * commands' actions include it themselves (one context copy per command instead of two); the others
 * run the `stamp` action first.
 */
const stampOf = (e: CommandEvent) => ({ seq: e.seq, lastAt: e.at });
const remember = (phase: Phase) =>
  assign<ExerciseContext, CommandEvent, undefined, CommandEvent, never>({ pausedFrom: phase });

/**
 * The exercise lifecycle: lobby → briefing → planning → adjudicating → review → planning … → finished,
 * plus paused (which remembers the phase it interrupted). The machine decides which command is legal
 * in which phase; the engine decides whether an order or a contract move is legal in the game; the
 * authorisation of roles is checked before either (see `authorise`).
 */
export function exerciseMachine(scenario: Scenario) {
  return setup({
    types: {
      context: {} as ExerciseContext,
      events: {} as CommandEvent,
      input: {} as MachineInput,
    },
    guards: {
      deadlineMatches: ({ context, event }) =>
        event.command.type === 'deadlineExpired' && context.deadline.at === event.command.deadline,
      wasPlanning: ({ context }) => context.pausedFrom === 'planning',
      wasBriefing: ({ context }) => context.pausedFrom === 'briefing',
      wasReview: ({ context }) => context.pausedFrom === 'review',
      wasLobby: ({ context }) => context.pausedFrom === 'lobby',
      isLastMonthDone: ({ context }) => (context.review?.game.month ?? 0) > scenario.meta.turns,
    },
    actions: {
      stamp: assign(({ event }) => stampOf(event)),
      storeOrders: assign(({ context, event }) => {
        assertEvent(event, 'submitOrders');
        const team = event.actor.role === 'team' ? event.actor.team : '';
        const c = cmd(event, 'submitOrders');
        const stamp = { seq: event.seq, at: event.at, ...(c.by ? { by: c.by } : {}) };
        return {
          ...stampOf(event),
          orders: { ...context.orders, [team]: c.orders },
          orderSets: { ...context.orderSets, [team]: stamp },
          submitted: context.submitted.includes(team)
            ? context.submitted
            : [...context.submitted, team].sort(),
        };
      }),
      contractMove: assign(({ context, event }) => {
        if (event.prepared) return { ...stampOf(event), game: event.prepared };
        if (event.actor.role !== 'team') return stampOf(event);
        const result = applyContractCommand(scenario, context.game, event.actor.team, event.command as never);
        if (!('g' in result)) return stampOf(event);
        return { ...stampOf(event), game: withMoveNews(result) };
      }),
      runAdjudication: assign(({ context, event }) => {
        const result = adjudicate(scenario, context.game, context.orders);
        const by = event.command.type === 'deadlineExpired' ? 'deadline' : 'facilitator';
        return { review: { game: result.game, news: result.news, adjudicated: { by, at: event.at } } };
      }),
      override: assign(({ context, event }) => {
        assertEvent(event, 'override');
        if (!context.review) return stampOf(event);
        const o = cmd(event, 'override');
        const target = overrideTarget(o);
        const earlier = context.overrides.find((x) => x.month === context.game.month && x.target === target);
        const r = applyOverride(scenario, context.review, o, earlier?.adjudicated);
        return {
          ...stampOf(event),
          review: { ...context.review, game: r.game, news: r.news },
          overrides: [
            ...context.overrides,
            {
              seq: event.seq,
              at: event.at,
              month: context.game.month,
              target,
              from: r.from,
              to: o.value,
              adjudicated: r.adjudicated,
              reason: o.reason,
              ...(o.tell === 'all' ? { tell: 'all' as const } : {}),
            },
          ],
        };
      }),
      // The month's payment list is there to be inspected in review; the published month starts a new one.
      publish: assign(({ context, event }) => ({
        ...stampOf(event),
        game: context.review
          ? { ...context.review.game, news: context.review.news, payments: [] }
          : context.game,
        review: null,
        orders: {},
        submitted: [],
        orderSets: undefined,
        deadline: { at: null, pausedRemaining: null },
      })),
      fireInject: assign(({ context, event }) => {
        assertEvent(event, 'fireInject');
        const inj = indexOf(scenario).injects.get(cmd(event, 'fireInject').inject);
        if (!inj) return {};
        const game = cloneJSON(context.game);
        const dice = new Dice(game.rng);
        activateInject(scenario, game, inj, dice, game.news);
        game.rng = dice.state;
        return withGame(game);
      }),
      // The run sheet's changes live in the game, so the adjudication reads them like any other state.
      delayInject: assign(({ context, event }) => {
        assertEvent(event, 'delayInject');
        const c = cmd(event, 'delayInject');
        const delayedInjects = { ...context.game.delayedInjects, [c.inject]: c.month };
        return { ...stampOf(event), game: { ...context.game, delayedInjects } };
      }),
      suppressInject: assign(({ context, event }) => {
        assertEvent(event, 'suppressInject');
        const c = cmd(event, 'suppressInject');
        const suppressedInjects = [...(context.game.suppressedInjects ?? []), c.inject];
        return { ...stampOf(event), game: { ...context.game, suppressedInjects } };
      }),
      adHocInject: assign(({ context, event }) => {
        assertEvent(event, 'adHocInject');
        const c = cmd(event, 'adHocInject');
        const data: NewsMessage = c.description
          ? { key: 'inject.start', title: c.title, description: c.description }
          : { key: 'inject.adHoc', title: c.title };
        return {
          game: {
            ...context.game,
            news: [...context.game.news, { month: context.game.month, kind: 'inject', data }],
          },
        };
      }),
      forgetPhase: assign({ pausedFrom: null }),
      setDeadline: assign(({ event }) => {
        assertEvent(event, 'setDeadline');
        return { deadline: { at: cmd(event, 'setDeadline').at, pausedRemaining: null } };
      }),
      extendDeadline: assign(({ context, event }) => {
        assertEvent(event, 'extendDeadline');
        const ms = cmd(event, 'extendDeadline').ms;
        const d = context.deadline;
        if (d.pausedRemaining !== null)
          return { deadline: { at: null, pausedRemaining: d.pausedRemaining + ms } };
        return { deadline: { at: (d.at ?? event.at) + ms, pausedRemaining: null } };
      }),
      pauseTimer: assign(({ context, event }) => {
        const d = context.deadline;
        if (d.at === null) return {};
        return { deadline: { at: null, pausedRemaining: Math.max(0, d.at - event.at) } };
      }),
      resumeTimer: assign(({ context, event }) => {
        const d = context.deadline;
        if (d.pausedRemaining === null) return {};
        return { deadline: { at: event.at + d.pausedRemaining, pausedRemaining: null } };
      }),
      setBot: assign(({ context, event }) => {
        assertEvent(event, 'setBot');
        const c = cmd(event, 'setBot');
        const bots = new Set(context.bots);
        if (c.bot) bots.add(c.team);
        else bots.delete(c.team);
        if (c.strength === undefined) return { bots: [...bots].sort() };
        const { [c.team]: _old, ...rest } = context.botStrength ?? {};
        const botStrength = c.strength === 'plain' ? rest : { ...rest, [c.team]: c.strength };
        return { bots: [...bots].sort(), botStrength };
      }),
      message: assign(({ context, event }) => {
        assertEvent(event, 'message');
        const c = cmd(event, 'message');
        return { ...stampOf(event), messages: postMessage(context, event.actor, c, event.seq, event.at) };
      }),
      takeRfi: assign(({ context, event }) => {
        assertEvent(event, 'takeRfi');
        return { ...stampOf(event), messages: takeRfi(context, cmd(event, 'takeRfi')) };
      }),
      proposeAction: assign(({ context, event }) => {
        assertEvent(event, 'proposeAction');
        const team = event.actor.role === 'team' ? event.actor.team : '';
        const c = cmd(event, 'proposeAction');
        return { ...stampOf(event), actions: proposeAction(context, team, c, event.seq, event.at) };
      }),
      adjudicateAction: assign(({ context, event }) => {
        assertEvent(event, 'adjudicateAction');
        const c = cmd(event, 'adjudicateAction');
        return { ...stampOf(event), ...adjudicateAction(scenario, context, c, event.seq) };
      }),
      note: assign(({ context, event }) => {
        assertEvent(event, 'note');
        const c = cmd(event, 'note');
        const by = event.actor.role === 'observer' ? 'observer' : 'facilitator';
        const note = {
          seq: event.seq,
          at: event.at,
          month: context.game.month,
          by,
          kind: c.kind,
          text: c.text,
        } as const;
        return {
          ...stampOf(event),
          notes: [
            ...context.notes,
            {
              ...note,
              ...(c.team ? { team: c.team } : {}),
              ...(c.inject ? { inject: c.inject } : {}),
              ...(c.about !== undefined ? { about: c.about } : {}),
              ...(c.pinned && c.kind === 'announcement' ? { pinned: true } : {}),
            },
          ],
        };
      }),
      pinNote: assign(({ context, event }) => {
        assertEvent(event, 'pinNote');
        const c = cmd(event, 'pinNote');
        return {
          ...stampOf(event),
          notes: context.notes.map((n) => {
            if (n.seq !== c.seq) return n;
            const { pinned: _was, ...rest } = n;
            return c.pinned ? { ...rest, pinned: true } : rest;
          }),
        };
      }),
      clearDeadline: assign({ deadline: { at: null, pausedRemaining: null } }),
      reseed: assign(({ context, event }) => {
        assertEvent(event, 'reseed');
        const rng = seedState(cmd(event, 'reseed').seed ^ context.game.rng);
        return withGame({ ...context.game, rng });
      }),
    },
  }).createMachine({
    id: 'exercise',
    context: ({ input }) => input.context,
    initial: 'lobby',
    entry: [],
    on: {
      setDeadline: { actions: ['stamp', 'setDeadline'] },
      extendDeadline: { actions: ['stamp', 'extendDeadline'] },
      pauseTimer: { actions: ['stamp', 'pauseTimer'] },
      resumeTimer: { actions: ['stamp', 'resumeTimer'] },
      setBot: { actions: ['stamp', 'setBot'] },
      message: { actions: 'message' },
      takeRfi: { actions: 'takeRfi' },
      note: { actions: 'note' },
      pinNote: { actions: 'pinNote' },
      end: { target: '.finished', actions: ['stamp', 'clearDeadline'] },
    },
    states: {
      lobby: {
        on: {
          startBriefing: { target: 'briefing', actions: 'stamp' },
          startPlanning: { target: 'planning', actions: 'stamp' },
          delayInject: { actions: 'delayInject' },
          suppressInject: { actions: 'suppressInject' },
          reseed: { actions: ['stamp', 'reseed'] },
          pause: { target: 'paused', actions: ['stamp', remember('lobby')] },
        },
      },
      briefing: {
        on: {
          startPlanning: { target: 'planning', actions: 'stamp' },
          fireInject: { actions: ['stamp', 'fireInject'] },
          delayInject: { actions: 'delayInject' },
          suppressInject: { actions: 'suppressInject' },
          adHocInject: { actions: ['stamp', 'adHocInject'] },
          reseed: { actions: ['stamp', 'reseed'] },
          pause: { target: 'paused', actions: ['stamp', remember('briefing')] },
        },
      },
      planning: {
        on: {
          submitOrders: { actions: 'storeOrders' },
          offerContract: { actions: 'contractMove' },
          counterContract: { actions: 'contractMove' },
          acceptContract: { actions: 'contractMove' },
          rejectContract: { actions: 'contractMove' },
          cancelContract: { actions: 'contractMove' },
          proposeAction: { actions: 'proposeAction' },
          adjudicateAction: { actions: 'adjudicateAction' },
          fireInject: { actions: ['stamp', 'fireInject'] },
          delayInject: { actions: 'delayInject' },
          suppressInject: { actions: 'suppressInject' },
          adHocInject: { actions: ['stamp', 'adHocInject'] },
          adjudicate: { target: 'adjudicating', actions: 'stamp' },
          deadlineExpired: { guard: 'deadlineMatches', target: 'adjudicating', actions: 'stamp' },
          reseed: { actions: ['stamp', 'reseed'] },
          pause: { target: 'paused', actions: ['stamp', remember('planning'), 'pauseTimer'] },
        },
      },
      adjudicating: {
        entry: ['runAdjudication', 'clearDeadline'],
        always: 'review',
      },
      review: {
        on: {
          override: { actions: 'override' },
          adjudicateAction: { actions: 'adjudicateAction' },
          adHocInject: { actions: ['stamp', 'adHocInject'] },
          publish: [
            { guard: 'isLastMonthDone', target: 'finished', actions: 'publish' },
            { target: 'planning', actions: 'publish' },
          ],
          pause: { target: 'paused', actions: ['stamp', remember('review')] },
        },
      },
      paused: {
        on: {
          resume: [
            { guard: 'wasPlanning', target: 'planning', actions: ['stamp', 'forgetPhase', 'resumeTimer'] },
            { guard: 'wasBriefing', target: 'briefing', actions: ['stamp', 'forgetPhase'] },
            { guard: 'wasReview', target: 'review', actions: ['stamp', 'forgetPhase'] },
            { guard: 'wasLobby', target: 'lobby', actions: ['stamp', 'forgetPhase'] },
          ],
        },
      },
      // Not a final state: the White cell may still annotate a finished exercise (applyCommand lets
      // only notes through), and its timeline annotations belong in the log like everything else.
      finished: {},
    },
  });
}
