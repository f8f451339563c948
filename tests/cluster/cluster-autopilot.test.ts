import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashState, replay, type Scenario } from '@arsenal/shared';
import { verifyChain, type FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { sleep, TestCluster } from './helpers/cluster.ts';
import { Ledger } from './helpers/ledger.ts';

/**
 * Deadlines, planning timers and bot seats run in the session, so on the owner only: when the owner
 * dies, the node that takes the exercise over must play the bot seats, start the planning timer, and
 * fire a deadline it finds stored, with no person sending anything. To be sure that what the server
 * does by itself is the new owner's, the first owner is killed while it is still undone: commits are
 * COMMIT_INTERVAL_MS apart here, so what the bots and the timer decide after the facilitator's
 * `startPlanning` is stored sits in memory for seconds, and dies with the process.
 */

const LEASE_MS = 1500;
const COMMIT_INTERVAL_MS = 5000;

let cluster: TestCluster;
let scenario: Scenario;

beforeAll(async () => {
  cluster = await TestCluster.start(2, {
    leaseMs: LEASE_MS,
    env: { COMMIT_INTERVAL_MS: String(COMMIT_INTERVAL_MS) },
  });
  scenario = bundled('tutorial');
}, 180_000);
afterAll(async () => {
  await cluster?.close();
});

interface Row {
  seq: number;
  at: string;
  sender: string;
  command: string;
}

async function log(exerciseId: string): Promise<Row[]> {
  return cluster.query<Row>('SELECT seq, at, sender, command FROM log WHERE exercise_id = $1 ORDER BY seq', [
    exerciseId,
  ]);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const commandOf = (r: Row) => JSON.parse(r.command) as { type: string; at?: number; deadline?: number };
const typeOf = (r: Row) => commandOf(r).type;
const server = (r: Row) => r.sender === 'system' || r.sender.startsWith('bot:');
const describeRows = (rows: Row[]) => rows.map((r) => `${r.seq} ${r.sender} ${typeOf(r)}`).join(', ');

describe('bots and deadlines move with the owner', () => {
  it('new owners play the bot seats, start the timer and fire the deadline, with nobody sending anything', async () => {
    const http = new Http(cluster.nodes[0]!.url);
    const teams = scenario.teams.map((t) => t.id);
    // Every seat a bot; each planning month gets a one-minute timer from the exercise's defaults.
    const created = await http.create({
      scenarioId: 'tutorial',
      seed: 9,
      bots: teams,
      timer: { planningMinutes: 1, extendMinutes: 1, autoStart: true },
    });
    const id = created.exerciseId;
    const owner = await cluster.waitOwner(id);
    // The facilitator's socket on the other node (its command is forwarded to the owner).
    const fac = await SeatClient.connect(cluster.nodes[1 - owner]!.url, created.facilitator.token);
    const ledger = new Ledger();
    /** Kills `index` at once; the other node takes the exercise over, the dead one runs again. */
    const kill = async (index: number): Promise<number> => {
      cluster.nodes[index]!.server.proc.kill('SIGKILL');
      const at = Date.now();
      await cluster.nodes[index]!.server.exited;
      await cluster.waitOwner(id, index, 60_000);
      await cluster.restart(index);
      return at;
    };
    try {
      // The last command anyone sends. The owner dies as soon as it is acknowledged.
      await sleep(COMMIT_INTERVAL_MS);
      const ack = await ledger.sure(fac, { type: 'startPlanning' });
      expect(ack.ok).toBe(true);
      const firstKill = await kill(owner);
      const before = (await log(id)).filter((r) => Number(r.at) <= firstKill);
      expect(before.map(typeOf)).toEqual(['startPlanning']);

      // The new owner plays every bot seat and starts the month's timer.
      await until('the bots play and the timer starts on the new owner', async () => {
        const rows = await log(id);
        const orders = new Set(rows.filter((r) => typeOf(r) === 'submitOrders').map((r) => r.sender));
        return teams.every((t) => orders.has(`bot:${t}`)) && rows.some((r) => typeOf(r) === 'setDeadline');
      });
      const second = 1 - owner;
      const afterFirst = (await log(id)).filter((r) => Number(r.at) > firstKill);
      console.log(`autopilot: stored by the first new owner: ${describeRows(afterFirst)}`);
      expect(afterFirst.every(server)).toBe(true);
      const timer = afterFirst.find((r) => typeOf(r) === 'setDeadline')!;
      expect(timer.sender).toBe('system');
      const deadline = commandOf(timer).at!;
      expect(deadline).toBeGreaterThan(firstKill);
      expect(afterFirst.some((r) => typeOf(r) === 'deadlineExpired')).toBe(false);

      // That owner dies too, the deadline still ahead: the next one finds it stored, arms it, fires it.
      expect(await cluster.ownerOf(id)).toBe(second);
      const secondKill = await kill(second);
      expect(secondKill).toBeLessThan(deadline);
      await until(
        'the deadline fires on the third owner',
        async () => (await log(id)).some((r) => typeOf(r) === 'deadlineExpired'),
        Math.max(0, deadline - Date.now()) + 60_000,
      );
      const afterSecond = (await log(id)).filter((r) => Number(r.at) > secondKill);
      console.log(
        `autopilot: kills ${secondKill - firstKill} ms apart, deadline ${deadline - firstKill} ms after the first; stored by the third owner: ${describeRows(afterSecond)}`,
      );
      expect(afterSecond.every(server)).toBe(true);
      const expired = afterSecond.filter((r) => typeOf(r) === 'deadlineExpired');
      expect(expired.map((r) => commandOf(r).deadline)).toEqual([deadline]);
      expect(Number(expired[0]!.at)).toBeGreaterThanOrEqual(deadline);

      // The month was adjudicated by itself and waits in review; the log is whole, once each.
      await fac.until(() => fac.view.phase === 'review', 'review', 60_000);
      const exported = (
        await new Http(cluster.nodes[0]!.url).get<FacilitatorExport>(
          `/api/exercises/${id}/export`,
          created.facilitator.token,
        )
      ).body;
      expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
      const state = replay(exported.scenario, exported.setup, exported.entries);
      expect(hashState(state)).toBe(exported.stateHash);
      expect(state.phase).toBe('review');
      expect(exported.entries.filter((e) => e.command.type === 'deadlineExpired')).toHaveLength(1);
      const { problems } = await ledger.problems(cluster, id);
      expect(problems).toEqual([]);
    } finally {
      fac.close();
    }
  }, 300_000);
});
