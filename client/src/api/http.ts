import type {
  CreatedExercise,
  CreateExerciseBody,
  ExerciseSummary,
  HttpError,
  Joined,
  ScenarioSummary,
} from '@arsenal/shared/protocol';
import type { Scenario } from '@arsenal/shared';
import { noteServerDate } from './serverClock.ts';

/** The HTTP API (README, "HTTP API"). Every call answers a value or an `HttpError`; nothing throws. */

export type Result<T> = ({ ok: true } & T) | HttpError;

const offline = (): HttpError => ({
  ok: false,
  code: 'client/offline',
  message: 'The server cannot be reached.',
});

async function call<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch {
    return offline();
  }
  noteServerDate(res.headers.get('date'));
  try {
    const body = (await res.json()) as Result<T>;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  } catch {
    // fall through: not JSON
  }
  return { ok: false, code: res.ok ? 'client/bad_answer' : `http/${res.status}`, message: res.statusText };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const api = {
  scenarios: () => call<{ scenarios: ScenarioSummary[] }>('/scenarios'),
  create: (body: CreateExerciseBody) =>
    call<CreatedExercise>('/exercises', { method: 'POST', body: JSON.stringify(body) }),
  join: (code: string, name?: string) =>
    call<Joined>('/join', { method: 'POST', body: JSON.stringify(name ? { code, name } : { code }) }),
  exercise: (id: string) => call<{ exercise: ExerciseSummary }>(`/exercises/${encodeURIComponent(id)}`),
  /** The scenario as this seat may see it (client/NOTES-for-core.md §1). */
  scenario: (id: string, token: string) =>
    call<{ scenario: Scenario }>(`/exercises/${encodeURIComponent(id)}/scenario`, { headers: bearer(token) }),
  exportUrl: (id: string) => `/api/exercises/${encodeURIComponent(id)}/export`,
  exportFile: async (id: string, token: string): Promise<Blob | null> => {
    try {
      const res = await fetch(`/api/exercises/${encodeURIComponent(id)}/export`, { headers: bearer(token) });
      return res.ok ? await res.blob() : null;
    } catch {
      return null;
    }
  },
};
