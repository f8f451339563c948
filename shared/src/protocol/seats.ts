import { z } from 'zod';
import { id } from '../schema/scenario.ts';

/** Who holds a seat token: the audiences of the README's _Architecture_ (views). Several people may share one seat. */
export type Seat =
  { role: 'facilitator' } | { role: 'team'; team: string } | { role: 'observer' } | { role: 'display' };

/**
 * A seat as one string, also the suffix of its socket.io room: `facilitator`, `team:<id>`, `observer`,
 * `display`.
 */
export type SeatKey = 'facilitator' | 'observer' | 'display' | `team:${string}`;

export const seatKeySchema = z.union([
  z.enum(['facilitator', 'observer', 'display']),
  z.templateLiteral(['team:', id]),
]);

export function seatKey(seat: Seat): SeatKey {
  return seat.role === 'team' ? `team:${seat.team}` : seat.role;
}

export function seatFromKey(key: SeatKey): Seat {
  return key.startsWith('team:')
    ? { role: 'team', team: key.slice(5) }
    : { role: key as 'facilitator' | 'observer' | 'display' };
}
