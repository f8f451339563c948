import { afterEach, describe, expect, it } from 'vitest';
import type {
  CreatedExercise,
  DraftCounts,
  FacilitatorExport,
  PresenceEntry,
} from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { sleep, TestCluster } from './helpers/cluster.ts';

/**
 * Two nodes: presence is summed over the nodes (and forgets a node that dies), and an exercise nobody
 * watches anywhere is let go by its owner with its lease, then loads again on demand to the same state.
 */

const LEASE_MS = 3000;
let cluster: TestCluster | null = null;
const clients: SeatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
});

async function connect(url: string, token: string): Promise<SeatClient> {
  const c = await SeatClient.connect(url, token);
  clients.push(c);
  return c;
}

/** The facilitator's presence as a fresh sync on `client`'s node answers it: connections by token. */
async function presenceOn(client: SeatClient): Promise<Map<string, number>> {
  const res = (await client.resync()) as unknown as { ok: boolean; presence?: PresenceEntry[] };
  if (!res.ok || !res.presence) throw new Error(`sync refused: ${JSON.stringify(res)}`);
  return new Map(res.presence.map((p) => [p.tokenId, p.connections]));
}

/** The facilitator's unsent-draft counts per team as a fresh sync on `client`'s node answers them. */
async function draftsOn(client: SeatClient): Promise<Record<string, number>> {
  const res = (await client.resync()) as unknown as { ok: boolean; drafts?: DraftCounts };
  if (!res.ok || !res.drafts) throw new Error(`sync refused: ${JSON.stringify(res)}`);
  return res.drafts.teams;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function exerciseOn(c: TestCluster): Promise<{ created: CreatedExercise; team: string }> {
  const http = new Http(c.nodes[0]!.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 5 });
  const code = Object.values(created.codes.teams)[0]!;
  return { created, team: (await http.join(code)).token };
}

describe('two nodes: presence and unloading', () => {
  it('the facilitator sees the seats of both nodes, on either node, and forgets a node that dies', async () => {
    cluster = await TestCluster.start(2, { leaseMs: LEASE_MS });
    const { created, team } = await exerciseOn(cluster);
    const fac = created.facilitator;
    const facA = await connect(cluster.nodes[0]!.url, fac.token);
    const facB = await connect(cluster.nodes[1]!.url, fac.token);
    await connect(cluster.nodes[1]!.url, team);
    // On either node: the facilitator's token has two sockets (one per node), the team's one (on B).
    const counted = (p: Map<string, number>) =>
      Math.max(...p.values()) === 2 && [...p.values()].filter((n) => n === 1).length === 1;
    for (const on of [facA, facB])
      await until('both nodes counted', async () => counted(await presenceOn(on)));
    const teamToken = [...(await presenceOn(facA)).entries()].find(([, n]) => n === 1)![0];

    // The node without the exercise dies: its sockets leave the owner's count within three beats.
    const owner = await cluster.waitOwner(created.exerciseId);
    const survivor = [facA, facB][owner]!;
    await cluster.kill(1 - owner);
    await until('the dead node forgotten', async () => {
      const p = await presenceOn(survivor);
      return Math.max(...p.values()) === 1 && (owner === 1 ? p.get(teamToken) === 1 : !p.get(teamToken));
    });
  }, 120_000);

  it('a team’s draft count reported through the other node goes once its last socket there closes', async () => {
    cluster = await TestCluster.start(2, { leaseMs: LEASE_MS });
    const { created, team } = await exerciseOn(cluster);
    const owner = await cluster.waitOwner(created.exerciseId);
    const other = 1 - owner;
    const fac = await connect(cluster.nodes[owner]!.url, created.facilitator.token);
    // two devices of the team, both on the node that does not run the exercise
    const first = await connect(cluster.nodes[other]!.url, team);
    const second = await connect(cluster.nodes[other]!.url, team);
    const ack = (await first.socket.timeout(10_000).emitWithAck('draft', { count: 2 } as never)) as {
      ok: boolean;
    };
    expect(ack.ok).toBe(true);
    await until('the count on the owner', async () => Object.values(await draftsOn(fac)).includes(2));
    const [teamId] = Object.entries(await draftsOn(fac)).find(([, n]) => n === 2)!;

    // One device closes: the token still has a socket, so its count stays.
    const teamSockets = async () => {
      const res = (await fac.resync()) as unknown as { presence?: PresenceEntry[] };
      return res.presence?.find((p) => p.seat === `team:${teamId}`)?.connections;
    };
    expect(await teamSockets()).toBe(2);
    first.close();
    await until('one socket left', async () => (await teamSockets()) === 1);
    expect((await draftsOn(fac))[teamId]).toBe(2);
    // The last one closes on that node: the owner forgets the count.
    second.close();
    await until('the count forgotten', async () => (await draftsOn(fac))[teamId] === undefined);
  }, 120_000);

  it('an exercise nobody watches is let go with its lease and loads again to the same state', async () => {
    cluster = await TestCluster.start(2, { leaseMs: LEASE_MS, env: { IDLE_SWEEP_MS: '300' } });
    const { created, team } = await exerciseOn(cluster);
    const id = created.exerciseId;
    const fac = await connect(cluster.nodes[0]!.url, created.facilitator.token);
    const player = await connect(cluster.nodes[1]!.url, team);
    const ack = await fac.send({ type: 'message', to: 'all', text: 'before the break' });
    expect(ack.ok).toBe(true);
    const http = new Http(cluster.nodes[1]!.url);
    const before = (
      await http.get<FacilitatorExport>(`/api/exercises/${id}/export`, created.facilitator.token)
    ).body;
    expect(await cluster.ownerOf(id)).toBeGreaterThanOrEqual(0);

    // Watched on one node only (the player's): still held.
    fac.close();
    await sleep(1500);
    expect(await cluster.ownerOf(id)).toBeGreaterThanOrEqual(0);
    // Nobody anywhere: the owner lets it go and gives its lease up (no scan takes a dormant one back).
    player.close();
    await until('the lease given up', async () => (await cluster!.ownerOf(id)) === -1);
    await sleep(1500);
    expect(await cluster.ownerOf(id)).toBe(-1);

    // Asked for again, on the other node: loaded there to the same state.
    const again = (
      await new Http(cluster.nodes[0]!.url).get<FacilitatorExport>(
        `/api/exercises/${id}/export`,
        created.facilitator.token,
      )
    ).body;
    expect(again.stateHash).toBe(before.stateHash);
    expect(again.entries).toEqual(before.entries);
    expect(await cluster.ownerOf(id)).toBeGreaterThanOrEqual(0);
    const back = await connect(cluster.nodes[1]!.url, team);
    expect(back.version).toBeGreaterThan(0);
  }, 120_000);
});
