import { useEffect, useState } from 'react';
import { serverNow } from '../api/serverClock.ts';

/** Server time, refreshed every `everyMs` while `active`. */
export function useNow(everyMs: number, active = true): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!active) return;
    // the clock may have been idle (no timer): start from now, not from when it last ticked
    setNow(serverNow());
    const id = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(id);
  }, [everyMs, active]);
  return now;
}
