/**
 * Token buckets keyed by a string (a client address, a socket). `take` says whether one more event fits.
 * Buckets that have refilled completely are forgotten, so the map stays as small as the active clients.
 *
 * Written by hand rather than taken from express-rate-limit or rate-limiter-flexible: the same buckets
 * guard HTTP routes, socket handshakes and every socket event (which no HTTP middleware sees), time comes
 * from the injected clock (so tests step it), and the whole of it is this one small class.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    /** Events allowed in a burst. */
    private readonly burst: number,
    /** Sustained events per second. */
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, cost = 1): boolean {
    const now = this.now();
    this.sweep(now);
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = this.level(b, now);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  /** Whether one event would fit now, without spending it. */
  allows(key: string): boolean {
    const b = this.buckets.get(key);
    return !b || this.level(b, this.now()) >= 1;
  }

  /** A bucket's tokens at `now`: what it held, refilled at `perSecond` up to `burst`. */
  private level(b: { tokens: number; at: number }, now: number): number {
    return Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const full = (this.burst / this.perSecond) * 1000;
    for (const [key, b] of this.buckets) if (now - b.at > full) this.buckets.delete(key);
  }
}
