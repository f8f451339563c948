import type {
  CreatedExercise,
  CreateExerciseBody,
  ExerciseSummary,
  HttpError,
  JoinBody,
  Joined,
  ScenarioSummary,
} from '@arsenal/shared/protocol';
import { BALANCE_API, type BalanceBody, type BalanceStatus, type Scenario } from '@arsenal/shared';
import { noteServerDate } from './serverClock.ts';

/**
 * The one wrapper around `fetch` for the HTTP API (README, "HTTP API"): every call answers a value or
 * an error; nothing throws. The replay routes (screens/replay/api.ts) go through it too.
 */

export type Result<T> = ({ ok: true } & T) | HttpError;

const offline = (): HttpError => ({
  ok: false,
  code: 'client/offline',
  message: 'The server cannot be reached.',
});

export type CallInit = RequestInit & { token?: string };

async function request(url: string, init: CallInit): Promise<Response | HttpError> {
  const { token, ...rest } = init;
  try {
    const res = await fetch(url, {
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...rest.headers,
      },
    });
    noteServerDate(res.headers.get('date'));
    return res;
  } catch {
    return offline();
  }
}

const failed = (res: Response): HttpError => ({
  ok: false,
  code: res.ok ? 'client/bad_answer' : `http/${res.status}`,
  message: res.statusText,
});

/** A JSON call to `url` (a path under `/api`). `E` widens the answer with a route's own refusals. */
export async function call<T, E = never>(url: string, init: CallInit = {}): Promise<Result<T> | E> {
  const res = await request(url, init);
  if (!(res instanceof Response)) return res;
  try {
    const body = (await res.json()) as Result<T> | E;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  } catch {
    // fall through: not JSON
  }
  return failed(res);
}

/** A call whose answer is text (an export file): the text, or why not. */
export async function callText(url: string, init: CallInit = {}): Promise<Result<{ text: string }>> {
  const res = await request(url, init);
  if (!(res instanceof Response)) return res;
  return res.ok ? { ok: true, text: await res.text() } : failed(res);
}

/** A JSON POST of `body`. */
export const post = (body: unknown, token?: string): CallInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  ...(token ? { token } : {}),
});

const exercise = (id: string) => `/api/exercises/${encodeURIComponent(id)}`;

export const api = {
  scenarios: () => call<{ scenarios: ScenarioSummary[] }>('/api/scenarios'),
  create: (body: CreateExerciseBody) => call<CreatedExercise>('/api/exercises', post(body)),
  join: (code: string, name?: string) =>
    call<Joined>('/api/join', post((name ? { code, name } : { code }) satisfies JoinBody)),
  exercise: (id: string) => call<{ exercise: ExerciseSummary }>(exercise(id)),
  /** The scenario as this seat may see it (`scenarioFor`: teams get no scheduled injects). */
  scenario: (id: string, token: string) =>
    call<{ scenario: Scenario }>(`${exercise(id)}/scenario`, { token }),
  /** The seat's export: for the facilitator the whole log with its chain, as text (to save or verify). */
  exportText: (id: string, token: string) => callText(`${exercise(id)}/export`, { token }),
  /** A balance check of a scenario (README, "Balance report"): started, polled, cancelled. */
  startBalance: (body: BalanceBody) => call<BalanceStatus>(BALANCE_API.job(), post(body)),
  balance: (job: string) => call<BalanceStatus>(BALANCE_API.job(job)),
  cancelBalance: (job: string) => call<BalanceStatus>(BALANCE_API.job(job), { method: 'DELETE' }),
};
