import type { Command, LogEntry } from '../schema/commands.ts';
import type { Audience } from './views.ts';
import type { ExerciseState } from '../exercise/types.ts';
import { contractById } from '../engine/contracts.ts';

/**
 * Which log entries an audience may read in a replay's timeline, following `viewFor`: the facilitator
 * and observers read everything; a team reads its own commands, the facilitator's public controls,
 * announcements to everyone or to it, messages to it or to everyone, and moves on contracts it is
 * party to; the room display only what is public. A whitelist: orders, overrides, private notes,
 * annotations and re-seeding stay with the White cell. (The server's seat export applies the same rule.)
 */

const PUBLIC_FACILITATOR = new Set<Command['type']>([
  'startBriefing',
  'startPlanning',
  'adjudicate',
  'publish',
  'pause',
  'resume',
  'end',
  'fireInject',
  'adHocInject',
  'setDeadline',
  'extendDeadline',
  'pauseTimer',
  'resumeTimer',
  'setBot',
]);

const CONTRACT_MOVES = new Set<Command['type']>([
  'counterContract',
  'acceptContract',
  'rejectContract',
  'cancelContract',
]);

/** `state` is any state in which the entry's contract exists (the final state of the log will do). */
export function entryVisibleTo(
  audience: Audience,
  state: ExerciseState,
  entry: Pick<LogEntry, 'actor' | 'command'>,
): boolean {
  if (audience.role === 'facilitator' || audience.role === 'observer') return true;
  const team = audience.role === 'team' ? audience.team : null;
  const { actor, command } = entry;
  if (actor.role === 'system') return true;
  if (team !== null && actor.role === 'team' && actor.team === team) return true;
  if (command.type === 'message') return command.to === 'all' || (team !== null && command.to === team);
  if (actor.role === 'facilitator') {
    if (PUBLIC_FACILITATOR.has(command.type)) return true;
    if (command.type === 'note')
      return command.kind === 'announcement' && (!command.team || command.team === team);
    return false;
  }
  if (team === null || actor.role !== 'team') return false;
  if (command.type === 'offerContract') return command.counterparty === team;
  if (CONTRACT_MOVES.has(command.type) && 'contract' in command) {
    const contract = contractById(state.context.game, command.contract);
    return contract !== undefined && (contract.buyer === team || contract.seller === team);
  }
  return false;
}
