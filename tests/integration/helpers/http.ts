import type { CreatedExercise, CreateExerciseBody, Joined } from '@arsenal/shared/protocol';

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

/** A small fetch wrapper that keeps every answer's raw text, so canary tests can scan what came back. */
export class Http {
  readonly seen: string[] = [];

  constructor(readonly url: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(this.url + path, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    const head: string[] = [];
    res.headers.forEach((v, k) => head.push(`${k}: ${v}`));
    this.seen.push(`${res.status} ${head.join('\n')} ${text}`);
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      body = {} as T;
    }
    return { status: res.status, body, text };
  }

  get<T = Record<string, unknown>>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('POST', path, { body });
  }

  async create(body: CreateExerciseBody): Promise<CreatedExercise> {
    const res = await this.post<CreatedExercise & { ok: boolean }>('/api/exercises', body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    return res.body;
  }

  async join(code: string, name?: string): Promise<Joined> {
    const res = await this.post<Joined & { ok: boolean }>('/api/join', { code, name });
    if (res.status !== 201) throw new Error(`join failed: ${res.status} ${res.text}`);
    return res.body;
  }
}
