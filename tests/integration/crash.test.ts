import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { hashState, replay, type Command } from '@arsenal/shared';
import {
  verifyChain,
  type CommandAck,
  type CreatedExercise,
  type FacilitatorExport,
} from '@arsenal/shared/protocol';
import { spawnServer, type ChildServer } from './helpers/child.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { BACKENDS, dropPgDatabases, newPlace, queryPlace } from './helpers/backends.ts';

/**
 * Crash safety: the server runs as its own process with every team played by its bots, and is killed
 * with SIGKILL at random moments while the facilitator drives the months, then restarted on the same
 * data folder. A command whose ack was lost is retried with the same id. In the end every acknowledged
 * command is stored exactly once, the chain verifies, the state equals a replay, and play finished.
 */

const KILLS = 10;
const MONTHS = 6;
let current: ChildServer | null = null;

afterAll(async () => {
  current?.proc.kill('SIGKILL');
  await current?.exited;
  await dropPgDatabases();
});

class Killed extends Error {}

/** The facilitator's side: what was acknowledged, and the command in flight when the server died. */
interface Ledger {
  acked: Map<string, number>;
  pending: { id: string; command: Command } | null;
  notes: number;
  /** Commands resent under their own id after a restart. */
  retries: number;
}

/**
 * Drives phases until the exercise finishes or the server dies. `afterStep` runs after each phase step
 * and says whether a kill is now on its way.
 */
async function drive(
  fac: SeatClient,
  server: ChildServer,
  ledger: Ledger,
  afterStep: () => boolean,
): Promise<'finished'> {
  const died = server.exited.then(() => {
    throw new Killed();
  });
  died.catch(() => undefined);
  const alive = <T>(p: Promise<T>) => {
    p.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    return Promise.race([p, died]);
  };
  const send = async (command: Command, id: string = crypto.randomUUID()) => {
    ledger.pending = { id, command };
    const ack: CommandAck = await alive(fac.send(command, { id, expectedVersion: fac.version }));
    ledger.pending = null;
    if (!ack.ok) return ack;
    ledger.acked.set(id, ack.seq);
    // The ack comes before the broadcast: decide the next step on the view that includes this one.
    await alive(fac.until(() => fac.version >= ack.version, 'own command in view'));
    return ack;
  };
  if (ledger.pending) {
    ledger.retries++;
    // Stored before the kill: the stored ack; not stored: applied now. Never refused as a reused id.
    const { id, command } = ledger.pending;
    const ack = await send(command, id);
    if (!ack.ok && ack.code !== 'session/conflict')
      throw new Error(`retry of ${id} refused: ${ack.code} ${ack.message}`);
  }
  for (;;) {
    const view = fac.view;
    // Notes between steps: many small acknowledged commands, some in flight at each kill.
    await send({ type: 'note', kind: 'note', text: `step ${++ledger.notes}` });
    if (view.phase === 'finished') return 'finished';
    let next: Command | null = null;
    if (view.phase === 'lobby') next = { type: 'startPlanning' };
    else if (view.phase === 'review') next = { type: 'publish' };
    else if (view.phase === 'planning' && view.month > MONTHS) next = { type: 'end' };
    else if (view.phase === 'planning') {
      await alive(fac.until(() => fac.view.teams.every((t) => t.submitted), 'every bot submitted'));
      next = { type: 'adjudicate' };
    }
    if (!next) throw new Error(`unexpected phase ${view.phase}`);
    const ack = await send(next);
    if (!ack.ok && ack.code !== 'session/conflict')
      throw new Error(`${next.type} refused: ${ack.code} ${ack.message}`);
    // A kill is coming: no further phase step, only notes, until the server dies under them.
    if (ack.ok && afterStep())
      for (;;) await send({ type: 'note', kind: 'note', text: `step ${++ledger.notes}` });
  }
}

describe.each(BACKENDS)('crash safety (%s)', (backend) => {
  it(
    'keeps every acknowledged command exactly once across SIGKILLs during bot play',
    { timeout: 300_000 },
    async () => {
      const place = await newPlace(backend);
      current = await spawnServer(place.dataDir, place.env);
      const http = new Http(current.url);
      const teams = [
        'gov',
        'dga',
        'armees',
        'carmaker',
        'prime',
        'energetics',
        'drone_sme',
        'alliance',
        'russia',
      ];
      const created: CreatedExercise = await http.create({ scenarioId: 'france-2025', seed: 5, bots: teams });
      const ledger: Ledger = { acked: new Map(), pending: null, notes: 0, retries: 0 };
      let kills = 0;
      let finished = false;

      while (!finished) {
        const fac = await SeatClient.connect(current.url, created.facilitator.token);
        // Each of the first cycles ends with a kill at a random moment just after a phase step, while
        // the bots answer it and the facilitator's notes are in flight.
        let killed = false;
        const server = current;
        const afterStep = () => {
          if (kills >= KILLS) return false;
          killed = true;
          setTimeout(() => server.proc.kill('SIGKILL'), crypto.randomInt(0, 80));
          return true;
        };
        try {
          finished = (await drive(fac, current, ledger, afterStep)) === 'finished';
        } catch (err) {
          // The dying server may drop the socket (acks rejected) before the process is seen to exit.
          if (!(err instanceof Killed) && !killed) throw err;
        } finally {
          fac.close();
        }
        if (finished) break;
        await current.exited;
        kills++;
        // Both ways of committing, on the same data folder: on the event loop and on a writer thread
        // (PostgreSQL commits off the event loop either way).
        current = await spawnServer(place.dataDir, {
          ...place.env,
          LOG_WRITER: kills % 2 ? 'thread' : 'inline',
        });
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(ledger.retries).toBeGreaterThan(0);

      // The state the restarted server holds is exactly the replay of what it stored.
      const exported = (
        await new Http(current.url).get<FacilitatorExport>(
          `/api/exercises/${created.exerciseId}/export`,
          created.facilitator.token,
        )
      ).body;
      expect(verifyChain(exported.genesis, exported.entries).ok).toBe(true);
      const replayed = replay(exported.scenario, exported.setup, exported.entries);
      expect(replayed.phase).toBe('finished');
      expect(hashState(replayed)).toBe(exported.stateHash);

      current.proc.kill('SIGTERM');
      await current.exited;
      current = null;
      const stored = await queryPlace<{ client_id: string; seq: number }>(
        place,
        `SELECT client_id, seq FROM log WHERE exercise_id = ? AND sender LIKE 'facilitator/%'`,
        [created.exerciseId],
      );
      for (const [id, seq] of ledger.acked)
        expect(stored.filter((r) => r.client_id === id).map((r) => r.seq)).toEqual([seq]);
      // No bot submitted its orders twice in one month, whatever the moments of the kills.
      const perMonth = new Map<string, number>();
      let month = 1;
      for (const e of exported.entries) {
        if (e.command.type === 'publish') month++;
        if (e.command.type !== 'submitOrders' || e.actor.role !== 'team') continue;
        const key = `${e.actor.team}:${month}`;
        perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
      }
      expect([...perMonth.values()].every((n) => n === 1)).toBe(true);
      expect(ledger.acked.size).toBeGreaterThan(KILLS);
    },
  );
});
