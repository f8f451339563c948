import type { CreatedExercise } from '@arsenal/shared/protocol';
import type { SeatKey } from '@arsenal/shared/protocol';

/**
 * Seat tokens and facilitator papers kept on this device, so that a reload (or a laptop that slept)
 * resumes the same seat. Keyed by exercise and seat: one browser can hold several seats in several tabs.
 * localStorage, not cookies: the token goes only where the client sends it (the socket handshake).
 */

const PREFIX = 'arsenal:';
const tokenKey = (exerciseId: string, seat: SeatKey) => `${PREFIX}token:${exerciseId}:${seat}`;
const createdKey = (exerciseId: string) => `${PREFIX}created:${exerciseId}`;
const RECENT = `${PREFIX}recent`;

export interface RecentSeat {
  exerciseId: string;
  seat: SeatKey;
  label: string;
  at: number;
}

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function saveToken(exerciseId: string, seat: SeatKey, token: string, label: string): void {
  const s = store();
  if (!s) return;
  s.setItem(tokenKey(exerciseId, seat), token);
  const others = recentSeats().filter((r) => !(r.exerciseId === exerciseId && r.seat === seat));
  const entry: RecentSeat = { exerciseId, seat, label, at: Date.now() };
  s.setItem(RECENT, JSON.stringify([entry, ...others].slice(0, 8)));
}

export function loadToken(exerciseId: string, seat: SeatKey): string | null {
  return store()?.getItem(tokenKey(exerciseId, seat)) ?? null;
}

export function forgetToken(exerciseId: string, seat: SeatKey): void {
  const s = store();
  if (!s) return;
  s.removeItem(tokenKey(exerciseId, seat));
  const left = recentSeats().filter((r) => !(r.exerciseId === exerciseId && r.seat === seat));
  s.setItem(RECENT, JSON.stringify(left));
}

export function recentSeats(): RecentSeat[] {
  try {
    const raw = JSON.parse(store()?.getItem(RECENT) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as RecentSeat[]) : [];
  } catch {
    return [];
  }
}

/** What the seat sheet prints: the join codes (shown once by the server) and who they are for. */
export type SeatPapers = Omit<CreatedExercise, 'facilitator'> & {
  title: string;
  teams: { id: string; name: string; kind: string; bot: boolean }[];
};

/** The facilitator's device keeps the papers (never the facilitator token) for the seat sheet. */
export function saveCreated(created: CreatedExercise, meta: Pick<SeatPapers, 'title' | 'teams'>): void {
  const { facilitator: _secret, ...rest } = created;
  const papers: SeatPapers = { ...rest, ...meta };
  store()?.setItem(createdKey(created.exerciseId), JSON.stringify(papers));
}

export function loadCreated(exerciseId: string): SeatPapers | null {
  try {
    const raw = store()?.getItem(createdKey(exerciseId));
    return raw ? (JSON.parse(raw) as SeatPapers) : null;
  } catch {
    return null;
  }
}

/** Records a code the facilitator rotated, so that the seat sheet prints the working one. */
export function updateCode(exerciseId: string, seat: SeatKey, code: string): void {
  const papers = loadCreated(exerciseId);
  if (!papers) return;
  if (seat === 'observer' || seat === 'display') papers.codes[seat] = code;
  else if (seat.startsWith('team:')) papers.codes.teams[seat.slice(5)] = code;
  store()?.setItem(createdKey(exerciseId), JSON.stringify(papers));
}

/** A facilitator link carries its token in the fragment (never sent to servers): keep it, then hide it. */
export function adoptFragmentToken(exerciseId: string): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  saveToken(exerciseId, 'facilitator', decodeURIComponent(match[1]!), 'facilitator');
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The name this device joined a seat under, if the person gave one. */
export function seatLabel(exerciseId: string, seat: SeatKey): string | undefined {
  const label = recentSeats().find((r) => r.exerciseId === exerciseId && r.seat === seat)?.label;
  return label && label !== seat ? label.slice(0, 60) : undefined;
}
