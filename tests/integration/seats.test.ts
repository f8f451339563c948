import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise, PresenceEntry } from '@arsenal/shared/protocol';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/** Seats: join codes, several people on one seat, presence, revocation (live and while away), code rotation. */

let server: TestServer;
let http: Http;

beforeAll(async () => {
  server = await startServer();
  http = new Http(server.url);
});
afterAll(() => server.close());

async function exercise(): Promise<{ created: CreatedExercise; fac: SeatClient }> {
  const created = await http.create({ scenarioId: 'tutorial', seed: 1 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  return { created, fac };
}

/** Polls until `check` holds (a disconnect reaches the server on its own schedule). */
async function eventually(check: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never held');
}

const presenceOf = async (fac: SeatClient): Promise<PresenceEntry[]> => {
  const res = await fac.resync();
  if (!res.ok) throw new Error(res.message);
  return res.presence ?? [];
};

describe('seats', () => {
  it('lets several people share a team seat, typed loosely, and shows them to the facilitator', async () => {
    const { created, fac } = await exercise();
    const code = created.codes.teams.dga!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    const first = await http.join(typed, 'Alice');
    const second = await http.join(code, 'Bob');
    expect(first.seat).toEqual({ role: 'team', team: 'dga' });
    expect(first.token).not.toBe(second.token);
    const alice = await SeatClient.connect(server.url, first.token);
    const bob = await SeatClient.connect(server.url, second.token);
    const presence = await presenceOf(fac);
    expect(presence.filter((p) => p.seat === 'team:dga').map((p) => [p.label, p.connections])).toEqual([
      ['Alice', 1],
      ['Bob', 1],
    ]);
    expect(presence.find((p) => p.seat === 'facilitator')?.connections).toBe(1);
    // Both see the same seat's view.
    expect((await alice.send({ type: 'message', to: 'autoco', text: 'from Alice' })).ok).toBe(true);
    await bob.until(() => bob.view.messages.some((m) => m.text === 'from Alice'), 'Bob sees it');
    bob.close();
    await eventually(async () => (await presenceOf(fac)).find((p) => p.label === 'Bob')?.connections === 0);
    for (const c of [fac, alice]) c.close();
  });

  it('refuses wrong codes, and then rate-limits the address trying them', async () => {
    const guesser = await startServer();
    const h = new Http(guesser.url);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await h.post('/api/join', { code: 'AAAA-BBBB-CCCC' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    await guesser.close();
  });

  it('revokes a token: its sockets are closed, its reconnects and exports refused, the other person stays', async () => {
    const { created, fac } = await exercise();
    const a = await http.join(created.codes.teams.autoco!, 'A');
    const b = await http.join(created.codes.teams.autoco!, 'B');
    const alice = await SeatClient.connect(server.url, a.token);
    const bob = await SeatClient.connect(server.url, b.token);
    const told = new Promise((resolve) => alice.socket.once('revoked', resolve));
    const refused = new Promise<unknown>((resolve) =>
      alice.socket.once('connect_error', (e) => resolve((e as { data?: unknown }).data)),
    );
    expect(await fac.send({ type: 'note', text: 'x' })).toMatchObject({ ok: true });
    expect(await fac.loose.timeout(5000).emitWithAck('revoke', { tokenId: a.tokenId })).toEqual({
      ok: true,
      revoked: 1,
    });
    expect(await told).toMatchObject({ ok: false, code: 'auth/revoked' });
    // The client's automatic reconnect is refused at the handshake.
    alice.socket.connect();
    expect(await refused).toEqual({ code: 'auth/revoked' });
    expect((await http.get(`/api/exercises/${created.exerciseId}/export`, a.token)).status).toBe(403);
    expect((await bob.send({ type: 'message', to: 'dga', text: 'still in' })).ok).toBe(true);
    expect((await presenceOf(fac)).some((p) => p.tokenId === a.tokenId)).toBe(false);
    // The facilitator cannot lock themselves out; a team cannot revoke anyone.
    expect(await fac.loose.timeout(5000).emitWithAck('revoke', { seat: 'facilitator' })).toMatchObject({
      ok: false,
      code: 'auth/forbidden',
    });
    expect(await bob.loose.timeout(5000).emitWithAck('revoke', { seat: 'team:dga' })).toMatchObject({
      ok: false,
      code: 'auth/forbidden',
    });
    for (const c of [fac, alice, bob]) c.close();
  });

  it('refuses a token revoked while its socket was away: no recovery, no missed update delivered', async () => {
    const { created, fac } = await exercise();
    const joined = await http.join(created.codes.teams.autoco!, 'away');
    const away = await SeatClient.connect(server.url, joined.token);
    const dga = await SeatClient.connect(server.url, (await http.join(created.codes.teams.dga!)).token);
    expect((await dga.send({ type: 'message', to: 'autoco', text: 'before' })).ok).toBe(true);
    await away.until(() => away.view.messages.length === 1, 'first update (gives an offset to recover from)');

    away.socket.io.reconnection(false);
    const gone = new Promise((resolve) => away.socket.once('disconnect', resolve));
    away.socket.io.engine.close();
    await gone;
    // Revoke only once the server has seen the drop (and kept the session for recovery).
    await eventually(
      async () => (await presenceOf(fac)).find((p) => p.tokenId === joined.tokenId)?.connections === 0,
    );
    expect(await fac.loose.timeout(5000).emitWithAck('revoke', { seat: 'team:autoco' })).toEqual({
      ok: true,
      revoked: 1,
    });
    expect((await dga.send({ type: 'message', to: 'autoco', text: 'SECRET-after-revoke' })).ok).toBe(true);

    const refused = new Promise<unknown>((resolve) =>
      away.socket.once('connect_error', (e) => resolve((e as { data?: unknown }).data)),
    );
    away.socket.connect();
    expect(await refused).toEqual({ code: 'auth/revoked' });
    expect(away.received.join('\n')).not.toContain('SECRET-after-revoke');
    for (const c of [fac, away, dga]) c.close();
  });

  it('rotates a join code: the old one stops working, tokens already issued keep working', async () => {
    const { created, fac } = await exercise();
    const early = await http.join(created.codes.teams.army!, 'early');
    const rotated = (await fac.loose.timeout(5000).emitWithAck('rotateCode', { seat: 'team:army' })) as {
      ok: boolean;
      code: string;
    };
    expect(rotated).toMatchObject({ ok: true, seat: 'team:army' });
    expect((await http.post('/api/join', { code: created.codes.teams.army })).status).toBe(404);
    expect((await http.join(rotated.code)).seat).toEqual({ role: 'team', team: 'army' });
    const still = await SeatClient.connect(server.url, early.token);
    expect(still.view.audience).toEqual({ role: 'team', team: 'army' });
    expect(await fac.loose.timeout(5000).emitWithAck('rotateCode', { seat: 'team:nobody' })).toMatchObject({
      ok: false,
    });
    for (const c of [fac, still]) c.close();
  });
});

describe('presence and drafts pushed to the facilitator', () => {
  it('tells the facilitator a team with unsent drafts has gone, in the pushed events (none dropped)', async () => {
    // When a team's last socket closes, the server pushes `drafts` and then `presence` back to back.
    // Sent as volatile, the second was dropped while the first was still being written, and the console
    // kept showing the team online. Both are full snapshots: the last one received must be the truth.
    for (let round = 0; round < 5; round++) {
      const { created, fac } = await exercise();
      const pushed: { presence?: PresenceEntry[]; drafts?: { teams: Record<string, number> } } = {};
      fac.socket.on('presence', (p: PresenceEntry[]) => (pushed.presence = p));
      fac.socket.on('drafts', (d: { teams: Record<string, number> }) => (pushed.drafts = d));
      const joined = await http.join(created.codes.teams.autoco!, 'Carla');
      const carla = await SeatClient.connect(server.url, joined.token);
      const mine = () => pushed.presence?.find((p) => p.tokenId === joined.tokenId);
      await eventually(async () => mine()?.connections === 1);
      const ack = (await carla.socket.timeout(5000).emitWithAck('draft', { count: 2 })) as { ok: boolean };
      expect(ack.ok).toBe(true);
      await eventually(async () => pushed.drafts?.teams.autoco === 2);
      carla.close();
      await eventually(async () => mine()?.connections === 0 && pushed.drafts?.teams.autoco === undefined);
      fac.close();
    }
  });
});
