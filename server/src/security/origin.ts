import type { IncomingMessage } from 'node:http';

/**
 * The origin policy, for the API and for socket handshakes alike. Browsers send `Origin` on every
 * cross-site request and WebSocket; a request without one comes from a non-browser client (scripts,
 * tests), which the seat token alone governs. The server's own origin (same host as the request) is
 * always allowed; another site only when `ALLOWED_ORIGINS` lists it (`*`: any).
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (originListed(origin, allowed)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Whether another site's origin is on the allow-list: such a site is sent CORS headers. */
export const originListed = (origin: string, allowed: readonly string[]): boolean =>
  allowed.includes('*') || allowed.includes(origin);
