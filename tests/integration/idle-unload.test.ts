import { afterAll, describe, expect, it } from 'vitest';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { BACKENDS, dropPgDatabases, newPlace } from './helpers/backends.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer } from './helpers/server.ts';

afterAll(() => dropPgDatabases());

describe.each(BACKENDS)('one node on %s: idle exercises', (backend) => {
  it('an exercise nobody watches is unloaded at the second sweep and loads again to the same state', async () => {
    const place = await newPlace(backend);
    const server = await startServer({
      dataDir: place.dataDir,
      databaseUrl: place.databaseUrl,
      config: { recoveryWindowMs: 0 },
    });
    try {
      const http = new Http(server.url);
      const created = await http.create({ scenarioId: 'tutorial', seed: 2 });
      const id = created.exerciseId;
      const fac = await SeatClient.connect(server.url, created.facilitator.token);
      expect((await fac.send({ type: 'message', to: 'all', text: 'hello' })).ok).toBe(true);
      const path = `/api/exercises/${id}/export`;
      const before = (await http.get<FacilitatorExport>(path, created.facilitator.token)).body;
      // watched: kept (a closed socket's audience lingers 10 s past the recovery window, then two sweeps)
      server.app.sessions.sweep();
      expect(server.app.sessions.sweep()).toBe(0);
      expect(server.app.sessions.loaded(id)).toBeDefined();
      fac.close();
      let evicted = 0;
      for (let i = 0; i < 300 && !evicted; i++) {
        await new Promise((r) => setTimeout(r, 100));
        evicted = server.app.sessions.sweep();
      }
      expect(evicted).toBe(1);
      expect(server.app.sessions.loaded(id)).toBeUndefined();
      const again = (await http.get<FacilitatorExport>(path, created.facilitator.token)).body;
      expect(server.app.sessions.loaded(id)).toBeDefined();
      expect(again.stateHash).toBe(before.stateHash);
      expect(again.entries).toEqual(before.entries);
      const back = await SeatClient.connect(server.url, created.facilitator.token);
      expect(back.version).toBe(fac.version);
      back.close();
    } finally {
      await server.close();
    }
  }, 90_000);
});
