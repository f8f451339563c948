import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botCommands,
  buildReport,
  canonicalJSON,
  reportCsv,
  verifyExport,
  type ForkCreated,
  type Imported,
  type LookaheadStatus,
  type Scenario,
  type VerifiedImport,
  type View,
} from '@arsenal/shared';
import type { CreatedExercise, FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { startServer, type TestServer } from '../integration/helpers/server.ts';

/**
 * The replay routes on the real server (port 0, real SQLite, real socket.io clients): a team's replay
 * equals what that team received live; fork, look-ahead, reports and import over HTTP.
 */

const tutorial: Scenario = bundled('tutorial');
let server: TestServer;
let http: Http;
let created: CreatedExercise;
let fac: SeatClient;
let dga: SeatClient;
/** Every view the DGA's socket held, as it received them (the first from sync, then each patch). */
const received: { version: number; view: View }[] = [];
const clients: SeatClient[] = [];

const token = () => created.facilitator.token;
/**
 * The facilitator's export. Bots may still be playing when it is read: an export taken between a
 * command's commit and the state it read can end on a later state than its entries (the import then
 * refuses it, rightly), so read again until entries and state agree.
 */
const exportFile = async (id: string, tok: string) => {
  for (let attempt = 0; ; attempt++) {
    const res = await http.get<FacilitatorExport>(`/api/exercises/${id}/export`, tok);
    expect(res.status).toBe(200);
    const r = verifyExport(res.body);
    if (r.ok || r.code !== 'import/wrong_end' || attempt >= 20) return res.body;
    await new Promise((done) => setTimeout(done, 100));
  }
};
const verified = (file: unknown): VerifiedImport => {
  const r = verifyExport(file);
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r;
};

/** Plays the current month to its publication: the DGA acts as its bot would, through its own socket. */
async function playMonth(): Promise<void> {
  const session = server.app.sessions.get(created.exerciseId)!;
  for (const c of botCommands(tutorial, session.current(), 'dga')) await dga.sendFresh(c);
  await dga.sendFresh({ type: 'message', to: 'autoco', text: `month ${session.month}: call me` });
  await fac.until(() => fac.view.teams.every((t) => t.submitted), 'every team submitted');
  expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
  const published = await fac.sendFresh({ type: 'publish' });
  if (!published.ok) throw new Error(published.message);
  await dga.until(() => dga.version >= published.seq, 'the publication reached the DGA');
}

beforeAll(async () => {
  server = await startServer();
  http = new Http(server.url);
  created = await http.create({ scenarioId: 'tutorial', seed: 21, bots: ['autoco', 'army'] });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  dga = await SeatClient.connect(server.url, (await http.join(created.codes.teams.dga!)).token);
  clients.push(fac, dga);
  received.push(structuredClone(dga.current!));
  dga.socket.on('update', () => received.push(structuredClone(dga.current!)));
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  await fac.sendFresh({ type: 'note', kind: 'announcement', text: 'DGA only', team: 'dga' });
  await fac.sendFresh({ type: 'note', kind: 'note', text: 'White cell only' });
  for (let m = 0; m < 3; m++) await playMonth();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
});

describe('fog-of-war replay', () => {
  it('replays, at each version, exactly the view the team received live', async () => {
    const { timeline } = verified(await exportFile(created.exerciseId, token()));
    expect(received.length).toBeGreaterThan(10);
    const audience = { role: 'team', team: 'dga' } as const;
    for (const r of received) {
      const replayed = JSON.parse(JSON.stringify(timeline.viewAt(r.version, audience))) as View;
      expect(canonicalJSON(replayed), `version ${r.version}`).toBe(canonicalJSON(r.view));
    }
    const last = received.at(-1)!;
    expect(last.view.notes.map((n) => n.text)).toEqual(['DGA only']);
    expect(last.view.all).toBeUndefined();
  });
});

describe('fork', () => {
  it('starts a new exercise from the end of a month, with new seats and new dice; it plays on', async () => {
    const res = await http.request<ForkCreated>('POST', `/api/exercises/${created.exerciseId}/fork`, {
      token: token(),
      body: { month: 2, seed: 99, bots: 'all' },
    });
    expect(res.status, res.text).toBe(201);
    const fork = res.body;
    expect(fork).toMatchObject({ forkOf: created.exerciseId, month: 2, seed: 99 });
    expect(fork.exerciseId).not.toBe(created.exerciseId);
    expect(Object.keys(fork.codes.teams).sort()).toEqual(['army', 'autoco', 'dga']);

    const original = await exportFile(created.exerciseId, token());
    const copy = await exportFile(fork.exerciseId, fork.facilitator.token);
    // Same scenario and setup: the same genesis, so the copied prefix keeps its hashes.
    expect(copy.entries.slice(0, fork.fromSeq)).toEqual(original.entries.slice(0, fork.fromSeq));
    // Then the fork's own entries, as the facilitator (its bots may already be playing after them).
    expect(copy.entries.slice(fork.fromSeq, fork.fromSeq + 2).map((e) => e.command)).toEqual([
      { type: 'reseed', seed: 99 },
      { type: 'setBot', team: 'dga', bot: true },
    ]);
    expect(verified(copy).timeline.final.context.game.month).toBe(3);

    const forkFac = await SeatClient.connect(server.url, fork.facilitator.token);
    clients.push(forkFac);
    await forkFac.until(() => forkFac.view.teams.every((t) => t.submitted), 'the fork’s bots submitted');
    expect((await forkFac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await forkFac.sendFresh({ type: 'publish' })).ok).toBe(true);
    expect(forkFac.view.history).toHaveLength(3);
  });

  it('is for the facilitator only', async () => {
    const team = await http.join(created.codes.teams.army!);
    const path = `/api/exercises/${created.exerciseId}/fork`;
    expect((await http.request('POST', path, { token: team.token, body: { month: 1 } })).status).toBe(403);
    expect((await http.request('POST', path, { body: { month: 1 } })).status).toBe(401);
    const bad = await http.request('POST', path, { token: token(), body: { month: 9 } });
    expect(bad.status).toBe(422);
  });
});

describe('look-ahead', () => {
  it('runs trials on worker threads, reports progress, then the spread of outcomes', async () => {
    const path = `/api/exercises/${created.exerciseId}/lookahead`;
    const start = await http.request<LookaheadStatus>('POST', path, {
      token: token(),
      body: { months: 1, seeds: 6 },
    });
    expect(start.status, start.text).toBe(202);
    expect(start.body).toMatchObject({ status: 'running', total: 6, months: 1 });
    let status = start.body;
    const seen = new Set<number>();
    for (let i = 0; i < 600 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await http.get<LookaheadStatus>(`${path}/${start.body.job}`, token())).body;
      seen.add(status.done);
    }
    expect(status.status).toBe('done');
    expect(status.done).toBe(6);
    const front = tutorial.fronts[0]!.id;
    const spread = status.summary![`territory.${front}`]!;
    expect(spread.min).toBeLessThanOrEqual(spread.max);
    expect([...seen].every((d) => d >= 0 && d <= 6)).toBe(true);
  });
});

