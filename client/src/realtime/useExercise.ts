import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SeatKey } from '@arsenal/shared/protocol';
import type { Scenario } from '@arsenal/shared';
import { api } from '../api/http.ts';
import { loadToken } from '../api/seats.ts';
import { ExerciseConnection, INITIAL, type ExerciseSnapshot } from './connection.ts';
import { mark } from './timings.ts';

export type ScenarioState =
  { status: 'loading' } | { status: 'ready'; scenario: Scenario } | { status: 'unavailable'; code: string };

export interface Exercise {
  exerciseId: string;
  seat: SeatKey;
  /** Null when this device holds no token for the seat (it must join first). */
  token: string | null;
  snap: ExerciseSnapshot;
  scenario: ScenarioState;
  connection: ExerciseConnection | null;
}

const noSubscribe = () => () => {};
const initial = () => INITIAL;

/**
 * The page's exercise: opens the connection for the seat whose token this device holds, keeps the
 * view current, loads the scenario the seat may see, and closes everything on unmount. Screens render
 * `snap.view` and send through `connection`; they hold no socket state of their own.
 */
export function useExercise(exerciseId: string, seat: SeatKey): Exercise {
  const token = useMemo(() => loadToken(exerciseId, seat), [exerciseId, seat]);
  const [connection, setConnection] = useState<ExerciseConnection | null>(null);

  useEffect(() => {
    if (!token) return;
    const c = new ExerciseConnection({ token });
    setConnection(c);
    return () => {
      c.close();
      setConnection(null);
    };
  }, [token]);

  const snap = useSyncExternalStore(
    connection ? connection.subscribe : noSubscribe,
    connection ? connection.getSnapshot : initial,
  );

  useEffect(() => {
    if (snap.version > 0) mark('shown', snap.version);
  }, [snap.version]);

  const scenario = useScenario(exerciseId, token, snap.link === 'live');
  return { exerciseId, seat, token, snap, scenario, connection };
}

const scenarios = new Map<string, Promise<ScenarioState>>();

function loadScenario(exerciseId: string, token: string): Promise<ScenarioState> {
  const key = `${exerciseId}:${token}`;
  let p = scenarios.get(key);
  if (!p) {
    p = api.scenario(exerciseId, token).then((r): ScenarioState => {
      if (r.ok) return { status: 'ready', scenario: r.scenario };
      scenarios.delete(key);
      return { status: 'unavailable', code: r.code };
    });
    scenarios.set(key, p);
  }
  return p;
}

/** Loaded once the link is live, and again after a failure each time the link comes back. */
function useScenario(exerciseId: string, token: string | null, live: boolean): ScenarioState {
  const [state, setState] = useState<{ key: string; value: ScenarioState } | null>(null);
  const key = `${exerciseId}:${token}`;
  const ready = state?.key === key && state.value.status === 'ready';
  useEffect(() => {
    if (!token || !live || ready) return;
    let current = true;
    void loadScenario(exerciseId, token).then((value) => current && setState({ key, value }));
    return () => {
      current = false;
    };
  }, [exerciseId, token, key, live, ready]);
  if (!token) return { status: 'unavailable', code: 'auth/unauthenticated' };
  return state?.key === key ? state.value : { status: 'loading' };
}
