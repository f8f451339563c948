import { createActor } from 'xstate';
import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import { commandSchema, type Actor, type BotStrength, type Command } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { GameState } from '../engine/state.ts';
import { applyContractCommand, withMoveNews } from '../engine/contracts.ts';
import { initialGame } from '../engine/init.ts';
import { checkInjectChange } from '../engine/injects.ts';
import { indexOf } from '../engine/lookup.ts';
import { validateOrders } from '../engine/orders.ts';
import { canonicalJSON, sha256Hex } from '../util/canonical.ts';
import { firstIssue } from '../util/issues.ts';
import { exerciseMachine, type CommandEvent } from './machine.ts';
import { checkOverride } from './override.ts';
import { checkAdjudicateAction } from './actions.ts';
import { checkMessage, checkTakeRfi } from './messages.ts';
import type { ExerciseState, LoggedCommand, Phase } from '../exercise/types.ts';

export interface ExerciseSetup {
  seed: number;
  /** Team seats played by the computer from the start. */
  bots: string[];
  /** Strength of bot seats (`plain` when not given). */
  botStrength?: Record<string, BotStrength>;
}

export type ApplyResult = { ok: true; state: ExerciseState } | Violation;

type ExerciseMachine = ReturnType<typeof exerciseMachine>;
type ActorScope = Parameters<ExerciseMachine['transition']>[2];

type Snapshot = ReturnType<ExerciseMachine['resolveState']>;

/**
 * One machine and one inert actor scope per scenario. xstate's pure `transition()` builds a throwaway
 * actor (and the machine's initial state) on every call, which was most of a replay's time; our
 * actions are all `assign`s, so a reused scope that executes nothing is equivalent.
 * The scope rests on xstate internals (`machine.transition(snapshot, event, scope)`), so xstate is
 * pinned to one version; tests/unit/machine-scope.test.ts folds whole games both ways and compares.
 *
 * `last` is the xstate snapshot behind the state this module returned last for the scenario, so that
 * folding a log (or a session applying command after command) does not rebuild it with `resolveState`
 * at every step. One entry, not a WeakMap of every state: with such a WeakMap, every state of a fold
 * stayed alive through V8's young-generation collections (3 MB surviving each scavenge instead of
 * 0.1 MB, measured with --trace-gc-nvp), which made GC a third of a replay's time.
 */
interface MachineEntry {
  machine: ExerciseMachine;
  scope: ActorScope;
  last: { state: ExerciseState; snap: Snapshot } | null;
}
const machines = new WeakMap<Scenario, MachineEntry>();
function machineFor(s: Scenario) {
  let m = machines.get(s);
  if (!m) {
    const machine = exerciseMachine(s);
    const self = createActor(machine, {
      input: { scenario: s, context: createExercise(s, { seed: 0, bots: [] }).context },
    });
    const noop = () => {};
    const scope = {
      self,
      defer: noop,
      id: '',
      logger: noop,
      sessionId: '',
      stopChild: noop,
      system: self.system,
      emit: noop,
      actionExecutor: noop,
    } as unknown as ActorScope;
    machines.set(s, (m = { machine, scope, last: null }));
  }
  return m;
}

/** A new exercise in the lobby. */
export function createExercise(s: Scenario, setup: ExerciseSetup): ExerciseState {
  const teams = new Set(s.teams.map((t) => t.id));
  return {
    phase: 'lobby',
    context: {
      scenarioId: s.meta.id,
      seed: setup.seed,
      seq: 0,
      lastAt: 0,
      game: initialGame(s, setup.seed),
      orders: {},
      submitted: [],
      review: null,
      deadline: { at: null, pausedRemaining: null },
      bots: [...new Set(setup.bots.filter((b) => teams.has(b)))].sort(),
      ...strengths(setup.botStrength, teams),
      messages: [],
      notes: [],
      overrides: [],
      pausedFrom: null,
    },
  };
}

/** The non-plain strengths of known teams, sorted by team, or nothing (so plain exercises hash as before). */
function strengths(given: Record<string, BotStrength> | undefined, teams: Set<string>) {
  const kept = Object.entries(given ?? {})
    .filter(([t, v]) => teams.has(t) && v !== 'plain')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return kept.length > 0 ? { botStrength: Object.fromEntries(kept) } : {};
}

const TEAM_ONLY = new Set([
  'submitOrders',
  'offerContract',
  'counterContract',
  'acceptContract',
  'rejectContract',
  'cancelContract',
  'proposeAction',
]);

