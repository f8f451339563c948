import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import { addOrder, joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * Two people on one seat, each with a laptop: both see the team's submitted orders, who sent them and
 * when; a draft begun on an older order set is not sent over the newer one without the person seeing
 * it, and the server refuses a stale set.
 */

let server: TestServer;
let browser: Browser;
let created: CreatedExercise;
let fac: SeatClient;
let ana: Seat;
let ben: Seat;

const orders = () => fac.view.all?.orders.autoco ?? [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  created = await new Http(server.url).create({ scenarioId: 'tutorial', seed: 3 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  browser = await launch();
  ana = await openSeat(browser, 'ana');
  ben = await openSeat(browser, 'ben');
  await joinWith(ana.page, server.url, created.codes.teams.autoco!, 'Ana');
  await joinWith(ben.page, server.url, created.codes.teams.autoco!, 'Ben');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  for (const p of [ana.page, ben.page]) {
    await waitPhase(p, 'planning');
    await tab(p, /^Orders/);
  }
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const s of [ana, ben]) await shoot(s.page, `failed-shared-seat-${s.name}`).catch(() => {});
});

afterAll(async () => {
  fac?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

const submit = async (p: Page) => {
  await p.getByRole('button', { name: /^(Submit the orders|Send the revised orders)/ }).click();
  await p.locator('[data-submitted="true"]').waitFor({ timeout: STEP });
};

describe('two devices on one seat', () => {
  it('the other device shows the submitted orders, who sent them and when', async () => {
    await addOrder(ana.page, 'convertLine');
    await submit(ana.page);
    await fac.until(() => orders().length === 1, 'Ana’s orders on the server');
    const set = ben.page.locator('[data-order-set]');
    await set.filter({ hasText: /^1 order sent by Ana at \d\d:\d\d/ }).waitFor({ timeout: STEP });
    await ben.page.locator('.order-list li', { hasText: /^Convert/ }).waitFor();
    // Ben's button resends what is there, not an empty set
    await ben.page.getByRole('button', { name: 'Send the revised orders (1)' }).waitFor();
    await shoot(ben.page, 'team-orders-second-device');
  });

  it('a draft begun on an older set is held back, and the server refuses a stale set', async () => {
    const before = orders();
    // Ben starts changing the orders…
    await addOrder(ben.page, 'buyComponents', { Source: 'eu', Quantity: '960' });
    await ben.page.getByText('You have changes that are not sent yet.').waitFor();
    // …while Ana drops the conversion and sends an empty set.
    await ana.page.getByRole('button', { name: 'Remove order 1' }).click();
    await submit(ana.page);
    await fac.until(() => orders().length === 0, 'Ana’s empty set on the server');

    const notice = ben.page.locator('.notice-warn', {
      hasText: 'Another device on your seat sent new orders',
    });
    await notice.waitFor({ timeout: STEP });
    await expect(
      ben.page.getByRole('button', { name: /^Send the revised orders/ }).isDisabled(),
    ).resolves.toBe(true);
    await shoot(ben.page, 'team-orders-stale-draft');

    // the same stale set sent straight to the server is refused, and changes nothing
    const joined = await new Http(server.url).join(created.codes.teams.autoco!, 'Cy');
    const cy = await SeatClient.connect(server.url, joined.token);
    const stale = await cy.sendFresh({ type: 'submitOrders', orders: before, basedOn: 0 });
    cy.socket.disconnect();
    expect(stale).toMatchObject({ ok: false, code: 'order/stale_set' });
    expect(orders()).toEqual([]);

    // Ben chooses to replace Ana's set with his draft: the server holds it, Ana's device says so
    await notice.getByRole('button', { name: 'Replace them with my draft' }).click();
    await submit(ben.page);
    await fac.until(() => orders().length === 2, 'Ben’s orders on the server');
    expect(orders().map((o) => o.type)).toEqual(['convertLine', 'buyComponents']);
    await ana.page
      .locator('[data-order-set]', { hasText: /^2 orders sent by Ben at/ })
      .waitFor({ timeout: STEP });
    expect(await ana.page.locator('.order-list li').count()).toBe(2);
  });

  it('"Drop my changes and take these" takes the newer set', async () => {
    await addOrder(ana.page, 'buyComponents', { Source: 'eu', Quantity: '100' });
    await ben.page.getByRole('button', { name: 'Remove order 2' }).click();
    await submit(ben.page);
    await fac.until(() => orders().length === 1, 'Ben’s set of one');
    const notice = ana.page.locator('.notice-warn', { hasText: 'Another device on your seat' });
    await notice.getByRole('button', { name: 'Drop my changes and take these' }).click();
    await ana.page.locator('[data-submitted="true"]').waitFor({ timeout: STEP });
    expect(await ana.page.locator('.order-list li').count()).toBe(1);
    expect(orders().length).toBe(1);
    expect([...ana.errors, ...ben.errors]).toEqual([]);
  });
});
