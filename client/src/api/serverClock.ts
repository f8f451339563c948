/**
 * Deadlines are absolute server times. A laptop whose clock is off by a minute would show a wrong
 * countdown, so the offset is estimated from the `Date` header of API answers (1 s resolution; only
 * offsets above 2 s are trusted).
 */
let offsetMs = 0;

export function noteServerDate(header: string | null): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  const offset = server + 500 - Date.now();
  offsetMs = Math.abs(offset) > 2000 ? offset : 0;
}

/** Now, by the server's clock (ms since epoch). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
