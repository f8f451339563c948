import type { EncodedViewUpdate, ViewUpdate } from './events.ts';
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

export function encodeUpdate(update: ViewUpdate): EncodedViewUpdate {
  return JSON.stringify(update);
}

/** The update in an `update` event, or null if it is not one (the client then resyncs). */
export function decodeUpdate(text: unknown): ViewUpdate | null {
  if (typeof text !== 'string') return null;
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof u !== 'object' || u === null) return null;
  const { base, version, ops } = u as Partial<ViewUpdate>;
  return Number.isInteger(base) && Number.isInteger(version) && Array.isArray(ops)
    ? { base: base!, version: version!, ops }
    : null;
}

export function receiveUpdate<V>(current: VersionedView<V> | null, update: ViewUpdate): UpdateOutcome<V> {
  if (current && update.version <= current.version) return { kind: 'stale' };
  if (!current || update.base !== current.version) return { kind: 'gap' };
  try {
    return { kind: 'apply', next: { version: update.version, view: applyPatch(current.view, update.ops) } };
  } catch {
    return { kind: 'gap' };
  }
}
