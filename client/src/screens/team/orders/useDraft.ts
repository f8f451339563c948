import { useCallback, useState } from 'react';
import type { View } from '@arsenal/shared/engine/views';
import type { Order } from '@arsenal/shared/schema/commands';

/**
 * The team's orders for this month as being written. Starts from what was last submitted and is kept
 * in sessionStorage, so a reload in the middle of a turn keeps unsent work; a new month starts afresh.
 */
export function useDraft(exerciseId: string, team: string, view: View) {
  const key = `arsenal:draft:${exerciseId}:${team}:${view.month}`;
  const submitted = view.me?.orders ?? [];
  const [state, setState] = useState(() => ({ key, orders: load(key) ?? submitted }));
  let current = state;
  if (state.key !== key) {
    current = { key, orders: load(key) ?? submitted };
    setState(current);
  }
  const set = useCallback(
    (orders: Order[]) => {
      setState({ key, orders });
      save(key, orders);
    },
    [key],
  );
  const dirty = JSON.stringify(current.orders) !== JSON.stringify(submitted);
  /** Back to what the server holds (after a submission, or to drop unsent changes). */
  const reset = () => {
    forget(key);
    setState({ key, orders: submitted });
  };
  /** Once sent, the server holds the orders: a reload reads them from the view. */
  const sent = () => forget(key);
  return { orders: current.orders, set, dirty, reset, sent, submitted };
}

function load(key: string): Order[] | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Order[]) : null;
  } catch {
    return null;
  }
}

function save(key: string, orders: Order[]): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(orders));
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
