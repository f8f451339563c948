import { afterAll, describe, expect, it } from 'vitest';
import { Autoplay, buildExport, createExercise, hashState, type Imported } from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, tempDir, type TestServer } from './helpers/server.ts';

/**
 * Issue 13 (items 1, 7 and boot time): an exercise's log is folded on a worker thread when it is
 * loaded, never on the event loop, and boot loads only the unfinished exercises that need running
 * unwatched (a deadline armed, bots to play); the others load when first asked for, with the state
 * their log gives.
 */

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

/** A flagship exercise of twelve months played by bots, as an export file. */
function flagshipFile(seed: number) {
  const s = bundled('france-2025');
  const setup = { seed, bots: [] as string[] };
  let t = 1_700_000_000_000;
  const play = new Autoplay(s, createExercise(s, setup), () => (t += 1000)).play(12);
  return {
    file: buildExport(s, setup, play.log, { exerciseId: 'lazy', stateHash: hashState(play.state) }),
    stateHash: hashState(play.state),
  };
}

describe('loading exercises', () => {
  it('boots without the exercises that wait for nothing, and loads each on demand with its log’s state', async () => {
    const dataDir = tempDir();
    let server = await startServer({ dataDir });
    servers.push(server);
    let http = new Http(server.url);
    const { file, stateHash } = flagshipFile(5);
    const imported = await http.request<Imported>('POST', '/api/imports', { body: file });
    expect(imported.status, imported.text).toBe(201);
    // an exercise with a deadline armed: the server must expire it without anyone connecting
    const timed = await http.create({ scenarioId: 'tutorial', seed: 4 });
    const fac = await SeatClient.connect(server.url, timed.facilitator.token);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'setDeadline', at: Date.now() + 3_600_000 })).ok).toBe(true);
    fac.close();
    // one nobody started: waits for nothing
    const idle = await http.create({ scenarioId: 'tutorial', seed: 6 });
    await server.close();
    servers.pop();

    server = await startServer({ dataDir });
    servers.push(server);
    http = new Http(server.url);
    expect(await server.app.booted).toBe(1);
    const sessions = server.app.sessions;
    expect(sessions.loaded(timed.exerciseId)).toBeDefined();
    expect(sessions.loaded(imported.body.exerciseId)).toBeUndefined();
    expect(sessions.loaded(idle.exerciseId)).toBeUndefined();

    const summary = await http.get<{ exercise: { month: number } }>(
      `/api/exercises/${imported.body.exerciseId}`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body.exercise.month).toBe(13);
    expect(hashState(sessions.loaded(imported.body.exerciseId)!.current())).toBe(stateHash);
  });

  it('folds a log on a worker: other exercises are answered while a big one loads', async () => {
    const dataDir = tempDir();
    let server = await startServer({ dataDir });
    servers.push(server);
    let http = new Http(server.url);
    const { file } = flagshipFile(9);
    const imported = await http.request<Imported>('POST', '/api/imports', { body: file });
    expect(imported.status, imported.text).toBe(201);
    const other = await http.create({ scenarioId: 'tutorial', seed: 2 });
    await server.close();
    servers.pop();

    server = await startServer({ dataDir });
    servers.push(server);
    http = new Http(server.url);
    const fac = await SeatClient.connect(server.url, other.facilitator.token);
    const order: string[] = [];
    const loading = server.app.sessions.open(imported.body.exerciseId).then((s) => {
      order.push('loaded');
      return s;
    });
    // On the event loop, the fold of twelve flagship months would run before this command is read.
    const ack = await fac.send({ type: 'startPlanning' });
    order.push('acked');
    expect(ack.ok).toBe(true);
    expect(await loading).toBeDefined();
    expect(order).toEqual(['acked', 'loaded']);
    fac.close();
  });
});
