import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Audiences whose update is the same text (same base version, same patch) share one socket.io packet:
 * encoded once, kept once for connection recovery. Audiences with a different update get their own,
 * and an audience the command does not concern gets nothing. The adapter's `broadcast` is wrapped to
 * record what the server asked socket.io to send (it still sends it).
 */

let server: TestServer;
const broadcasts: { rooms: string[]; event: unknown; text: unknown }[] = [];

beforeAll(async () => {
  server = await startServer();
  const adapter = server.app.io.of('/').adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const [event, text] = packet.data as unknown[];
    broadcasts.push({ rooms: [...opts.rooms].map(String), event, text });
    broadcast(packet, opts);
  };
});
afterAll(() => server.close());

const syncs = (c: SeatClient) => c.received.filter((p) => p.startsWith('["ack:sync"')).length;

async function seatedExercise() {
  const http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
  const join = async (code: string) => SeatClient.connect(server.url, (await http.join(code)).token);
  const seats = {
    facilitator: await SeatClient.connect(server.url, created.facilitator.token),
    dga: await join(created.codes.teams.dga!),
    autoco: await join(created.codes.teams.autoco!),
    army: await join(created.codes.teams.army!),
    observer: await join(created.codes.observer),
    display: await join(created.codes.display),
  };
  const room = (seat: string) => `x:${created.exerciseId}:${seat}`;
  return { created, seats, room, clients: Object.values(seats) };
}

/** The `update` packets recorded (presence and other events left out). */
const updates = () => broadcasts.filter((b) => b.event === 'update');
const updatesOf = (room: string) => updates().filter((b) => b.rooms.includes(room));

describe('shared updates', () => {
  it('a message to everyone is one packet for every audience; a private one reaches only its audiences', async () => {
    const { seats, room, clients } = await seatedExercise();
    const all = ['facilitator', 'team:dga', 'team:autoco', 'team:army', 'observer', 'display'].map(room);

    broadcasts.length = 0;
    expect((await seats.facilitator.send({ type: 'message', to: 'all', text: 'all hands' })).ok).toBe(true);
    for (const c of clients) await c.until(() => c.view.messages.length === 1, 'the message to all');
    const shared = updates();
    expect(shared).toHaveLength(1);
    expect(shared[0]!.rooms.sort()).toEqual([...all].sort());

    broadcasts.length = 0;
    expect((await seats.dga.send({ type: 'message', to: 'autoco', text: 'a private offer' })).ok).toBe(true);
    for (const c of [seats.facilitator, seats.observer, seats.dga, seats.autoco])
      await c.until(() => c.view.messages.length === 2, 'the private message');
    // Those who see it had the same view before (same version, same messages): the same patch, one packet.
    const seen = ['facilitator', 'observer', 'team:dga', 'team:autoco'].map(room);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.rooms.sort()).toEqual(seen.sort());
    expect(JSON.stringify(updates()[0]!.text)).toContain('a private offer');
    expect(seats.army.view.messages).toHaveLength(1);
    expect(seats.display.view.messages).toHaveLength(1);

    broadcasts.length = 0;
    expect((await seats.dga.send({ type: 'message', to: 'army', text: 'a word for the army' })).ok).toBe(
      true,
    );
    await seats.army.until(() => seats.army.view.messages.length === 2, 'the army message');
    await seats.facilitator.until(() => seats.facilitator.view.messages.length === 3, 'the army message');
    // The army's view was last changed earlier and holds fewer messages: a patch of its own.
    expect(updates().map((b) => b.rooms.sort())).toEqual([
      ['facilitator', 'observer', 'team:dga'].map(room).sort(),
      [room('team:army')],
    ]);
    expect(updatesOf(room('team:autoco'))).toHaveLength(0);
    expect(updatesOf(room('display'))).toHaveLength(0);
    for (const c of clients) c.close();
  });

  it('a client that missed a shared packet gets it back through connection-state recovery', async () => {
    const { seats, clients } = await seatedExercise();
    const { autoco, facilitator } = seats;
    // A first update gives autoco an offset to recover from.
    expect((await facilitator.send({ type: 'message', to: 'all', text: 'one' })).ok).toBe(true);
    await autoco.until(() => autoco.view.messages.length === 1, 'first message');
    const before = syncs(autoco);

    const reconnected = new Promise<void>((resolve) => autoco.socket.once('connect', () => resolve()));
    autoco.socket.io.engine.close();
    expect((await facilitator.send({ type: 'message', to: 'all', text: 'two' })).ok).toBe(true);
    expect((await facilitator.send({ type: 'message', to: 'autoco', text: 'three' })).ok).toBe(true);
    await reconnected;
    await autoco.until(() => autoco.view.messages.length === 3, 'the missed messages');
    expect(autoco.socket.recovered).toBe(true);
    // Replayed from the kept packets, not fetched again as a whole view.
    expect(syncs(autoco)).toBe(before);
    expect(autoco.view.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    for (const c of clients) c.close();
  });

  it('a batch of commands is one update per audience, not one per command', async () => {
    const { seats, room, clients } = await seatedExercise();
    const { dga, observer } = seats;
    broadcasts.length = 0;
    // 20 messages written at once reach the server together and are stored in one or two batches
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dga.send({ type: 'message', to: 'facilitator', text: `batch ${i}` }, { expectedVersion: 0 }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    for (const c of [dga, observer]) await c.until(() => c.view.messages.length === 20, 'the 20 messages');
    expect(updatesOf(room('team:dga')).length).toBeLessThan(10);
    expect(updatesOf(room('observer')).length).toBeLessThan(10);
    // the last update's version is the last ack's, and the views equal fresh ones
    const last = Math.max(...acks.map((a) => (a.ok ? a.version : 0)));
    expect(dga.version).toBe(last);
    const view = dga.view;
    expect((await dga.resync()).ok).toBe(true);
    expect(dga.view).toEqual(view);
    expect(observer.view.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `batch ${i}`),
    );
    for (const c of clients) c.close();
  });
});