/** Which role may issue which command. A team always acts for itself: commands carry no team to forge. */
export function authorise(actor: Actor, command: Command): Violation | null {
  const t = command.type;
  const readOnly = violation(ErrorCode.ReadOnly, 'This seat is read-only.', 'type');
  if (actor.role === 'display') return readOnly;
  if (t === 'deadlineExpired')
    return actor.role === 'system'
      ? null
      : violation(ErrorCode.Forbidden, 'Only the server clock can expire a deadline.', 'type');
  if (actor.role === 'system')
    return t === 'setDeadline' ? null : violation(ErrorCode.Forbidden, 'Not a system command.', 'type');
  if (TEAM_ONLY.has(t)) {
    if (actor.role === 'team') return null;
    return actor.role === 'observer'
      ? readOnly
      : violation(ErrorCode.Forbidden, 'Only a team can do that.', 'type');
  }
  if (t === 'message') return actor.role === 'observer' ? readOnly : null;
  if (t === 'note') {
    if (actor.role === 'facilitator') return null;
    if (actor.role === 'observer') return command.kind === 'insight' ? null : readOnly;
    return violation(ErrorCode.Forbidden, 'Teams send messages, not notes.', 'type');
  }
  if (actor.role === 'facilitator') return null;
  return actor.role === 'observer'
    ? readOnly
    : violation(ErrorCode.Forbidden, 'Only the facilitator can do that.', 'type');
}

/**
 * Game rules for commands the machine accepts in this phase. A contract move's result is returned so
 * that the machine's action does not compute it twice.
 */
function checkRules(
  s: Scenario,
  state: ExerciseState,
  actor: Actor,
  c: Command,
): Violation | null | { prepared: GameState } {
  const ctx = state.context;
  const g = ctx.game;
  const ix = indexOf(s);
  const team = actor.role === 'team' ? actor.team : null;
  switch (c.type) {
    case 'submitOrders': {
      const current = ctx.orderSets?.[team!]?.seq ?? 0;
      if (c.basedOn !== undefined && c.basedOn !== current)
        return violation(
          ErrorCode.StaleOrderSet,
          'Another device on your seat sent new orders meanwhile: look at them before sending yours.',
          'basedOn',
        );
      return validateOrders(s, g, team!, c.orders);
    }
    case 'offerContract':
    case 'counterContract':
    case 'acceptContract':
    case 'rejectContract':
    case 'cancelContract': {
      const r = applyContractCommand(s, g, team!, c);
      return 'g' in r ? { prepared: withMoveNews(r) } : r;
    }
    case 'override':
      if (!ctx.review)
        return violation(ErrorCode.WrongPhase, 'There is no adjudication to override.', 'type');
      return checkOverride(s, ctx.review.game, c);
    case 'fireInject':
    case 'delayInject':
    case 'suppressInject':
      return checkRunSheet(s, g, c);
    case 'setBot':
      return ix.teams.has(c.team)
        ? null
        : violation(ErrorCode.UnknownTeam, `There is no team "${c.team}".`, 'team');
    case 'message':
      return checkMessage(s, ctx, actor, c);
    case 'takeRfi':
      return checkTakeRfi(ctx, c);
    case 'adjudicateAction':
      return checkAdjudicateAction(s, ctx, c);
    case 'note':
      if (c.team && !ix.teams.has(c.team))
        return violation(ErrorCode.UnknownTeam, `There is no team "${c.team}".`, 'team');
      if (c.inject && !ix.injects.has(c.inject))
        return violation(ErrorCode.UnknownInject, `There is no inject "${c.inject}".`, 'inject');
      if (c.about !== undefined && c.about > ctx.seq)
        return violation(
          ErrorCode.BadPayload,
          'An annotation can only be about an entry already logged.',
          'about',
        );
      return null;
    case 'pinNote':
      return ctx.notes.some((n) => n.seq === c.seq && n.kind === 'announcement')
        ? null
        : violation(ErrorCode.BadPayload, `There is no announcement ${c.seq} to pin.`, 'seq');
    case 'extendDeadline':
      return ctx.deadline.at === null && ctx.deadline.pausedRemaining === null
        ? violation(ErrorCode.WrongPhase, 'No timer is running.', 'type')
        : null;
    default:
      return null;
  }
}

