import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botCommands, hashState, replay, type Scenario } from '@arsenal/shared';
import { decodeUpdate, verifyChain, type CommandAck, type FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { nextId, SeatClient, type CommandInput } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { Mirror, type Table } from '../integration/helpers/play.ts';
import { sleep, startHaproxy, TestCluster } from './helpers/cluster.ts';

// Short leases so that a takeover takes seconds: a dead owner's exercise moves within LEASE_MS + a scan.
const LEASE_MS = 1500;

let cluster: TestCluster;
let lb: Awaited<ReturnType<typeof startHaproxy>>;
let http: Http;

beforeAll(async () => {
  cluster = await TestCluster.start(3, { leaseMs: LEASE_MS });
  lb = await startHaproxy(cluster.nodes);
  http = new Http(lb.url);
}, 180_000);
afterAll(async () => {
  await lb?.stop();
  await cluster?.close();
});

/** Every command the cluster acknowledged, by its id: what must be stored, once each. */
const acked = new Map<string, number>();

/**
 * Sends a command until it is answered for good, always under the same id, as the client does: a
 * timeout or `server/busy` (the owner died or is moving) is retried; a conflict resyncs first.
 */
async function sure(client: SeatClient, command: CommandInput): Promise<CommandAck> {
  const id = nextId('f');
  for (let attempt = 0; attempt < 120; attempt++) {
    let ack: CommandAck;
    try {
      ack = await client.send(command, { id, expectedVersion: client.version });
    } catch {
      continue;
    }
    if (ack.ok) {
      acked.set(id, ack.seq);
      return ack;
    }
    if (ack.code === 'server/busy' || ack.code === 'server/internal') {
      await sleep(200);
      continue;
    }
    if (ack.code === 'session/conflict') {
      await client.resync().catch(() => undefined);
      continue;
    }
    return ack;
  }
  throw new Error(`${command.type} never answered`);
}

/** Versions an update carries never drop below what the client already had. */
function watchVersions(client: SeatClient, backwards: string[], who: string): void {
  let highest = 0;
  client.socket.on('update', (text) => {
    const u = decodeUpdate(text);
    if (!u) return;
    if (u.version < highest) backwards.push(`${who}: ${u.version} after ${highest}`);
    highest = Math.max(highest, u.version);
  });
}

async function table(scenario: Scenario): Promise<Table> {
  const created = await http.create({ scenarioId: scenario.meta.id, seed: 11 });
  const facilitator = await SeatClient.connect(lb.url, created.facilitator.token);
  const teams = new Map<string, SeatClient>();
  const tokens = new Map<string, string>();
  for (const t of scenario.teams) {
    const joined = await http.join(created.codes.teams[t.id]!, `player ${t.id}`);
    tokens.set(t.id, joined.token);
    teams.set(t.id, await SeatClient.connect(lb.url, joined.token));
  }
  const close = () => {
    facilitator.close();
    for (const c of teams.values()) c.close();
  };
  return { created, scenario, facilitator, teams, tokens, close };
}

/** A seeded choice of points (command counts) at which the owner is killed. */
function killPoints(seed: number, count: number, span: number): Set<number> {
  let x = seed;
  const points = new Set<number>();
  while (points.size < count) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    points.add(2 + (x % span));
  }
  return points;
}

