import type { Request } from 'express';
import { ErrorCode } from '../shared.ts';
import { HttpFailure } from '../http/api.ts';
import { secretHash } from '../security/secrets.ts';
import type { SessionManager } from '../sessions/manager.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import type { Store } from '../store/store.ts';

/**
 * The exercise named in the path, for its facilitator only: `Authorization: Bearer <facilitator
 * token>`, checked as the export route checks it. Anyone else learns only that there is no such
 * exercise for them (no hint that it exists).
 */
export function facilitatorSession(req: Request, store: Store, sessions: SessionManager): ExerciseSession {
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
  const session = sessions.get(String(req.params.id));
  if (!session || token.exerciseId !== session.id) throw notFound();
  if (token.seat !== 'facilitator')
    throw new HttpFailure(403, ErrorCode.Forbidden, 'Only the facilitator can do that.');
  return session;
}

export const notFound = () => new HttpFailure(404, ErrorCode.NotFound, 'No such exercise.');
