import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashState, replay, type Scenario } from '@arsenal/shared';
import { verifyChain, type FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { Http } from './helpers/http.ts';
import { playMonths, seatEveryone } from './helpers/play.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let server: TestServer;
let http: Http;

beforeAll(async () => {
  // Commits on the writer thread here (the other files use the default, on the event loop).
  server = await startServer({ config: { logWriter: 'thread' } });
  http = new Http(server.url);
});
afterAll(() => server.close());

async function playAndCheck(scenarioId: 'tutorial' | 'france-2025', months: number) {
  const scenario: Scenario = bundled(scenarioId);
  const created = await http.create({ scenarioId: scenario.meta.id, seed: 42 });
  const table = await seatEveryone(http, server.url, created, scenario);
  try {
    await playMonths(http, table, months);
    const fac = table.facilitator;
    if (fac.view.phase !== 'finished') {
      expect((await fac.sendFresh({ type: 'end' })).ok).toBe(true);
      await fac.until(() => fac.view.phase === 'finished', 'finished');
    }
    const res = await http.get<FacilitatorExport>(
      `/api/exercises/${created.exerciseId}/export`,
      created.facilitator.token,
    );
    const exported = res.body;
    expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
    const replayed = replay(exported.scenario, exported.setup, exported.entries);
    expect(replayed.phase).toBe('finished');
    expect(hashState(replayed)).toBe(exported.stateHash);
    const live = server.app.sessions.get(created.exerciseId)!;
    expect(hashState(live.current())).toBe(hashState(replayed));
    // Every team's socket view matches what the engine says that team sees now.
    for (const [team, client] of table.teams) {
      await client.until(() => client.view.phase === 'finished', `${team} sees the end`);
      const fresh = await client.resync();
      expect(fresh.ok && fresh.view).toEqual(client.view);
    }
    return { exported, months: replayed.context.game.month - 1 };
  } finally {
    table.close();
  }
}

describe('bots play whole exercises over sockets', () => {
  it('plays the tutorial to the end; the final hash equals a replay of the stored log', async () => {
    const scenario = bundled('tutorial');
    const { months } = await playAndCheck('tutorial', scenario.meta.turns);
    expect(months).toBe(scenario.meta.turns);
  });

  it('plays six months of the flagship; the final hash equals a replay of the stored log', async () => {
    const { months, exported } = await playAndCheck('france-2025', 6);
    expect(months).toBe(6);
    expect(exported.entries.some((e) => e.command.type === 'submitOrders')).toBe(true);
  });
});
