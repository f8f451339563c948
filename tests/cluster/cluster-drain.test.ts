import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { sleep, startHaproxy, TestCluster } from './helpers/cluster.ts';
import { Ledger, watchVersions } from './helpers/ledger.ts';

/**
 * Draining a node (README, "Several nodes"): SIGTERM. It answers `/api/ready` with 503 from then on
 * (for DRAIN_MS, still running its exercises, so that HAProxy's checks take it out), then closes its
 * sockets, stores what it accepted, gives its leases up and exits; the other nodes take its exercises
 * at once (the next event for one, or their next scan within LEASE_MS/3), before a crashed owner's
 * lease could even have expired. Nothing acknowledged is lost and the clients carry on.
 */

/** Long enough that a handoff by expiry (a crash) would be plainly slower than a drain's. */
const LEASE_MS = 15_000;
/** The default (README, "Configuration"). */
const DRAIN_MS = 3000;
/** The soonest a crashed owner's lease can expire: it was renewed at most LEASE_MS/3 before. */
const CRASH_FLOOR_MS = (LEASE_MS * 2) / 3;

let cluster: TestCluster;
let lb: Awaited<ReturnType<typeof startHaproxy>>;
let http: Http;

beforeAll(async () => {
  cluster = await TestCluster.start(3, { leaseMs: LEASE_MS, env: { DRAIN_MS: String(DRAIN_MS) } });
  lb = await startHaproxy(cluster.nodes);
  http = new Http(lb.url);
}, 180_000);
afterAll(async () => {
  await lb?.stop();
  await cluster?.close();
});

/** Sends messages from `client` one after another until stopped (each retried under its id until answered). */
function keepSending(
  client: SeatClient,
  ledger: Ledger,
  tag: string,
  /** The facilitator writes to everyone, a team to the facilitator. */
  to: 'all' | 'facilitator',
): { acked: number[]; stop(): Promise<void> } {
  let stopping = false;
  const acked: number[] = [];
  const loop = (async () => {
    for (let n = 0; !stopping; n++) {
      const ack = await ledger.sure(client, { type: 'message', to, text: `${tag} ${n}` }, tag);
      if (ack.ok) acked.push(Date.now());
      await sleep(2100); // under the per-token budget of 30 messages a minute
    }
  })();
  return {
    acked,
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

/** What a poller saw of `/api/ready` on one node: each answer's status, or 0 for no answer. */
function pollReady(url: string): { stop(): Promise<{ at: number; status: number }[]> } {
  const seen: { at: number; status: number }[] = [];
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const status = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      seen.push({ at: Date.now(), status });
      await sleep(20);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      return seen;
    },
  };
}

