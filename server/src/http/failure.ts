import type { Request } from 'express';
import type { z } from 'zod';
import { ErrorCode, zodIssues, type HttpError } from '../shared.ts';
import type { Config } from '../config.ts';
import { secretHash } from '../security/secrets.ts';
import type { RateLimiter } from '../security/rateLimit.ts';
import type { Store, TokenRecord } from '../store/store.ts';
import type { FailureReason } from '../workers/pool.ts';

/** An error answer: a status, a stable code and a message written for the caller (never an exception's). */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Pick<HttpError, 'errors'>,
  ) {
    super(message);
  }
}

export const notFound = () => new HttpFailure(404, ErrorCode.NotFound, 'No such exercise.');

export const rateLimited = (message = 'Too many requests; wait a little.') =>
  new HttpFailure(429, ErrorCode.RateLimited, message);

/** The client address the per-address limits count (behind trusted proxies, the forwarded one). */
export const addressOf = (req: Request): string => req.ip ?? 'unknown';

/** Spends one of the client address's requests from `limiter`, or refuses with 429 and `message`. */
export function spend(limiter: RateLimiter, req: Request, message?: string): void {
  if (!limiter.take(addressOf(req))) throw rateLimited(message);
}

/** `spend` as a middleware, for routes that refuse before reading the body. */
export const throttle =
  (limiter: RateLimiter) => (req: Request, _res: unknown, next: (err?: unknown) => void) =>
    limiter.take(addressOf(req)) ? next() : next(rateLimited());

/** A body that does not parse: the first 20 issues with their paths. */
export function badPayload(error: z.ZodError): HttpFailure {
  const errors = zodIssues(error, 20);
  return new HttpFailure(400, ErrorCode.BadPayload, 'The request body is not valid.', { errors });
}

/** What to answer when worker-thread work gave no result. */
export function workFailed(reason: FailureReason, what: string): HttpFailure {
  switch (reason) {
    case 'timeout':
    case 'memory':
      return new HttpFailure(422, ErrorCode.TooComplex, `${what} is too complex to check; it was refused.`);
    case 'busy':
    case 'closed':
      return new HttpFailure(503, ErrorCode.Busy, 'The server is busy; try again in a minute.');
    default:
      return new HttpFailure(500, ErrorCode.Internal, 'The server failed to answer this request.');
  }
}

/** The live token named by `Authorization: Bearer …`. */
export function bearer(req: Request, store: Store): TokenRecord {
  const match = /^Bearer (\S{16,200})$/.exec(req.get('authorization') ?? '');
  if (!match)
    throw new HttpFailure(
      401,
      ErrorCode.Unauthenticated,
      'Send your seat token as "Authorization: Bearer <token>".',
    );
  const token = store.findToken(secretHash(match[1]!));
  if (!token) throw new HttpFailure(401, ErrorCode.Unauthenticated, 'This seat token is not valid.');
  if (token.revokedAt !== null)
    throw new HttpFailure(403, ErrorCode.Revoked, 'This seat was revoked by the facilitator.');
  return token;
}

/**
 * The base of the links handed out: `PUBLIC_URL` when set. Otherwise the request's own Host, which
 * `hostAllowed` has already checked against the allow-list.
 */
export function baseUrl(req: Request, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? `localhost:${config.port}`}`;
}
