import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExercise, hashState, replay, applyCommand, type Scenario } from '@arsenal/shared';
import { verifyChain, type FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { playMonths, seatEveryone, type Table } from '../integration/helpers/play.ts';
import { startHaproxy, TestCluster } from './helpers/cluster.ts';

// Three nodes behind HAProxy (started from the shipped server/deploy/haproxy.cfg), one PostgreSQL, one Redis.
let cluster: TestCluster;
let lb: Awaited<ReturnType<typeof startHaproxy>>;
let http: Http;

beforeAll(async () => {
  cluster = await TestCluster.start(3);
  lb = await startHaproxy(cluster.nodes);
  http = new Http(lb.url);
}, 180_000);
afterAll(async () => {
  await lb?.stop();
  await cluster?.close();
});

/** Seats the facilitator behind the load balancer and each team on a node of its own, round robin. */
async function spreadTable(scenario: Scenario, seed: number): Promise<Table> {
  const created = await http.create({ scenarioId: scenario.meta.id, seed });
  return seatEveryone(http, lb.url, created, scenario, (i) => cluster.nodes[i % cluster.nodes.length]!.url);
}

describe('three nodes behind HAProxy', () => {
  it('plays flagship exercises with clients on every node; views and the stored log agree', async () => {
    const scenario = bundled('france-2025');
    const tables = await Promise.all([spreadTable(scenario, 7), spreadTable(scenario, 8)]);
    try {
      // The exercises are owned by nodes, and the teams of each sit on all three.
      for (const t of tables) expect(await cluster.ownerOf(t.created.exerciseId)).toBeGreaterThanOrEqual(0);
      await Promise.all(tables.map((t) => playMonths(http, t, 2)));

      for (const t of tables) {
        const id = t.created.exerciseId;
        const fac = t.facilitator;
        const exported = (
          await http.get<FacilitatorExport>(`/api/exercises/${id}/export`, t.created.facilitator.token)
        ).body;
        expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
        // The log as PostgreSQL holds it, folded here, gives the state the owner exported.
        const rows = await cluster.query<{ seq: number; at: string; actor: string; command: string }>(
          'SELECT seq, at, actor, command FROM log WHERE exercise_id = $1 ORDER BY seq',
          [id],
        );
        let state = createExercise(scenario, exported.setup);
        for (const r of rows) {
          const res = applyCommand(scenario, state, {
            seq: r.seq,
            at: Number(r.at),
            actor: JSON.parse(r.actor),
            command: JSON.parse(r.command),
          });
          if (!res.ok) throw new Error(`stored command ${r.seq} does not apply: ${res.code}`);
          state = res.state;
        }
        expect(hashState(state)).toBe(exported.stateHash);
        expect(hashState(replay(exported.scenario, exported.setup, exported.entries))).toBe(
          exported.stateHash,
        );
        // Every client's view, kept up to date by the updates it received, equals a fresh join's.
        const last = rows[rows.length - 1]!.seq;
        for (const [team, client] of [['facilitator', fac] as const, ...t.teams]) {
          const token = team === 'facilitator' ? t.created.facilitator.token : t.tokens.get(team)!;
          const fresh = await SeatClient.connect(lb.url, token);
          try {
            await client.until(() => client.version >= fresh.version, `${team} catches up`);
            expect(fresh.sync?.seq ?? last).toBe(last);
            expect(client.view).toEqual(fresh.view);
          } finally {
            fresh.close();
          }
        }
      }
    } finally {
      for (const t of tables) t.close();
    }
  }, 300_000);

  it('answers readiness on every node and forwards HTTP requests to the owner', async () => {
    for (const n of cluster.nodes) {
      const res = await fetch(`${n.url}/api/ready`);
      expect(res.status).toBe(200);
    }
    const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
    // The first node that needs it, or the first scan for unowned exercises, takes it.
    const owner = await cluster.waitOwner(created.exerciseId);
    for (const n of cluster.nodes) {
      const res = await new Http(n.url).get<{ ok: boolean; exercise: { phase: string } }>(
        `/api/exercises/${created.exerciseId}`,
        created.facilitator.token,
      );
      expect(res.status).toBe(200);
      expect(res.body.exercise.phase).toBe('lobby');
    }
    // Nobody else took it: the HTTP requests reached the owner.
    expect(await cluster.ownerOf(created.exerciseId)).toBe(owner);
  });
});
