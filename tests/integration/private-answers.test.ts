import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient, type CommandInput } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * No answer to a team may depend on another team's private state (issue 13, items 2 and 3). The same
 * probes are played against two exercises that differ only in a rival's secret, over the real server;
 * the probing team's acks must be the same in both.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const answer = (ack: Awaited<ReturnType<SeatClient['send']>>) =>
  ack.ok ? { ok: true } : { ok: false, code: ack.code, message: ack.message };

/** An exercise of the flagship in planning of month 2, the army's cash set to `armyCash` by override. */
async function exercise(armyCash: number, month1: Record<string, CommandInput[]> = {}) {
  const admin = new Http(server.url);
  const created = await admin.create({ scenarioId: 'france-2025', seed: 5 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  const seat = async (team: string) =>
    SeatClient.connect(server.url, (await new Http(server.url).join(created.codes.teams[team]!, team)).token);
  const seats = {
    carmaker: await seat('carmaker'),
    sme: await seat('drone_sme'),
    armees: await seat('armees'),
  };
  const ok = async (c: SeatClient, command: CommandInput) =>
    expect((await c.sendFresh(command)).ok).toBe(true);
  await ok(fac, { type: 'startPlanning' });
  for (const [team, commands] of Object.entries(month1))
    for (const command of commands) await ok(seats[team as keyof typeof seats], command);
  await ok(fac, { type: 'adjudicate' });
  await ok(fac, {
    type: 'override',
    target: { kind: 'money', team: 'armees' },
    value: armyCash,
    reason: 'the probe’s secret',
  });
  await ok(fac, { type: 'publish' });
  return { ...seats, close: () => [fac, ...Object.values(seats)].forEach((c) => c.close()) };
}

describe('answers that do not depend on another team’s secret', () => {
  it('a seller’s offer with a 100 % advance gets the same ack whatever the buyer’s cash', async () => {
    const offer: CommandInput = {
      type: 'offerContract',
      counterparty: 'armees',
      as: 'seller',
      terms: { product: 'fpv_rf', qty: 20_000, unitPrice: 1_000, type: 'spot', months: 4, advancePct: 100 },
    };
    const acks = [];
    for (const cash of [10_000_000, 30_000_000]) {
      const x = await exercise(cash);
      acks.push(answer(await x.carmaker.sendFresh(offer)));
      x.close();
    }
    expect(acks[0]).toEqual(acks[1]);
    expect(acks[0]).toEqual({ ok: true });
  });

  it('a purchase over a source’s cap is refused with the same figures whatever a rival bought', async () => {
    const probe: CommandInput = {
      type: 'submitOrders',
      orders: [{ type: 'buyComponents', component: 'motor', source: 'eu', qty: 10_000_000 }],
    };
    const acks = [];
    for (const rivalQty of [0, 1000]) {
      const month1: Record<string, CommandInput[]> = rivalQty
        ? {
            sme: [
              {
                type: 'submitOrders' as const,
                orders: [{ type: 'buyComponents' as const, component: 'motor', source: 'eu', qty: rivalQty }],
              },
            ],
          }
        : {};
      const x = await exercise(30_000_000, month1);
      acks.push(answer(await x.carmaker.sendFresh(probe)));
      x.close();
    }
    expect(acks[0]).toEqual(acks[1]);
    expect(acks[0]).toMatchObject({ ok: false, code: 'order/over_capacity' });
  });
});
