import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import { addOrder, joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * A firm sets one of its lines to produce to orders with a stock target from the order form; the
 * server holds the order and, once the month is adjudicated, the line's mode and target.
 */

let server: TestServer;
let browser: Browser;
let created: CreatedExercise;
let fac: SeatClient;
let ana: Seat;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  created = await new Http(server.url).create({ scenarioId: 'tutorial', seed: 6 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  browser = await launch();
  ana = await openSeat(browser, 'ana');
  await joinWith(ana.page, server.url, created.codes.teams.autoco!, 'Ana');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  await waitPhase(ana.page, 'planning');
  await tab(ana.page, /^Orders/);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(ana.page, 'failed-output-mode').catch(() => {});
});

afterAll(async () => {
  fac?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

describe('demand-driven output', () => {
  it('the order form sets a line to produce to orders and the server applies it at adjudication', async () => {
    await addOrder(ana.page, 'setOutputMode', {
      Line: 'line_a',
      Output: 'toOrders',
      'Stock target (optional)': '250',
    });
    await ana.page.locator('.order-list li', { hasText: /produce to orders, 250 in stock/i }).waitFor();
    await ana.page.getByRole('button', { name: /^Submit the orders/ }).click();
    const orders = () => fac.view.all?.orders.autoco ?? [];
    await fac.until(() => orders().length === 1, 'the output-mode order on the server');
    expect(orders()).toEqual([
      { type: 'setOutputMode', plant: 'le_mans', line: 'line_a', mode: 'toOrders', stockTarget: 250 },
    ]);

    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    const lines = () => fac.view.plants.find((p) => p.id === 'le_mans')?.detail?.lines ?? [];
    await fac.until(() => lines()[0]?.outputMode === 'toOrders', 'line A to orders', STEP);
    expect(lines()[0]).toMatchObject({ outputMode: 'toOrders', stockTarget: 250 });
    expect(lines()[1]).toMatchObject({ outputMode: 'capacity', stockTarget: 0 });
  });
});