describe('draining a node', () => {
  it('SIGTERM: not ready at once, leases handed over faster than a crash, nothing acked lost, clients carry on', async () => {
    // Exercises until one node owns at least two of them.
    const tables: { created: CreatedExercise; clients: SeatClient[]; tokens: string[] }[] = [];
    let drained = -1;
    for (let i = 0; i < 9 && drained < 0; i++) {
      const created = await http.create({ scenarioId: 'tutorial', seed: 20 + i });
      const team = await http.join(Object.values(created.codes.teams)[0]!, 'player');
      const clients = [
        await SeatClient.connect(lb.url, created.facilitator.token),
        await SeatClient.connect(lb.url, team.token),
      ];
      tables.push({ created, clients, tokens: [created.facilitator.token, team.token] });
      const owners = await Promise.all(tables.map((t) => cluster.waitOwner(t.created.exerciseId)));
      drained = [0, 1, 2].find((n) => owners.filter((o) => o === n).length >= 2) ?? -1;
    }
    expect(drained).toBeGreaterThanOrEqual(0);
    const owned: string[] = [];
    for (const t of tables)
      if ((await cluster.ownerOf(t.created.exerciseId)) === drained) owned.push(t.created.exerciseId);

    // One ledger per exercise (its log is checked against it).
    const ledgers = tables.map(() => new Ledger());
    const backwards: string[] = [];
    const senders = tables.flatMap((t, i) =>
      t.clients.map((c, j) => {
        watchVersions(c, backwards, `${i}/${j}`);
        return keepSending(c, ledgers[i]!, `x${i}-${j}`, j === 0 ? 'all' : 'facilitator');
      }),
    );
    try {
      await sleep(3000);
      const node = cluster.nodes[drained]!;
      const poller = pollReady(node.url);
      await sleep(300);
      node.server.proc.kill('SIGTERM');
      const termAt = Date.now();
      await node.server.exited;
      const exitedAt = Date.now();
      // Each of its exercises is owned by another node: how long after the SIGTERM.
      const moved = await Promise.all(
        owned.map(async (id) => {
          await cluster.waitOwner(id, drained, 60_000);
          return Date.now() - termAt;
        }),
      );
      const seen = await poller.stop();
      const firstNotReady = seen.findIndex((s) => s.status === 503);
      console.log(
        `drain: node ${drained} (owner of ${owned.length} exercises) answered ready 503 from ${(seen[firstNotReady]?.at ?? NaN) - termAt} ms after SIGTERM (${seen.filter((s) => s.status === 503).length} times), exited after ${exitedAt - termAt} ms with code ${node.server.proc.exitCode}; its leases were taken ${moved.map((m) => `${m} ms`).join(', ')} after SIGTERM (${moved.map((m) => `${m - (exitedAt - termAt)} ms`).join(', ')} after it exited)`,
      );
      // Ready until told, then 503 for DRAIN_MS, then gone (0: no answer); never ready again.
      expect(seen[0]!.status).toBe(200);
      expect(firstNotReady).toBeGreaterThan(0);
      expect(seen.slice(firstNotReady).every((s) => s.status === 503 || s.status === 0)).toBe(true);
      expect(exitedAt - termAt).toBeGreaterThanOrEqual(DRAIN_MS);
      expect(node.server.proc.exitCode).toBe(0);
      // Its exercises ran on while it drained: commands of theirs answered between SIGTERM and its exit
      // (by the draining node: nobody else can hold their leases before it gives them up).
      const drainedIdx = tables.flatMap((t, i) => (owned.includes(t.created.exerciseId) ? [i] : []));
      const during = drainedIdx.flatMap((i) =>
        senders
          .slice(2 * i, 2 * i + 2)
          .flatMap((s) => s.acked.filter((at) => at > termAt + 100 && at < exitedAt)),
      );
      expect(during.length).toBeGreaterThan(0);
      // Handed over at once, not by expiry.
      for (const m of moved) expect(m).toBeLessThan(CRASH_FLOOR_MS);

      // The clients go on: every socket has commands answered after the drain.
      for (let waited = 0; !senders.every((s) => s.acked.some((at) => at > exitedAt)); waited += 200) {
        if (waited > 60_000)
          throw new Error(
            `a client was not answered after the drain: ${ledgers.flatMap((l) => l.retries.slice(-10))}`,
          );
        await sleep(200);
      }
      console.log(
        `drain: every client answered again within ${Math.max(...senders.map((s) => s.acked.find((at) => at > exitedAt)! - exitedAt))} ms of the exit`,
      );
      for (const s of senders) await s.stop();
      const problems: string[] = [];
      for (const [i, t] of tables.entries())
        problems.push(...(await ledgers[i]!.problems(cluster, t.created.exerciseId)).problems);
      expect(problems).toEqual([]);
      expect(ledgers.flatMap((l) => [...l.refused.values()])).toEqual([]);
      expect(backwards).toEqual([]);
      // Every client's view, kept by the updates it received across the drain, equals a fresh join's.
      for (const t of tables)
        for (const [c, token] of t.clients.map((c, j) => [c, t.tokens[j]!] as const)) {
          const fresh = await SeatClient.connect(lb.url, token);
          try {
            await c.until(() => c.version >= fresh.version, 'catching up', 60_000);
            expect(c.view).toEqual(fresh.view);
          } finally {
            fresh.close();
          }
        }
    } finally {
      for (const s of senders) await s.stop().catch(() => undefined);
      for (const t of tables) for (const c of t.clients) c.close();
    }
  }, 300_000);
});
