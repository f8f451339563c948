import type { Command, ExerciseState, LogEntry, SeatKey } from '../shared.ts';

/**
 * Which log entries a seat may read in an export, following the rules of `viewFor`: the facilitator
 * and observers see all; a team sees its own commands, the public facilitator commands, announcements,
 * messages to it and moves on contracts it is party to; the room display sees only what is public.
 * A whitelist: anything not named here (orders, overrides, private notes) stays hidden.
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

export function visibleTo(
  seat: SeatKey,
  state: ExerciseState,
  entry: Pick<LogEntry, 'actor' | 'command'>,
): boolean {
  // The facilitator and observers see everything in their views too (engine/views.ts).
  if (seat === 'facilitator' || seat === 'observer') return true;
  const { actor, command } = entry;
  const team = seat.startsWith('team:') ? seat.slice(5) : null;
  if (actor.role === 'system') return true;
  if (team && actor.role === 'team' && actor.team === team) return true;
  if (command.type === 'message') {
    return command.to === 'all' || (team !== null && command.to === team);
  }
  if (actor.role === 'facilitator') {
    if (PUBLIC_FACILITATOR.has(command.type)) return true;
    if (command.type === 'note') return command.kind === 'announcement';
    return false;
  }
  if (!team || actor.role !== 'team') return false;
  if (command.type === 'offerContract') return command.counterparty === team;
  if (CONTRACT_MOVES.has(command.type) && 'contract' in command) {
    const contract = state.context.game.contracts[command.contract];
    return contract !== undefined && (contract.buyer === team || contract.seller === team);
  }
  return false;
}
