import type { ViewUpdate } from './events.ts';
import { applyPatch } from './patch.ts';

export interface VersionedView<V = unknown> {
  version: number;
  view: V;
}

/**
 * What a client does with an `update`: `apply` gives the next view; `stale` (an update older than the
 * view, e.g. one that crossed a `sync` answer) is dropped; `gap` means updates were missed and the client
 * must ask for a full `sync`.
 */
export type UpdateOutcome<V> =
  { kind: 'apply'; next: VersionedView<V> } | { kind: 'stale' } | { kind: 'gap' };

export function receiveUpdate<V>(current: VersionedView<V> | null, update: ViewUpdate): UpdateOutcome<V> {
  if (current && update.version <= current.version) return { kind: 'stale' };
  if (!current || update.base !== current.version) return { kind: 'gap' };
  try {
    return { kind: 'apply', next: { version: update.version, view: applyPatch(current.view, update.ops) } };
  } catch {
    return { kind: 'gap' };
  }
}
