import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createExercise, hashState, replay, applyCommand, type Scenario } from '@arsenal/shared';
import { verifyChain, type FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { playMonths, type Table } from '../integration/helpers/play.ts';
import { REDIS_URL, sleep, startHaproxy, TestCluster } from './helpers/cluster.ts';

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

/**
 * How a client reaches the balancer: long-polling only (every packet its own HTTP request, which the
 * sticky cookie must bring to the node holding the session), WebSocket only, or polling first and
 * then upgraded to a WebSocket (socket.io's default, a browser's).
 */
type Transport = 'polling' | 'websocket' | 'upgrade';
const TRANSPORTS: Record<Transport, string[]> = {
  polling: ['polling'],
  websocket: ['websocket'],
  upgrade: ['polling', 'websocket'],
};
const KINDS: Transport[] = ['polling', 'websocket', 'upgrade'];

/** A client through the balancer; polling ones keep its cookie as a browser does. */
function throughLb(token: string, transport: Transport): Promise<SeatClient> {
  return SeatClient.connect(lb.url, token, {
    transports: TRANSPORTS[transport],
    withCredentials: transport !== 'websocket',
  });
}

/** The node HAProxy's sticky cookie pins a client to (`node1`…), if it holds one. */
function stickyNode(client: SeatClient): string | undefined {
  const engine = client.socket.io.engine as unknown as {
    _cookieJar?: { cookies: Iterable<[string, { value: string }]> };
  };
  for (const [name, cookie] of engine._cookieJar?.cookies ?? [])
    if (name === 'ARSENAL_NODE') return cookie.value;
  return undefined;
}

/** The transport a client's connection runs on now. */
const transportName = (client: SeatClient) => client.socket.io.engine.transport.name;

/**
 * Seats a whole table behind the load balancer, the facilitator and every team on a transport of the
 * three in turn (starting at `first`): the balancer spreads them over the nodes.
 */
async function tableBehindLb(
  scenario: Scenario,
  seed: number,
  first: number,
): Promise<{ table: Table; transports: Map<SeatClient, Transport> }> {
  const created = await http.create({ scenarioId: scenario.meta.id, seed });
  const transports = new Map<SeatClient, Transport>();
  const kind = (i: number) => KINDS[(first + i) % KINDS.length]!;
  const facilitator = await throughLb(created.facilitator.token, kind(0));
  transports.set(facilitator, kind(0));
  const teams = new Map<string, SeatClient>();
  const tokens = new Map<string, string>();
  for (const [i, t] of scenario.teams.entries()) {
    const joined = await http.join(created.codes.teams[t.id]!, `player ${t.id}`);
    tokens.set(t.id, joined.token);
    const client = await throughLb(joined.token, kind(i + 1));
    transports.set(client, kind(i + 1));
    teams.set(t.id, client);
  }
  const table: Table = {
    created,
    scenario,
    facilitator,
    teams,
    tokens,
    close() {
      facilitator.close();
      for (const c of teams.values()) c.close();
    },
  };
  return { table, transports };
}

const MONTHS = 6;

describe('three nodes behind HAProxy', () => {
  it('plays flagship exercises with polling and WebSocket clients through the balancer; views and the stored log agree', async () => {
    const scenario = bundled('france-2025');
    const seated = await Promise.all([tableBehindLb(scenario, 7, 0), tableBehindLb(scenario, 8, 1)]);
    const tables = seated.map((s) => s.table);
    try {
      for (const t of tables) expect(await cluster.ownerOf(t.created.exerciseId)).toBeGreaterThanOrEqual(0);
      // every command of every client is acked (playMonths fails on a refusal or a missing ack)
      await Promise.all(tables.map((t) => playMonths(http, t, MONTHS, { settle: true })));
      for (const t of tables) expect(t.facilitator.view.month).toBeGreaterThan(MONTHS);

      // Each client stayed on its transport (the upgraded ones upgraded through the balancer), and
      // every polling one holds the balancer's cookie; in each exercise some sit on a node that does
      // not own it (their commands and syncs were forwarded).
      for (const { table, transports } of seated) {
        const owner = `node${(await cluster.ownerOf(table.created.exerciseId)) + 1}`;
        const pinned = new Set<string>();
        for (const [client, transport] of transports) {
          expect(transportName(client)).toBe(transport === 'polling' ? 'polling' : 'websocket');
          if (transport === 'websocket') continue;
          const node = stickyNode(client);
          expect(node).toMatch(/^node[123]$/);
          pinned.add(node!);
        }
        pinned.delete(owner);
        expect(pinned.size).toBeGreaterThan(0);
      }

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

describe('connection-state recovery across nodes', () => {
  /** The recovery session id socket.io gave this client (kept by the client for its next connect). */
  const pidOf = (c: SeatClient) => (c.socket as unknown as { _pid?: string })._pid;
  const syncs = (c: SeatClient) => c.received.filter((r) => r.startsWith('["ack:sync"')).length;
  const texts = (c: SeatClient) => c.view.messages.map((m) => m.text);

  it('a client dropped from one node recovers on another with every update it missed', async () => {
    const created = await http.create({ scenarioId: 'tutorial', seed: 11 });
    const owner = await cluster.waitOwner(created.exerciseId);
    const [a, b, c] = [owner, (owner + 1) % 3, (owner + 2) % 3];
    const url = (i: number) => cluster.nodes[i]!.url;
    const cookie = (i: number) => ({ cookie: `ARSENAL_NODE=node${i + 1}` });
    const dga = (await http.join(created.codes.teams.dga!)).token;
    const autoco = (await http.join(created.codes.teams.autoco!)).token;
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const clients: SeatClient[] = [];
    const keep = (p: Promise<SeatClient>) => p.then((s) => (clients.push(s), s));
    try {
      const fac = await keep(SeatClient.connect(url(c), created.facilitator.token));
      // A WebSocket straight to node a (the owner), and a long-polling client that the balancer's
      // cookie pins to node b; each team has a second device on node c that stays connected.
      const ws = await keep(SeatClient.connect(url(a), dga));
      const polling = await keep(
        SeatClient.connect(lb.url, autoco, {
          transports: ['polling'],
          withCredentials: true,
          extraHeaders: cookie(b),
        }),
      );
      const witnesses = [
        await keep(SeatClient.connect(url(c), dga)),
        await keep(SeatClient.connect(url(c), autoco)),
      ];
      // A first broadcast gives each client an offset in the stream to recover from.
      expect((await fac.send({ type: 'message', to: 'all', text: 'one' })).ok).toBe(true);
      for (const s of [ws, polling, ...witnesses])
        await s.until(() => texts(s).includes('one'), 'first message');

      // Both transports drop (their nodes stay up). Each node keeps its socket's session in Redis:
      // wait for it to be there, since a reconnect that came first would find nothing to recover.
      const away = [ws, polling];
      const before = away.map(syncs);
      for (const s of away) {
        const gone = new Promise((r) => s.socket.once('disconnect', r));
        s.socket.io.reconnection(false);
        s.socket.io.engine.close();
        await gone;
      }
      // (a polling client's close packet may be lost: then the node notices at its ping timeout)
      const until = Date.now() + 60_000;
      for (const s of away)
        while (!(await redis.exists(`${cluster.name}:sio:session:${pidOf(s)}`))) {
          if (Date.now() > until) throw new Error('a session was not kept in Redis');
          await sleep(50);
        }

      // Meanwhile the owner publishes three updates to each of them.
      expect((await fac.send({ type: 'message', to: 'all', text: 'two' })).ok).toBe(true);
      expect((await fac.send({ type: 'message', to: 'dga', text: 'three (dga)' })).ok).toBe(true);
      expect((await fac.send({ type: 'message', to: 'autoco', text: 'three (autoco)' })).ok).toBe(true);
      const [dgaWitness, autocoWitness] = witnesses as [SeatClient, SeatClient];
      await dgaWitness.until(() => texts(dgaWitness).includes('three (dga)'), 'the witness on node c');
      await autocoWitness.until(
        () => texts(autocoWitness).includes('three (autoco)'),
        'the witness on node c',
      );

      // Back, each on another node: the WebSocket straight to node b, the polling client through the
      // balancer with a cookie for node c (as after a redispatch).
      (ws.socket.io as unknown as { uri: string }).uri = url(b);
      polling.socket.io.opts.extraHeaders = cookie(c);
      for (const s of away) {
        const back = new Promise<void>((r) => s.socket.once('connect', () => r()));
        s.socket.connect();
        await back;
        expect(s.socket.recovered).toBe(true);
      }
      // HAProxy routed by the cookie it was given (it would have set one of its own for a cookie it
      // did not take).
      expect(stickyNode(polling)).toBeUndefined();
      await ws.until(() => texts(ws).includes('three (dga)'), 'the missed updates (WebSocket)');
      await polling.until(() => texts(polling).includes('three (autoco)'), 'the missed updates (polling)');
      // Replayed from the stream in order, not fetched again as a whole view.
      expect(away.map(syncs)).toEqual(before);
      expect(texts(ws)).toEqual(texts(dgaWitness));
      expect(texts(polling)).toEqual(texts(autocoWitness));
      for (const [s, token] of [
        [ws, dga],
        [polling, autoco],
      ] as const) {
        const fresh = await keep(SeatClient.connect(lb.url, token));
        expect(s.version).toBe(fresh.version);
        expect(s.view).toEqual(fresh.view);
      }
      // and they keep receiving: a command after the recovery reaches both
      expect((await fac.send({ type: 'message', to: 'all', text: 'four' })).ok).toBe(true);
      for (const s of away) await s.until(() => texts(s).includes('four'), 'an update after recovery');
    } finally {
      for (const s of clients) s.close();
      await redis.quit();
    }
  }, 120_000);
});
