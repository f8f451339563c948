import { afterAll, describe, expect, it } from 'vitest';
import { hashState, replay } from '@arsenal/shared';
import { verifyChain, type FacilitatorExport } from '@arsenal/shared/protocol';
import { inlineWriter } from '../../server/src/store/writer.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { BACKENDS, dropPgDatabases, newPlace } from './helpers/backends.ts';
import { startServer } from './helpers/server.ts';

/**
 * When the store refuses a batch (disk full, I/O error), its commands are refused with
 * `server/internal`, nothing of them is published or kept in memory, and play resumes once the store
 * works again: the same command ids then apply once.
 */

let failing = false;
afterAll(dropPgDatabases);

describe.each(BACKENDS)('a store that refuses a batch (%s)', (backend) => {
  it('refuses its commands, rolls them back in memory, and lets play resume', async () => {
    const server = await startServer({
      ...(await newPlace(backend)),
      writer: (store) => {
        const inner = inlineWriter(store);
        return {
          write: (writes) => (failing ? Promise.reject(new Error('disk full')) : inner.write(writes)),
          close: () => inner.close(),
        };
      },
    });
    const http = new Http(server.url);
    const created = await http.create({ scenarioId: 'tutorial', seed: 6 });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    const dga = await SeatClient.connect(server.url, (await http.join(created.codes.teams.dga!)).token);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    await dga.until(() => dga.view.phase === 'planning', 'planning');
    const session = server.app.sessions.get(created.exerciseId)!;
    const before = { seq: session.lastSeq, hash: hashState(session.current()), facVersion: fac.version };

    failing = true;
    const acks = await Promise.all([
      fac.send({ type: 'message', to: 'autoco', text: 'lost' }, { id: 'm1' }),
      dga.send({ type: 'submitOrders', orders: [] }, { id: 'o1' }),
    ]);
    expect(acks.map((a) => !a.ok && a.code)).toEqual(['server/internal', 'server/internal']);
    expect(session.lastSeq).toBe(before.seq);
    expect(hashState(session.current())).toBe(before.hash);
    const synced = await fac.resync();
    expect(synced.ok && synced.view.messages).toEqual([]);
    expect(fac.version).toBe(before.facVersion);
    expect(server.logs.some((l) => l.includes('storing a batch failed'))).toBe(true);

    failing = false;
    expect((await fac.send({ type: 'message', to: 'autoco', text: 'kept' }, { id: 'm1' })).ok).toBe(true);
    expect((await dga.sendFresh({ type: 'submitOrders', orders: [] })).ok).toBe(true);
    await fac.until(() => fac.view.messages.length === 1, 'the message is in');
    expect(fac.view.messages[0]!.text).toBe('kept');

    const exported = (
      await http.get<FacilitatorExport>(
        `/api/exercises/${created.exerciseId}/export`,
        created.facilitator.token,
      )
    ).body;
    expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
    expect(exported.entries.map((e) => e.command.type)).toEqual(['startPlanning', 'message', 'submitOrders']);
    expect(hashState(replay(exported.scenario, exported.setup, exported.entries))).toBe(exported.stateHash);
    fac.close();
    dga.close();
    await server.close();
  });
});
