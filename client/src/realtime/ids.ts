/**
 * Command ids: unique per seat, made on the client so that a retry after a lost ack is recognised by
 * the server. `crypto.randomUUID` needs a secure context, which a room served over plain http on the
 * LAN is not; `getRandomValues` works everywhere.
 */
export function newCommandId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `c${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
