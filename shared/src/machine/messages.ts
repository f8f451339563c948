import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { Actor, Command } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import { readsMessage, recipientsOf } from '../exercise/messages.ts';
import type { ExerciseContext, Message } from '../exercise/types.ts';

/**
 * Messages as the White Cell works with them: several recipients, threads (a reply names the message it
 * answers), the answered state of what was written to the White Cell, and requests for information
 * (asked by a team → taken by a facilitator → answered, the answer released to the asker or to all).
 */

type MessageCommand = Extract<Command, { type: 'message' }>;
type TakeRfi = Extract<Command, { type: 'takeRfi' }>;

/** A message command's recipients, each once, in the order given. */
export const recipientsIn = (c: MessageCommand): string[] => [
  ...new Set(Array.isArray(c.to) ? c.to : [c.to]),
];

const senderOf = (actor: Actor): string => (actor.role === 'team' ? actor.team : 'facilitator');
const readerOf = (actor: Actor) =>
  actor.role === 'team' ? { all: false, team: actor.team } : { all: true, team: null };

/** The index of the message numbered `seq` (messages are kept in seq order), or -1. */
export function messageIndex(messages: readonly Message[], seq: number): number {
  let lo = 0;
  let hi = messages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = messages[mid]!.seq;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function checkRecipient(s: Scenario, actor: Actor, to: string, many: boolean): Violation | null {
  const team = actor.role === 'team' ? actor.team : null;
  if (to === 'all') {
    if (actor.role !== 'facilitator')
      return violation(ErrorCode.Forbidden, 'Only the facilitator writes to everyone.', 'to');
    return many
      ? violation(ErrorCode.BadPayload, '“Everyone” cannot be one of several recipients.', 'to')
      : null;
  }
  if (to === 'facilitator')
    return actor.role === 'facilitator' ? violation(ErrorCode.SelfDealing, 'Write to a team.', 'to') : null;
  if (!indexOf(s).teams.has(to)) return violation(ErrorCode.UnknownTeam, `There is no team "${to}".`, 'to');
  return to === team ? violation(ErrorCode.SelfDealing, 'A team cannot write to itself.', 'to') : null;
}

/** Whether a message may be sent: its recipients, its kind, and the message it answers. */
export function checkMessage(
  s: Scenario,
  ctx: ExerciseContext,
  actor: Actor,
  c: MessageCommand,
): Violation | null {
  const to = recipientsIn(c);
  if (c.kind === 'rfi' && actor.role !== 'team')
    return violation(ErrorCode.Forbidden, 'Teams ask the White Cell for information.', 'kind');
  for (const r of to) {
    const bad = checkRecipient(s, actor, r, to.length > 1);
    if (bad) return bad;
  }
  if (c.kind === 'rfi') {
    if (to.length !== 1 || to[0] !== 'facilitator')
      return violation(ErrorCode.BadPayload, 'A request for information goes to the White Cell alone.', 'to');
  }
  if (c.replyTo === undefined) return null;
  const target = ctx.messages[messageIndex(ctx.messages, c.replyTo)];
  if (!target || !readsMessage(readerOf(actor), target))
    return violation(ErrorCode.UnknownMessage, `There is no message ${c.replyTo} you can answer.`, 'replyTo');
  if (!target.rfi || actor.role !== 'facilitator') return null;
  if (target.rfi.status === 'answered')
    return violation(
      ErrorCode.RfiSettled,
      'That request for information has already been answered.',
      'replyTo',
    );
  if (to.length !== 1 || (to[0] !== 'all' && to[0] !== target.from))
    return violation(
      ErrorCode.BadPayload,
      'Release the answer to a request for information to its asker or to everyone.',
      'to',
    );
  return null;
}

/**
 * The context's messages with one more: a reply joins its thread and marks what it answers (a
 * message to the White Cell answered by it; a request for information, its answer released).
 */
export function postMessage(
  ctx: ExerciseContext,
  actor: Actor,
  c: MessageCommand,
  seq: number,
  at: number,
): Message[] {
  const to = recipientsIn(c);
  const from = senderOf(actor);
  const msg: Message = { seq, at, month: ctx.game.month, from, to: to[0]!, text: c.text };
  if (to.length > 1) msg.cc = to.slice(1);
  if (c.kind === 'rfi') msg.rfi = { status: 'asked' };
  const messages = ctx.messages.slice();
  const i = c.replyTo === undefined ? -1 : messageIndex(messages, c.replyTo);
  const target = messages[i];
  if (target) {
    msg.replyTo = target.seq;
    msg.thread = target.thread ?? target.seq;
    if (from === 'facilitator') messages[i] = answeredBy(target, msg);
  }
  messages.push(msg);
  return messages;
}

function answeredBy(target: Message, reply: Message): Message {
  const toWhiteCell = recipientsOf(target).includes('facilitator');
  if (!toWhiteCell || target.answered !== undefined) return target;
  if (!target.rfi) return { ...target, answered: reply.seq };
  const release = reply.to === 'all' ? 'all' : 'asker';
  return {
    ...target,
    answered: reply.seq,
    rfi: { ...target.rfi, status: 'answered', release },
    ...(release === 'all' ? { public: true as const } : {}),
  };
}

export function checkTakeRfi(ctx: ExerciseContext, c: TakeRfi): Violation | null {
  const target = ctx.messages[messageIndex(ctx.messages, c.message)];
  if (!target?.rfi)
    return violation(
      ErrorCode.UnknownMessage,
      `Message ${c.message} is not a request for information.`,
      'message',
    );
  if (target.rfi.status !== 'asked')
    return violation(
      ErrorCode.RfiSettled,
      target.rfi.status === 'taken'
        ? `Already taken${target.rfi.by ? ` by ${target.rfi.by}` : ''}.`
        : 'Already answered.',
      'message',
    );
  return null;
}

/** The messages with the request for information taken (by whom, when the device gave a name). */
export function takeRfi(ctx: ExerciseContext, c: TakeRfi): Message[] {
  const i = messageIndex(ctx.messages, c.message);
  const target = ctx.messages[i];
  if (!target?.rfi) return ctx.messages;
  const messages = ctx.messages.slice();
  messages[i] = { ...target, rfi: { status: 'taken', ...(c.by ? { by: c.by } : {}) } };
  return messages;
}