/** Fire, delay or suppress: a known inject still open to that change (`checkInjectChange`); a later month in the game. */
function checkRunSheet(
  s: Scenario,
  g: GameState,
  c: Extract<Command, { type: 'fireInject' | 'delayInject' | 'suppressInject' }>,
): Violation | null {
  const inj = indexOf(s).injects.get(c.inject);
  if (!inj) return violation(ErrorCode.UnknownInject, `There is no inject "${c.inject}".`, 'inject');
  const change = c.type === 'fireInject' ? 'fire' : c.type === 'delayInject' ? 'delay' : 'suppress';
  const refused = checkInjectChange(g, inj, change);
  if (refused || c.type !== 'delayInject') return refused;
  if (c.month <= g.month || c.month > s.meta.turns)
    return violation(
      ErrorCode.BadMonth,
      `Choose a month after this one (${g.month}) and no later than the last (${s.meta.turns}).`,
      'month',
    );
  return null;
}

/**
 * Whether the lifecycle takes a command of this type in this phase, roles and game rules aside (a
 * command may still be refused for those): consoles enable their controls with it instead of
 * restating the machine.
 */
export function phaseAccepts(s: Scenario, phase: Phase, type: Command['type']): boolean {
  if (phase === 'finished') return type === 'note';
  const root = machineFor(s).machine.root;
  return root.ownEvents.includes(type) || (root.states[phase]?.ownEvents.includes(type) ?? false);
}

/**
 * Apply one command to an exercise: parse, authorise the role, check the phase with the machine, check
 * the game rules with the engine, then transition. Pure: the input state is not changed. Bad input is
 * returned as a violation with a code, never thrown.
 */
export function applyCommand(
  s: Scenario,
  state: ExerciseState,
  entry: LoggedCommand,
  options: ApplyOptions = {},
): ApplyResult {
  let command = entry.command;
  if (!options.trusted && !options.parsed) {
    const parsed = commandSchema.safeParse(entry.command);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      return violation(ErrorCode.BadPayload, issue.message, issue.path);
    }
    command = parsed.data;
  }
  const denied = authorise(entry.actor, command);
  if (denied) return denied;
  if (state.phase === 'finished' && command.type !== 'note')
    return violation(ErrorCode.Finished, 'The exercise has finished.', 'type');
  const m = machineFor(s);
  const { machine, scope } = m;
  const snap =
    m.last?.state === state
      ? m.last.snap
      : machine.resolveState({ value: state.phase, context: state.context });
  const event: CommandEvent = {
    type: command.type,
    actor: entry.actor,
    command,
    at: entry.at,
    seq: entry.seq,
  };
  if (!snap.can(event)) {
    if (command.type === 'deadlineExpired' && state.phase === 'planning')
      return violation(ErrorCode.Conflict, 'That deadline is no longer current.', 'deadline');
    return violation(ErrorCode.WrongPhase, `"${command.type}" is not allowed during ${state.phase}.`, 'type');
  }
  const checked = options.trusted ? null : checkRules(s, state, entry.actor, command);
  if (checked && 'ok' in checked) return checked;
  if (checked) event.prepared = checked.prepared;
  const next = machine.transition(snap, event, scope);
  const result: ExerciseState = { phase: next.value as Phase, context: next.context };
  m.last = { state: result, snap: next };
  return { ok: true, state: result };
}

export interface ApplyOptions {
  /**
   * The command comes from a log this system accepted before (its own store, a verified export):
   * skip re-parsing and the rule checks, which by determinism pass again. Phase and role are still
   * checked, and every effect is computed exactly as it was live.
   */
  trusted?: boolean;
  /**
   * The command has already passed `commandSchema` (a server validates every payload at its socket):
   * it is not parsed again. Role, phase and every game rule are still checked.
   */
  parsed?: boolean;
}

/**
 * Fold a log into the state it produces: replay, fork and report all start here. Pass
 * `{ trusted: true }` only for a log this system wrote or whose hash chain was verified.
 */
export function replay(
  s: Scenario,
  setup: ExerciseSetup,
  log: readonly LoggedCommand[],
  uptoSeq = Infinity,
  options: ApplyOptions = {},
): ExerciseState {
  let state = createExercise(s, setup);
  for (const entry of log) {
    if (entry.seq > uptoSeq) break;
    const r = applyCommand(s, state, entry, options);
    if (!r.ok) throw new Error(`log entry ${entry.seq} does not apply: ${r.code} ${r.message}`);
    state = r.state;
  }
  return state;
}

/**
 * Canonical identity of a state: equal states, equal hashes, on any machine. `sha` is SHA-256 as hex;
 * a server may pass its platform's (faster) implementation.
 */
export function hashState(state: ExerciseState, sha: (text: string) => string = sha256Hex): string {
  return sha(canonicalJSON(state));
}
