import type { Request } from 'express';
import { ErrorCode } from '../shared.ts';
import { openSession } from '../http/api.ts';
import { bearer, HttpFailure, notFound } from '../http/failure.ts';
import type { SessionManager } from '../sessions/manager.ts';
import type { ExerciseSession } from '../sessions/session.ts';
import type { Store } from '../store/store.ts';

/**
 * The exercise named in the path, for its facilitator only: `Authorization: Bearer <facilitator
 * token>`, checked as the export route checks it. Anyone else learns only that there is no such
 * exercise for them (no hint that it exists).
 */
export async function facilitatorSession(
  req: Request,
  store: Store,
  sessions: SessionManager,
): Promise<ExerciseSession> {
  const token = bearer(req, store);
  const session = await openSession(sessions, String(req.params.id));
  if (!session || token.exerciseId !== session.id) throw notFound();
  if (token.seat !== 'facilitator')
    throw new HttpFailure(403, ErrorCode.Forbidden, 'Only the facilitator can do that.');
  return session;
}
