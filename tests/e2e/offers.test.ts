import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { bundled, variant } from '../helpers/scenarios.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import { addOrder, joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * Purchases abroad under competition and stock held abroad, from the order form: the armed forces
 * ship stock home and buy from an offer's monthly release, Red outbids for the offer, and the server
 * holds the orders and, once the month is adjudicated, what they did.
 */

const scenario = variant(bundled('france-2025'), (x) => {
  const armees = x.teams.find((t) => t.id === 'armees')!;
  armees.abroad = { shippingMonths: 1, stock: { shell_155: 5000 } };
  x.injects = [
    {
      id: 'shells_abroad',
      title: 'Shells abroad',
      description: 'A third country sells 155 mm shells, a tranche a month; Red bids too.',
      trigger: { type: 'facilitator' },
      durationMonths: 6,
      effects: [
        {
          type: 'marketOffer',
          product: 'shell_155',
          qty: 20_000,
          price: 5000,
          deliveryMonths: 2,
          releasePerMonth: 4000,
          escalation: 0.1,
          rivalBids: true,
        },
      ],
    },
  ];
});

let server: TestServer;
let browser: Browser;
let created: CreatedExercise;
let fac: SeatClient;
let army: Seat;
let red: Seat;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  created = await new Http(server.url).create({ scenarioText: JSON.stringify(scenario), seed: 3 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  browser = await launch();
  army = await openSeat(browser, 'army');
  red = await openSeat(browser, 'red');
  await joinWith(army.page, server.url, created.codes.teams.armees!, 'Armée');
  await joinWith(red.page, server.url, created.codes.teams.russia!, 'Red');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  expect((await fac.sendFresh({ type: 'fireInject', inject: 'shells_abroad' })).ok).toBe(true);
  await waitPhase(army.page, 'planning');
  await waitPhase(red.page, 'planning');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await shoot(army.page, 'failed-offers-army').catch(() => {});
    await shoot(red.page, 'failed-offers-red').catch(() => {});
  }
});

afterAll(async () => {
  fac?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

describe('purchases abroad and stock held abroad', () => {
  it('the situation shows the army what it holds abroad', async () => {
    await army.page.locator('[data-abroad] li', { hasText: /5,000 155mm artillery shell/ }).waitFor();
  });

  it('the army ships stock home and buys a tranche; Red outbids; the server carries out all three', async () => {
    const offer = fac.view.marketOffers[0]!.id;
    await tab(army.page, /^Orders/);
    await addOrder(army.page, 'repatriate', { Item: 'shell_155', Quantity: '3000' });
    await army.page.locator('.order-list li', { hasText: /ship 3,000 .* home from abroad/i }).waitFor();
    await addOrder(army.page, 'buyMarketOffer', { Offer: offer, Quantity: '4000' });
    await army.page.getByRole('button', { name: /^Submit the orders/ }).click();

    await tab(red.page, /^Orders/);
    await addOrder(red.page, 'outbidOffer', { Offer: offer });
    await red.page.getByRole('button', { name: /^Submit the orders/ }).click();

    const orders = (team: string) => fac.view.all?.orders[team] ?? [];
    await fac.until(
      () => orders('armees').length === 2 && orders('russia').length === 1,
      'orders on the server',
    );
    expect(orders('armees')).toEqual([
      { type: 'repatriate', item: 'shell_155', qty: 3000 },
      { type: 'buyMarketOffer', offer, qty: 4000 },
    ]);
    expect(orders('russia')).toEqual([{ type: 'outbidOffer', offer }]);

    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    await fac.until(() => fac.view.month === 2, 'month 2', STEP);
    expect(fac.view.all?.teams.armees?.abroad).toEqual({ shell_155: 2000 });
    expect(fac.view.deliveries.filter((d) => d.team === 'armees')).toEqual([
      { team: 'armees', item: 'shell_155', qty: 3000, arrivesMonth: 2, repatriated: true },
      { team: 'armees', item: 'shell_155', qty: 4000, arrivesMonth: 3 },
    ]);
    // Red’s outbid holds for month 2: (1 − capMultiplier) of the release went to the rival, the price is up.
    const m = fac.view.marketOffers[0]!;
    const kept = Math.floor(4000 * scenario.rules.outbid.capMultiplier);
    expect(m.available).toBe(kept);
    // Sold so far: the army's 4,000 and the rival's take; the price rises 10 % per release-worth sold.
    const sold = 4000 + (4000 - kept);
    expect(m.price).toBeCloseTo(5000 * (1 + (0.1 * sold) / 4000) * scenario.rules.outbid.priceMultiplier, 6);
    // The army's console shows what ships home and what was bought, as the server has it.
    await army.page.getByRole('tab', { name: /^Situation/ }).click();
    await army.page
      .locator('[data-shipping] li', { hasText: /3,000 .* shipped home, arriving in month 2/ })
      .waitFor();
    await army.page
      .locator('[data-shipping] li', { hasText: /4,000 .* bought abroad, arriving in month 3/ })
      .waitFor();
  });
});
