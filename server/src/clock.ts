/** Wall-clock time and timers, injected so that tests and replays control time. */
export interface Clock {
  now(): number;
  /** Calls `fn` once at (or soon after) the absolute time `at` (ms since epoch). */
  at(at: number, fn: () => void): { cancel(): void };
}

/** setTimeout takes at most 2^31-1 ms; longer waits are chained. */
const MAX_DELAY = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = at - Date.now();
      timer = delay > MAX_DELAY ? setTimeout(arm, MAX_DELAY) : setTimeout(fn, Math.max(0, delay));
      timer.unref();
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  },
};
