import type { Message } from './types.ts';

/** Everyone a message is addressed to: its first recipient and the others. */
export const recipientsOf = (m: Pick<Message, 'to' | 'cc'>): string[] => (m.cc ? [m.to, ...m.cc] : [m.to]);

export type Readable = Pick<Message, 'from' | 'to' | 'cc' | 'public'>;

/**
 * Who may read a message, the rule `views/visibility.ts` applies to every audience: the White cell
 * (`all`) every one; anyone a message to everyone, or a question whose answer was released to
 * everyone; a team what it sent or was sent; no one else (the room display sees only what is public).
 */
export function readsMessage(reader: { all: boolean; team: string | null }, m: Readable): boolean {
  if (reader.all || m.to === 'all' || m.public) return true;
  if (reader.team === null) return false;
  return m.from === reader.team || m.to === reader.team || (m.cc?.includes(reader.team) ?? false);
}
