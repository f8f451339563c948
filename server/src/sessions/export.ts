import {
  entryVisibleTo,
  exportFile,
  hashState,
  seatFromKey,
  type FacilitatorExport,
  type SeatExport,
} from '../shared.ts';
import type { Presence } from '../realtime/presence.ts';
import { nativeSha256Hex } from '../security/secrets.ts';
import type { Store, TokenRecord } from '../store/store.ts';
import type { ExerciseSession } from './session.ts';

/** The facilitator's export file (`arsenal-export/1`): scenario, setup, the chained log, final hash. */
export function facilitatorExport(
  store: Store,
  presence: Presence,
  session: ExerciseSession,
): FacilitatorExport {
  const { record } = session;
  // Up to the session's stored state: with commits on a writer thread, a batch can be in the store a
  // moment before the session settles it, and the hash must be that of what the entries fold into.
  const seq = session.lastSeq;
  return exportFile({
    exerciseId: record.id,
    title: record.title,
    createdAt: record.createdAt,
    scenario: session.scenario,
    setup: { seed: record.seed, bots: record.bots },
    genesis: record.genesis,
    entries: store.readLog(record.id).filter((e) => e.seq <= seq),
    stateHash: hashState(session.current(), nativeSha256Hex),
    presence: presence.entries(record.id),
    timer: record.timer,
  });
}

/** Another seat's export: its view and the log entries it may see, without hashes. */
export function seatExport(store: Store, session: ExerciseSession, token: TokenRecord): SeatExport {
  const state = session.current();
  const seq = session.lastSeq;
  const entries = store
    .readLog(session.id)
    .filter((e) => e.seq <= seq && entryVisibleTo(seatFromKey(token.seat), state, e))
    .map(({ seq, at, actor, command }) => ({ seq, at, actor, command }));
  return {
    format: 'arsenal-export/1',
    audience: token.seat,
    exerciseId: session.id,
    title: session.record.title,
    seq,
    view: session.viewOf(token.seat).view,
    entries,
  };
}
