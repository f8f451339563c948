import type { HttpError } from '@arsenal/shared/protocol';
import {
  REPLAY_API,
  type ForkBody,
  type ForkCreated,
  type Imported,
  type LookaheadBody,
  type LookaheadStatus,
} from '@arsenal/shared';
import type { ImportRefusal } from '@arsenal/shared';

/** The replay routes of the HTTP API. Every call answers a value or an error; nothing throws. */

export type Answer<T> = ({ ok: true } & T) | HttpError | ImportRefusal;

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<Answer<T>> {
  const { token, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch {
    return { ok: false, code: 'client/offline', message: 'The server cannot be reached.' };
  }
  try {
    const body = (await res.json()) as Answer<T>;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  } catch {
    // not JSON
  }
  return { ok: false, code: `http/${res.status}`, message: res.statusText };
}

const post = (body: unknown, token?: string): RequestInit & { token?: string } => ({
  method: 'POST',
  body: JSON.stringify(body),
  ...(token ? { token } : {}),
});

export const replayApi = {
  /** The facilitator's export (the whole log with its chain), as text to verify. */
  exportText: async (exerciseId: string, token: string): Promise<{ ok: true; text: string } | HttpError> => {
    try {
      const res = await fetch(`/api/exercises/${encodeURIComponent(exerciseId)}/export`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok) return { ok: true, text: await res.text() };
      return { ok: false, code: `http/${res.status}`, message: res.statusText };
    } catch {
      return { ok: false, code: 'client/offline', message: 'The server cannot be reached.' };
    }
  },
  fork: (exerciseId: string, token: string, body: ForkBody) =>
    call<ForkCreated>(REPLAY_API.fork(exerciseId), post(body, token)),
  startLookahead: (exerciseId: string, token: string, body: LookaheadBody) =>
    call<LookaheadStatus>(REPLAY_API.lookahead(exerciseId), post(body, token)),
  lookahead: (exerciseId: string, token: string, job: string) =>
    call<LookaheadStatus>(REPLAY_API.lookahead(exerciseId, job), { token }),
  importFile: (text: string) => call<Imported>(REPLAY_API.import, { method: 'POST', body: text }),
};

/** Saves text as a file through a temporary link. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