describe('failover', () => {
  it('survives the owner SIGKILLed at six points of play: acked once each, chain whole, play finishes', async () => {
    acked.clear();
    const scenario = bundled('france-2025');
    const t = await table(scenario);
    const id = t.created.exerciseId;
    const backwards: string[] = [];
    watchVersions(t.facilitator, backwards, 'facilitator');
    for (const [team, c] of t.teams) watchVersions(c, backwards, team);
    const points = killPoints(20_251_201, 6, 40);
    let sent = 0;
    const kills: number[] = [];
    const maybeKill = async () => {
      if (!points.has(++sent)) return;
      const owner = await cluster.waitOwner(id);
      await cluster.kill(owner);
      kills.push(owner);
      // Another node takes over while the dead one restarts (new process, new node id, same port).
      await cluster.waitOwner(id, owner);
      await cluster.restart(owner);
    };
    const mirror = new Mirror(http, t);
    const fac = t.facilitator;
    try {
      for (let month = 0; month < 3; month++) {
        if (month === 0) expect((await sure(fac, { type: 'startPlanning' })).ok).toBe(true);
        await fac.until(() => fac.view.phase === 'planning', 'planning', 60_000);
        for (const [team, client] of t.teams) {
          const { state } = await mirror.refresh();
          for (const command of botCommands(scenario, state, team)) {
            await sure(client, command);
            await maybeKill();
          }
        }
        expect((await sure(fac, { type: 'adjudicate' })).ok).toBe(true);
        await maybeKill();
        await fac.until(() => fac.view.phase === 'review', 'review', 60_000);
        expect((await sure(fac, { type: 'publish' })).ok).toBe(true);
        await fac.until(() => fac.view.phase !== 'review', 'next month', 60_000);
      }
      expect(kills.length).toBeGreaterThanOrEqual(5);
      if (fac.view.phase !== 'finished') expect((await sure(fac, { type: 'end' })).ok).toBe(true);
      await fac.until(() => fac.view.phase === 'finished', 'finished', 60_000);

      // Every acknowledged command is stored exactly once, at the seq its ack named.
      const rows = await cluster.query<{ client_id: string; seq: number }>(
        'SELECT client_id, seq FROM log WHERE exercise_id = $1',
        [id],
      );
      const stored = new Map<string, number[]>();
      for (const r of rows) stored.set(r.client_id, [...(stored.get(r.client_id) ?? []), r.seq]);
      for (const [clientId, seq] of acked) expect(stored.get(clientId)).toEqual([seq]);
      const exported = (
        await http.get<FacilitatorExport>(`/api/exercises/${id}/export`, t.created.facilitator.token)
      ).body;
      expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
      expect(exported.entries).toHaveLength(rows.length);
      expect(hashState(replay(exported.scenario, exported.setup, exported.entries))).toBe(exported.stateHash);
      expect(backwards).toEqual([]);
    } finally {
      t.close();
    }
  }, 600_000);

  it('never lets a paused owner append after its lease moved', async () => {
    const created = await http.create({ scenarioId: 'tutorial', seed: 5 });
    const id = created.exerciseId;
    const owner = await cluster.waitOwner(id);
    const other = cluster.nodes.find((n) => n.index !== owner && n.alive)!;
    // One socket on the owner itself, one on another node.
    const onOwner = await SeatClient.connect(cluster.nodes[owner]!.url, created.facilitator.token);
    const elsewhere = await SeatClient.connect(other.url, created.facilitator.token);
    try {
      await cluster.kill(owner, 'SIGSTOP');
      // Sent to the paused owner: it sits in the socket until the process runs again.
      const late = onOwner.send({ type: 'message', to: 'all', text: 'sent to the paused owner' });
      const next = await cluster.waitOwner(id, owner);
      const ack = await sure(elsewhere, { type: 'startPlanning' });
      expect(ack.ok).toBe(true);
      await cluster.kill(owner, 'SIGCONT');
      const lateAck = await late.catch(() => null);
      const rows = await cluster.query<{ seq: number; command: string }>(
        'SELECT seq, command FROM log WHERE exercise_id = $1 ORDER BY seq',
        [id],
      );
      // The paused node stored nothing under its old lease: its late command was either refused or
      // forwarded to the new owner and stored there, once, after the takeover's first command.
      const lateRows = rows.filter((r) => r.command.includes('sent to the paused owner'));
      if (lateAck?.ok) expect(lateRows.map((r) => r.seq)).toEqual([lateAck.seq]);
      else expect(lateRows).toEqual([]);
      expect(rows[0]!.command).toContain('startPlanning');
      expect(await cluster.ownerOf(id)).toBe(next);
      const exported = (
        await http.get<FacilitatorExport>(`/api/exercises/${id}/export`, created.facilitator.token)
      ).body;
      expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
      expect(exported.entries).toHaveLength(rows.length);
    } finally {
      onOwner.close();
      elsewhere.close();
    }
  }, 120_000);
});
