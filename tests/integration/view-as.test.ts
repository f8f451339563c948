import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewAsAck } from '@arsenal/shared/protocol';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * "View as" (issue 15 item 5) over the real server: the facilitator's `viewAs` answers with the very
 * view the seat itself receives; nobody else may ask, and a bad or unknown seat is refused.
 */

let server: TestServer;
let fac: SeatClient;
let dga: SeatClient;
let autoco: SeatClient;
beforeAll(async () => {
  server = await startServer();
  const http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  const join = async (team: string) =>
    SeatClient.connect(server.url, (await http.join(created.codes.teams[team]!, team)).token);
  dga = await join('dga');
  autoco = await join('autoco');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
});
afterAll(async () => {
  for (const c of [fac, dga, autoco]) c?.close();
  await server?.close();
});

const viewAs = (c: SeatClient, payload: unknown): Promise<ViewAsAck> =>
  c.socket.timeout(10_000).emitWithAck('viewAs', payload as never);

describe('viewAs', () => {
  it('gives the facilitator exactly the view the team has, its cash and not a rival’s', async () => {
    await dga.resync();
    const ack = await viewAs(fac, { seat: 'team:autoco' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    await autoco.resync();
    expect(ack.view).toEqual(autoco.view);
    expect(ack.version).toBe(autoco.version);
    expect(ack.view.audience).toEqual({ role: 'team', team: 'autoco' });
    // AutoCo's cash is private: its own view has it; DGA's view of AutoCo does not
    expect(ack.view.me?.team.money).toBe(50_000_000);
    expect(dga.view.teams.find((t) => t.id === 'autoco')?.money).toBeUndefined();
  });

  it('follows the exercise: a team’s command shows in the next answer', async () => {
    const before = await viewAs(fac, { seat: 'team:dga' });
    expect((await dga.sendFresh({ type: 'message', to: ['facilitator'], text: 'view-as probe' })).ok).toBe(
      true,
    );
    const after = await viewAs(fac, { seat: 'team:dga' });
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.view.messages.map((m) => m.text)).toContain('view-as probe');
  });

  it('shows the room display only what the display sees', async () => {
    const ack = await viewAs(fac, { seat: 'display' });
    expect(ack.ok && ack.view.audience).toEqual({ role: 'display' });
    expect(ack.ok && ack.view.me).toBeFalsy();
  });

  it('is the facilitator’s alone; bad or unknown seats are refused', async () => {
    const denied = await viewAs(dga, { seat: 'team:autoco' });
    expect(denied).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(JSON.stringify(denied)).not.toContain('50000000');
    expect(await viewAs(fac, { seat: 'team:nobody' })).toMatchObject({
      ok: false,
      code: 'order/unknown_team',
    });
    expect(await viewAs(fac, { seat: 'facilitator' })).toMatchObject({ ok: false, path: 'seat' });
    expect(await viewAs(fac, { seat: 42 })).toMatchObject({ ok: false, code: 'input/bad_payload' });
  });
});
