import { useEffect, useState } from 'react';
import type { Message } from '@arsenal/shared';

const key = (exerciseId: string, seat: string) => `arsenal:read:${exerciseId}:${seat}`;

function readMark(exerciseId: string, seat: string): number {
  try {
    return Number(window.localStorage.getItem(key(exerciseId, seat)) ?? 0) || 0;
  } catch {
    return 0;
  }
}

/**
 * Messages this seat has not read yet (written by someone else, after the last one it saw with its
 * Messages tab open). The mark is kept on the device, per exercise and seat, so a reload keeps it.
 */
export function useUnread(
  exerciseId: string,
  seat: string,
  me: string,
  messages: readonly Message[],
  reading: boolean,
): number {
  const [mark, setMark] = useState(() => readMark(exerciseId, seat));
  const latest = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!reading || latest <= mark) return;
    setMark(latest);
    try {
      window.localStorage.setItem(key(exerciseId, seat), String(latest));
    } catch {
      // a device without storage counts again after a reload
    }
  }, [reading, latest, mark, exerciseId, seat]);
  if (reading) return 0;
  return messages.filter((m) => m.seq > mark && m.from !== me).length;
}
