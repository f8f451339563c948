import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * A team's transport drops in the middle of a month while others keep playing; once it is back, its
 * view equals the view a fresh join of the same seat gets. Both ways back are covered: connection-state
 * recovery (missed updates replayed) and, when recovery is impossible, a full resync.
 */

let recovering: TestServer;
let forgetful: TestServer;

beforeAll(async () => {
  recovering = await startServer();
  forgetful = await startServer({ config: { recoveryWindowMs: 0 } });
});
afterAll(async () => {
  await recovering.close();
  await forgetful.close();
});

async function dropMidTurn(server: TestServer) {
  const http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 9 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  const autoco = await SeatClient.connect(server.url, (await http.join(created.codes.teams.autoco!)).token);
  const dga = await SeatClient.connect(server.url, (await http.join(created.codes.teams.dga!)).token);
  // A first update gives the client an offset to recover from (socket.io recovers from the last
  // broadcast a client received; one that has received none resyncs instead).
  expect((await dga.send({ type: 'message', to: 'autoco', text: 'hello' })).ok).toBe(true);
  await autoco.until(() => autoco.view.messages.length === 1, 'first message');

  const reconnected = new Promise<void>((resolve) => autoco.socket.once('connect', () => resolve()));
  autoco.socket.io.engine.close(); // the transport drops; the client will reconnect by itself
  // Meanwhile the month goes on and autoco's view changes three times.
  expect((await dga.send({ type: 'message', to: 'autoco', text: 'are you there?' })).ok).toBe(true);
  expect((await fac.send({ type: 'message', to: 'autoco', text: 'dga is waiting for you' })).ok).toBe(true);
  const offer = {
    type: 'offerContract',
    counterparty: 'autoco',
    as: 'buyer',
    terms: { product: 'fpv_rf', qty: 1000, unitPrice: 650, type: 'spot', months: 2 },
  } as const;
  expect((await dga.send(offer)).ok).toBe(true);
  await reconnected;
  const fresh = await SeatClient.connect(server.url, (await http.join(created.codes.teams.autoco!)).token);
  await autoco.until(() => autoco.version === fresh.version, 'caught up');
  expect(autoco.view).toEqual(fresh.view);
  expect(autoco.view.messages.map((m) => m.text)).toEqual([
    'hello',
    'are you there?',
    'dga is waiting for you',
  ]);
  expect(autoco.view.contracts).toHaveLength(1);
  const recovered = autoco.socket.recovered;
  for (const c of [fac, autoco, dga, fresh]) c.close();
  return recovered;
}

describe('reconnect', () => {
  it('catches up through connection-state recovery: missed updates are replayed', async () => {
    expect(await dropMidTurn(recovering)).toBe(true);
  });

  it('catches up through a full resync when recovery is not possible', async () => {
    expect(await dropMidTurn(forgetful)).toBe(false);
  });
});
