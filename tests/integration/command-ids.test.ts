import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, dropPgDatabases, newPlace } from './helpers/backends.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Command ids: a retry of a stored id gets the stored ack and stores nothing, in the same process (the
 * session knows the id was used without asking the store) and after a restart (it learns the ids from
 * the log); the same id with another command is refused.
 */

const servers: TestServer[] = [];
const clients: SeatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(dropPgDatabases);

describe.each(BACKENDS)('command ids (%s)', (backend) => {
  it('answer a retry with the stored ack, before and after a restart, and refuse a reused id', async () => {
    const place = await newPlace(backend);
    const first = await startServer(place);
    servers.push(first);
    const created = await new Http(first.url).create({ scenarioId: 'tutorial', seed: 4 });
    const fac = await SeatClient.connect(first.url, created.facilitator.token);
    clients.push(fac);
    const message = { type: 'message', to: 'all', text: 'once' } as const;
    const ack = await fac.send(message, { id: 'retry-me' });
    expect(ack).toMatchObject({ ok: true });
    const session = () => servers.at(-1)!.app.sessions.get(created.exerciseId)!;
    const seq = session().lastSeq;

    expect(await fac.send(message, { id: 'retry-me' })).toEqual(ack);
    expect(session().lastSeq).toBe(seq);
    expect(await fac.send({ ...message, text: 'twice' }, { id: 'retry-me' })).toMatchObject({
      ok: false,
      code: 'input/bad_payload',
    });
    expect(session().lastSeq).toBe(seq);

    fac.close();
    await first.close();
    servers.pop();
    const second = await startServer(place);
    servers.push(second);
    const again = await SeatClient.connect(second.url, created.facilitator.token);
    clients.push(again);
    expect(await again.send(message, { id: 'retry-me' })).toEqual(ack);
    expect(session().lastSeq).toBe(seq);
    expect((await again.send({ ...message, text: 'new' }, { id: 'fresh-id' })).ok).toBe(true);
    expect(session().lastSeq).toBe(seq + 1);
    expect(again.view.messages.map((m) => m.text)).toEqual(['once', 'new']);
  });
});
