import { ErrorCode } from '../schema/codes.ts';

/**
 * How a client asks again for a sync the server could not answer yet: the exercise's node is being
 * taken over or loading it, or a forwarded request went unanswered. Both the app's client and the
 * test client follow it, so what the tests see is what a seat does.
 */
export const SYNC_RETRY = {
  /** Tries in all, the first included (about 20 s of pauses). */
  attempts: 8,
  firstPauseMs: 250,
  maxPauseMs: 4000,
} as const;

/** The pause before try `attempt` (0-based; none before the first): 250 ms doubling to 4 s. */
export const syncRetryPause = (attempt: number): number =>
  attempt === 0 ? 0 : Math.min(SYNC_RETRY.maxPauseMs, SYNC_RETRY.firstPauseMs * 2 ** (attempt - 1));

/** A refusal worth asking again (the exercise is busy); any other refusal is final. */
export const syncRetryable = (code: string): boolean => code === ErrorCode.Busy;
