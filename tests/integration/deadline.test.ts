import { afterAll, describe, expect, it } from 'vitest';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { BACKENDS, dropPgDatabases, newPlace, type Place } from './helpers/backends.ts';
import { startServer } from './helpers/server.ts';

/**
 * Deadlines are absolute times in the state; the server turns their expiry into a `deadlineExpired`
 * command. They survive a restart (whether they expire while the server is down or after it is back)
 * and fire exactly once, however many restarts follow.
 */

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function logOf(url: string, exerciseId: string, token: string) {
  const res = await new Http(url).get<FacilitatorExport>(`/api/exercises/${exerciseId}/export`, token);
  return res.body.entries;
}

/** Starts an exercise in planning with a deadline `inMs` from now; returns where it lives. */
async function withDeadline(place: Place, inMs: number) {
  const server = await startServer(place);
  const http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 2 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  const at = Date.now() + inMs;
  expect((await fac.sendFresh({ type: 'setDeadline', at })).ok).toBe(true);
  fac.close();
  await server.close();
  return { created, at };
}

async function expectExpiredOnce(place: Place, exerciseId: string, token: string, at: number) {
  for (let restart = 0; restart < 2; restart++) {
    const server = await startServer(place);
    const fac = await SeatClient.connect(server.url, token);
    // Adjudication runs when planning's deadline expires: the month waits in review.
    await fac.until(() => fac.view.phase === 'review', 'the deadline expires');
    const expired = (await logOf(server.url, exerciseId, token)).filter(
      (e) => e.command.type === 'deadlineExpired',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actor: { role: 'system' }, command: { deadline: at } });
    expect(fac.view.deadline.at).toBeNull();
    fac.close();
    await server.close();
  }
}

afterAll(dropPgDatabases);

describe.each(BACKENDS)('deadlines across restarts (%s)', (backend) => {
  it('fires once when the deadline passed while the server was down', async () => {
    const place = await newPlace(backend);
    const { created, at } = await withDeadline(place, 300);
    await sleepUntil(at + 50);
    await expectExpiredOnce(place, created.exerciseId, created.facilitator.token, at);
  });

  it('fires once when the deadline comes after the restart', async () => {
    const place = await newPlace(backend);
    const { created, at } = await withDeadline(place, 1_500);
    await expectExpiredOnce(place, created.exerciseId, created.facilitator.token, at);
  });

  it('starts a planning timer from the exercise’s defaults once, however often the server restarts', async () => {
    const place = await newPlace(backend);
    let server = await startServer(place);
    const created = await new Http(server.url).create({
      scenarioId: 'tutorial',
      timer: { planningMinutes: 30, extendMinutes: 5, autoStart: true },
    });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    expect(fac.sync?.timer).toMatchObject({ planningMinutes: 30, autoStart: true });
    const before = Date.now();
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    await fac.until(() => fac.view.deadline.at !== null, 'timer starts');
    expect(fac.view.deadline.at! - before).toBeGreaterThanOrEqual(30 * 60_000);
    // The facilitator clears it; a restart must not start it again.
    expect((await fac.sendFresh({ type: 'setDeadline', at: null })).ok).toBe(true);
    fac.close();
    await server.close();
    server = await startServer(place);
    const again = await SeatClient.connect(server.url, created.facilitator.token);
    const log = await logOf(server.url, created.exerciseId, created.facilitator.token);
    expect(log.filter((e) => e.actor.role === 'system' && e.command.type === 'setDeadline')).toHaveLength(1);
    expect(again.view.deadline.at).toBeNull();
    again.close();
    await server.close();
  });
});
