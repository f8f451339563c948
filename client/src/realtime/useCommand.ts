import { useCallback, useEffect, useRef, useState } from 'react';
import type { Command } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { ExerciseConnection, SendResult } from './connection.ts';
import type { ViewChange } from './whatChanged.ts';

export interface CommandState {
  pending: boolean;
  /** The last refusal, with the field path it names if any. */
  error: { code: string; message: string; path?: string; changes?: ViewChange[] } | null;
  /** Increments on each success, so that a form can clear itself or say "sent". */
  done: number;
}

/**
 * One form's sending state. Commands go through the page's connection; the form shows `pending`,
 * the refusal (by code, translated by the caller) or a success.
 */
export function useCommand(connection: ExerciseConnection | null) {
  const [state, setState] = useState<CommandState>({ pending: false, error: null, done: 0 });
  const busy = useRef(false);
  const run = useCallback(
    async (command: Command, recheck?: (view: View) => boolean): Promise<SendResult | null> => {
      if (!connection || busy.current) return null;
      busy.current = true;
      setState((s) => ({ ...s, pending: true, error: null }));
      const result = await connection.send(command, recheck ? { recheck } : {});
      busy.current = false;
      setState((s) =>
        result.ok
          ? { pending: false, error: null, done: s.done + 1 }
          : {
              pending: false,
              done: s.done,
              error: {
                code: result.code,
                message: result.message,
                ...('path' in result && result.path ? { path: result.path } : {}),
                ...('changes' in result ? { changes: result.changes } : {}),
              },
            },
      );
      return result;
    },
    [connection],
  );
  const clear = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  // A stale-view refusal is about the moment it names: once the phase or the month moves on, it no
  // longer applies and goes away by itself.
  const stale = state.error?.changes !== undefined;
  useEffect(() => {
    if (!connection || !stale) return;
    const at = (v = connection.getSnapshot().view) => `${v?.month}/${v?.phase}`;
    const then = at();
    return connection.subscribe(() => {
      if (at() !== then) clear();
    });
  }, [connection, stale, clear]);
  return { ...state, run, clear };
}