describe('reports', () => {
  it('serves the printable report, a CSV of KPIs that matches the log, and the log itself', async () => {
    const file = await exportFile(created.exerciseId, token());
    const base = `/api/exercises/${created.exerciseId}/report`;
    const csv = await http.get(`${base}.csv`, token());
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(reportCsv(tutorial, buildReport(tutorial, file.setup, file.entries)));
    const html = await http.get(`${base}.html`, token());
    expect(html.text).toContain('after-action report');
    expect(html.text).not.toContain('call me');
    const json = await http.get(`${base}.json`, token());
    expect(verified(json.body).entries.length).toBe(file.entries.length);
    expect((await http.get(`${base}.csv`)).status).toBe(401);
  });
});

describe('import', () => {
  it('verifies an export and makes it a new exercise with the same chain', async () => {
    const file = await exportFile(created.exerciseId, token());
    const res = await http.request<Imported>('POST', '/api/imports', { body: file });
    expect(res.status, res.text).toBe(201);
    expect(res.body.verified).toMatchObject({ entries: file.entries.length, stateHash: file.stateHash });
    const copy = await exportFile(res.body.exerciseId, res.body.facilitator.token);
    expect(copy.entries).toEqual(file.entries);
    expect(copy.stateHash).toBe(file.stateHash);
  });

  it('refuses a tampered file, naming the first bad entry', async () => {
    const file = await exportFile(created.exerciseId, token());
    const entries = file.entries.toSpliced(4, 2, file.entries[5]!, file.entries[4]!);
    const res = await http.request('POST', '/api/imports', { body: { ...file, entries } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ok: false, code: 'import/broken_chain', index: 4 });
  });
});
