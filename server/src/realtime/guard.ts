import type { z } from 'zod';
import { CLIENT_EVENTS, ErrorCode, firstIssue, LIMITS, type AckError } from '../shared.ts';
import type { RateLimiter } from '../security/rateLimit.ts';

/** Checks every client event meets before its payload is parsed. */

/**
 * Event budgets: per socket, per seat token (all its sockets together: opening more sockets buys no
 * more events) and per exercise (all its seats: one exercise cannot crowd out the others); commands
 * that only ever grow the log and every view that shows them (messages, notes, free-form actions,
 * contract offers and counter-offers: each a contract or a line of its history, and a news item, in
 * both parties', the White Cell's and the observers' views) have their own per token.
 */
export interface EventGuard {
  limiter: RateLimiter;
  tokens: RateLimiter;
  exercises: RateLimiter;
  messages: RateLimiter;
}

/** Who sent an event. */
export interface EventSource {
  socketId: string;
  tokenId: string;
  exerciseId: string;
}

const GROWS_LOG = new Set<unknown>(['message', 'note', 'proposeAction', 'offerContract', 'counterContract']);

/** Whether a command payload is one that grows the views for good (looked at before it is parsed). */
export function growsLog(payload: unknown): boolean {
  const command = (payload as { command?: { type?: unknown } } | null)?.command;
  return typeof command === 'object' && command !== null && GROWS_LOG.has(command.type);
}

const known = new Set<unknown>(CLIENT_EVENTS);

/**
 * The refusal for an event that is too big, too frequent, unknown or of the wrong shape; null if it may
 * go on.
 */
export function checkEvent(
  guard: EventGuard,
  from: EventSource,
  event: unknown,
  args: unknown[],
  bytes: number,
): AckError | null {
  if (bytes > LIMITS.maxEventBytes)
    return {
      ok: false,
      code: ErrorCode.TooLarge,
      message: `Events are limited to ${LIMITS.maxEventBytes} bytes.`,
    };
  if (
    !guard.limiter.take(from.socketId) ||
    !guard.tokens.take(from.tokenId) ||
    !guard.exercises.take(from.exerciseId)
  )
    return { ok: false, code: ErrorCode.RateLimited, message: 'Too many events; slow down.' };
  if (event === 'command' && growsLog(args[0]) && !guard.messages.take(from.tokenId))
    return {
      ok: false,
      code: ErrorCode.RateLimited,
      message: 'Too many messages, notes or offers; wait a little.',
    };
  if (!known.has(event)) return { ok: false, code: ErrorCode.UnknownEvent, message: 'Unknown event.' };
  if (args.length !== 1)
    return { ok: false, code: ErrorCode.BadPayload, message: 'Send one payload object and an ack callback.' };
  return null;
}

/** The first zod issue as an ack. Messages describe the sender's own input, never the server's state. */
export function badPayloadAck(error: z.ZodError): AckError {
  const { path, message } = firstIssue(error);
  return { ok: false, code: ErrorCode.BadPayload, message, ...(path ? { path } : {}) };
}

interface EngineSocket {
  on(event: 'packet', fn: (packet: { type: string; data?: unknown }) => void): unknown;
  off(event: 'packet', fn: (packet: { type: string; data?: unknown }) => void): unknown;
}

/**
 * Bytes received since the last `take()`. socket.io decodes a message and runs our event middleware
 * synchronously right after engine.io reports the raw packet, so the count belongs to that event.
 */
export function watchSizes(conn: EngineSocket): { take(): number; stop(): void } {
  let bytes = 0;
  const onPacket = (packet: { type: string; data?: unknown }) => {
    if (packet.type !== 'message') return;
    const d = packet.data;
    bytes += typeof d === 'string' ? Buffer.byteLength(d) : d instanceof Uint8Array ? d.byteLength : 0;
  };
  conn.on('packet', onPacket);
  return {
    take() {
      const n = bytes;
      bytes = 0;
      return n;
    },
    stop: () => void conn.off('packet', onPacket),
  };
}
