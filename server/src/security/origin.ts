import type { IncomingMessage } from 'node:http';

/**
 * The origin allow-list. Browsers send `Origin` on every cross-site request and WebSocket; a request
 * without one comes from a non-browser client (scripts, tests), which the seat token alone governs.
 * The server's own origin (same host as the request) is always allowed.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
