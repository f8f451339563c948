import type { Limits } from '../config.ts';
import { RateLimiter } from './rateLimit.ts';

const perMinute = (n: number) => n / 60;

/**
 * The per-address HTTP limits, shared by every route that needs them (one instance per server, made
 * by the composition root). Creating, forking and importing all make a new exercise, and so draw on
 * one budget: a script cannot fill the disk with forks while staying under the create limit.
 */
export class AddressLimits {
  /** New exercises: creates, forks and imports. */
  readonly creations: RateLimiter;
  /** Join attempts, right or wrong: sized for a classroom joining at once behind one address. */
  readonly joins: RateLimiter;
  /**
   * Wrong codes. Past this budget a wrong code answers 429 instead of 404, but a right code still
   * joins: a few mistyped codes in a classroom never lock out the others. Guessing is bounded by
   * `joins` and the codes' 60 bits.
   */
  readonly badCodes: RateLimiter;
  /** Look-ahead jobs started. */
  readonly lookaheads: RateLimiter;

  constructor(limits: Limits, now?: () => number) {
    this.creations = new RateLimiter(limits.createBurst, perMinute(limits.createsPerMinute), now);
    this.joins = new RateLimiter(limits.joinBurst, perMinute(limits.joinsPerMinute), now);
    this.badCodes = new RateLimiter(limits.badCodeBurst, perMinute(limits.badCodesPerMinute), now);
    this.lookaheads = new RateLimiter(limits.lookaheadBurst, perMinute(limits.lookaheadsPerMinute), now);
  }
}
