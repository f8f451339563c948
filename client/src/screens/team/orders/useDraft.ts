import { useCallback, useState } from 'react';
import type { View } from '@arsenal/shared';
import type { Order } from '@arsenal/shared';

/** Unsent changes, and the version of the team's order set they were written on. */
interface Draft {
  basedOn: number;
  orders: Order[];
}

/**
 * The team's orders for this month as being written. Until this device changes something it shows
 * the order set the server holds (whichever device of the seat sent it); from the first change it
 * keeps its own draft, with the version of the set it started from, in sessionStorage (so a reload
 * in the middle of a turn keeps unsent work; a new month starts afresh). `stale`: another device sent
 * orders since this draft began; the server would refuse it as it stands.
 */
export function useDraft(exerciseId: string, team: string, view: View) {
  const key = `arsenal:draft:${exerciseId}:${team}:${view.month}`;
  const submitted = view.me?.orders ?? [];
  const version = view.me?.orderSet?.seq ?? 0;
  const [state, setState] = useState(() => ({ key, draft: load(key, version) }));
  let current = state;
  if (state.key !== key) {
    current = { key, draft: load(key, version) };
    setState(current);
  }
  const draft = current.draft;
  const keep = useCallback(
    (next: Draft | null) => {
      setState({ key, draft: next });
      if (next) save(key, next);
      else forget(key);
    },
    [key],
  );
  const set = (orders: Order[]) => keep({ basedOn: draft?.basedOn ?? version, orders });
  const orders = draft?.orders ?? submitted;
  const dirty = draft !== null && JSON.stringify(draft.orders) !== JSON.stringify(submitted);
  const stale = dirty && draft.basedOn !== version;
  // orders added or changed, and orders of the submitted set taken out (at least one when dirty)
  const unsent = dirty
    ? Math.max(1, notSent(draft.orders, submitted).length + notSent(submitted, draft.orders).length)
    : 0;
  /** Back to what the server holds (after a submission, or to drop unsent changes). */
  const reset = () => keep(null);
  /** Keeps the changes but writes them over the set now on the server (the person chose to). */
  const rebase = () => draft && keep({ ...draft, basedOn: version });
  /** Once sent, the server holds the orders: the view shows them. */
  const sent = () => keep(null);
  return {
    orders,
    set,
    dirty,
    unsent,
    stale,
    basedOn: draft?.basedOn ?? version,
    reset,
    rebase,
    sent,
    submitted,
  };
}

/** The orders of a draft that the submitted set does not hold (each submitted order matches one). */
export function notSent(draft: readonly Order[], submitted: readonly Order[]): Order[] {
  const left = submitted.map((o) => JSON.stringify(o));
  return draft.filter((o) => {
    const i = left.indexOf(JSON.stringify(o));
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function load(key: string, version: number): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Draft | Order[];
    // a draft kept before drafts carried their version: take it as written on the current set
    return Array.isArray(parsed) ? { basedOn: version, orders: parsed } : parsed;
  } catch {
    return null;
  }
}

function save(key: string, draft: Draft): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or private mode: the draft lives as long as the page
  }
}

function forget(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}
