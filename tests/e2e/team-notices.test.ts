import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_MAX } from '@arsenal/shared';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { addOrder, joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * What a team is told in the moments that used to mislead it: a draft left unsent when planning closes
 * is marked "not sent" (and costs nothing), and a message over the limit is refused before sending,
 * with a counter, instead of being cut.
 */

let server: TestServer;
let browser: Browser;
let ex: CreatedExercise;
let fac: SeatClient;
let autoco: Seat;
let dga: SeatClient;
/** While set, the AutoCo page receives no view updates: its screen falls behind the server's. */
let holdUpdates = false;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  ex = await new Http(server.url).create({ scenarioId: 'tutorial', seed: 3 });
  fac = await SeatClient.connect(server.url, ex.facilitator.token);
  browser = await launch();
  autoco = await openSeat(browser, 'autoco');
  await autoco.page.routeWebSocket(/socket\.io/, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((m) => upstream.send(m));
    upstream.onMessage((m) => {
      if (holdUpdates && typeof m === 'string' && /^42\["update"/.test(m)) return;
      ws.send(m);
    });
  });
  dga = await SeatClient.connect(server.url, (await new Http(server.url).join(ex.codes.teams.dga!)).token);
  await joinWith(autoco.page, server.url, ex.codes.teams.autoco!, 'Ana');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  await waitPhase(autoco.page, 'planning');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(autoco.page, 'failed-team-notices-autoco').catch(() => {});
});

afterAll(async () => {
  fac?.socket.disconnect();
  dga?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

describe('a team is told plainly', () => {
  it('a message over the limit is counted and refused before sending, not cut', async () => {
    const p = autoco.page;
    await tab(p, /^Messages/);
    const field = p.getByLabel('Message', { exact: true });
    const words = 'We will deliver the drones on time if the motors arrive. ';
    const long = words.repeat(Math.ceil((TEXT_MAX + 57) / words.length)).slice(0, TEXT_MAX + 57);
    await field.fill(long);
    // nothing was cut in the field: all of it is there, and the counter says how much
    expect((await field.inputValue()).length).toBe(TEXT_MAX + 57);
    await p.getByText(`${(TEXT_MAX + 57).toLocaleString('en')} / 2,000 characters`).waitFor();
    await p.getByText('Too long to send: 57 characters over the 2,000 limit. Shorten it a little.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const send = p.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isDisabled()).toBe(true);
    await field.press('Enter');
    await shoot(p, 'team-message-too-long');
    expect(serious(await audit(p))).toEqual([]);
    expect(fac.view.messages).toEqual([]);

    // shortened to the limit, it goes through whole
    const fits = long.slice(0, TEXT_MAX - 1) + '.';
    await field.fill(fits);
    await p.getByText('2,000 / 2,000 characters').waitFor();
    await send.click();
    await fac.until(() => fac.view.messages.length === 1, 'the message on the server');
    expect(fac.view.messages[0]!.text).toBe(fits.trim());
  });

  it('a refusal for a stale screen says what changed, and goes once it no longer applies', async () => {
    const p = autoco.page;
    const offer = await dga.sendFresh({
      type: 'offerContract',
      counterparty: 'autoco',
      as: 'buyer',
      terms: { product: 'fpv_rf', qty: 1000, unitPrice: 500, type: 'spot', months: 1, startsIn: 0 },
    });
    expect(offer.ok).toBe(true);
    await tab(p, /^Contracts/);
    const card = p.locator('[data-contract="c1"]');
    await card.getByRole('button', { name: 'Accept' }).waitFor({ timeout: STEP });
    // the DGA withdraws while AutoCo's screen still shows the offer open
    holdUpdates = true;
    expect((await dga.sendFresh({ type: 'cancelContract', contract: 'c1' })).ok).toBe(true);
    await card.getByRole('button', { name: 'Accept' }).click();
    holdUpdates = false;
    const notice = p.getByText(
      'Not sent: meanwhile DGA (procurement) withdrew offer c1. Look again, and resend if it still holds.',
    );
    await notice.waitFor({ timeout: STEP });
    await shoot(p, 'team-stale-refusal');
    // the server refused it: c1 stays withdrawn, accepted by no one
    expect(fac.view.contracts.find((c) => c.id === 'c1')?.status).toBe('cancelled');
    expect(fac.view.contracts.find((c) => c.id === 'c1')?.history.map((h) => h.action)).toEqual([
      'offer',
      'withdraw',
    ]);
    // once the exercise moves on (a pause), the refusal no longer applies and goes away
    expect((await fac.sendFresh({ type: 'pause' })).ok).toBe(true);
    await notice.waitFor({ state: 'detached', timeout: STEP });
    expect((await fac.sendFresh({ type: 'resume' })).ok).toBe(true);
    await waitPhase(p, 'planning');
  });

  it('a draft left unsent when planning closes is marked "not sent" and costs nothing', async () => {
    const p = autoco.page;
    await tab(p, /^Orders/);
    await addOrder(p, 'convertLine');
    await p.getByRole('button', { name: /^Submit the orders/ }).click();
    await p.locator('[data-submitted="true"]').waitFor({ timeout: STEP });
    await fac.until(() => (fac.view.all?.orders.autoco ?? []).length === 1, 'the orders on the server');
    const sentCost = (await p.locator('.budget span').first().textContent()) ?? '';
    expect(sentCost).toMatch(/^Orders cost €/);

    // a second order, never sent: the deadline comes first
    await addOrder(p, 'buyComponents', { Source: 'eu', Quantity: '960' });
    await p.getByText('You have changes that are not sent yet.').waitFor();
    expect(await p.locator('ol.order-list > li .cost').count()).toBe(2);
    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    await waitPhase(p, 'review');

    await p
      .getByText('Planning has closed. One change was not sent: only the orders listed first went through.')
      .waitFor();
    const notSent = p.locator('.not-sent li[data-sent="false"]');
    expect(await notSent.count()).toBe(1);
    expect(await notSent.textContent()).toMatch(/^Buy 960 Brushless motor from EU.*not sent$/);
    expect(await p.locator('ol.order-list > li').count()).toBe(1);
    expect(await notSent.locator('.cost').count()).toBe(0);
    // the cost shown is the cost of what went through, as before the unsent change
    expect(await p.locator('.budget span').first().textContent()).toBe(sentCost);
    // and the server holds only the order that was sent
    expect(fac.view.all?.orders.autoco?.map((o) => o.type)).toEqual(['convertLine']);
    await shoot(p, 'team-orders-not-sent');
    expect(serious(await audit(p))).toEqual([]);
    expect(autoco.errors).toEqual([]);
  });
});
