/**
 * Figures for the benchmark, not for tests: when this browser got an ack, received a view update, and
 * rendered a version. The end-to-end run reads `window.__arsenalTimings` from several browsers to
 * measure the time from one seat's ack to the other seats showing the change.
 */
export interface Timing {
  kind: 'ack' | 'update' | 'shown';
  /** The command's seq (ack) or the view version (update, shown). */
  seq: number;
  /** ms since epoch: wall clock, comparable between browsers on one machine (unlike `performance.now`). */
  t: number;
}

const MAX = 1000;

function log(): Timing[] {
  const w = globalThis as { __arsenalTimings?: Timing[] };
  return (w.__arsenalTimings ??= []);
}

export function mark(kind: Timing['kind'], seq: number): void {
  const l = log();
  l.push({ kind, seq, t: Date.now() });
  if (l.length > MAX) l.splice(0, l.length - MAX);
}
