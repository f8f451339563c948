import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../integration/helpers/server.ts';
import {
  audit,
  CHROMIUM,
  SCREENSHOTS,
  lastAck,
  latency,
  launch,
  openSeat,
  serious,
  shoot,
  type AxeFinding,
  type Seat,
} from './helpers/browser.ts';
import { addOrder, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * A tutorial exercise played for two months through the real client and the real server, one browser
 * context per seat: a facilitator, three teams, an observer and the room display. Every screen is
 * photographed (artifacts/screenshots) and checked with axe-core. Timings are logged, never asserted.
 */

const AXE_REPORT = path.join(SCREENSHOTS, '..', 'axe.json');
let server: TestServer | null = null;
let browser: Browser;
let url = '';
const seats: Record<string, Seat> = {};
const codes: Record<string, string> = {};
const findings: Record<string, AxeFinding[]> = {};
const latencies: { what: string; to: string; received: number; shown: number }[] = [];

const page = (name: string): Page => seats[name]!.page;

/** Photographs a screen and records its accessibility findings. */
async function check(name: string, p: Page): Promise<void> {
  await shoot(p, name);
  findings[name] = await audit(p);
}

async function join(name: string, seat: string): Promise<void> {
  const s = seats[name]!;
  await s.page.goto(`${url}/join?code=${encodeURIComponent(codes[seat]!)}`);
  await s.page.getByLabel('Your name (optional)').fill(name);
  if (name === 'dga') await check('join', s.page);
  await s.page.getByRole('button', { name: 'Join' }).click();
  await s.page.locator('[data-link="live"]').waitFor({ timeout: STEP });
}

async function measure(what: string, from: Page, to: string[]): Promise<void> {
  const ack = await lastAck(from);
  for (const name of to) {
    // the change may still be on its way: give it a moment to land before reading the timings
    for (let i = 0; i < 50; i++) {
      const l = await latency(ack, page(name));
      if (l) {
        latencies.push({ what, to: name, ...l });
        break;
      }
      await page(name).waitForTimeout(20);
    }
  }
}

async function submitOrders(name: string): Promise<void> {
  const p = page(name);
  await tab(p, /^Orders/);
  await p.getByRole('button', { name: /^(Submit the orders|Send the revised orders)/ }).click();
  await p.locator('[data-submitted="true"]').waitFor({ timeout: STEP });
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  // ARSENAL_E2E_URL runs the same steps against a server already running (a dev or staging server).
  if (process.env.ARSENAL_E2E_URL) url = process.env.ARSENAL_E2E_URL.replace(/\/$/, '');
  else {
    server = await serveClient(await buildClient());
    url = server.url;
  }
  browser = await launch();
  for (const name of ['facilitator', 'dga', 'autoco', 'observer'])
    seats[name] = await openSeat(browser, name);
  // the army plays on a tablet; the room display is a 1080p projector
  seats.army = await openSeat(browser, 'army', { width: 820, height: 1180 });
  seats.display = await openSeat(browser, 'display', { width: 1920, height: 1080 });
  // Adjudicate and publish ask for confirmation (tests/e2e/white-cell.test.ts checks the questions).
  seats.facilitator!.page.on('dialog', (d) => void d.accept());
}, 180_000);

// A failed step leaves a picture of every seat, to see what each person was looking at.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const step = ctx.task.name.slice(0, 24).replace(/\W+/g, '-');
  for (const [name, s] of Object.entries(seats))
    await shoot(s.page, `failed-${step}-${name}`).catch(() => {});
});

afterAll(async () => {
  fs.mkdirSync(path.dirname(AXE_REPORT), { recursive: true });
  fs.writeFileSync(AXE_REPORT, JSON.stringify(findings, null, 2));
  await browser?.close();
  await server?.close();
  if (latencies.length) {
    console.log('ack → other browser (ms):');
    for (const l of latencies)
      console.log(`  ${l.what} → ${l.to}: received ${l.received.toFixed(1)}, shown ${l.shown.toFixed(1)}`);
    const shown = latencies.map((l) => l.shown).sort((a, b) => a - b);
    console.log(
      `  median shown ${shown[Math.floor(shown.length / 2)]!.toFixed(1)} ms, max ${shown[shown.length - 1]!.toFixed(1)} ms over ${shown.length}`,
    );
  }
});

describe('a tutorial exercise in six browsers', () => {
  it('the facilitator creates the exercise and gets the join codes', { timeout: 120_000 }, async () => {
    const p = page('facilitator');
    await p.goto(`${url}/`);
    await p.getByLabel('Bundled scenario', { exact: true }).selectOption('tutorial');
    await check('home', p);
    await p.getByRole('button', { name: 'Create the exercise' }).click();
    await p.getByRole('heading', { name: /is ready$/ }).waitFor();
    for (const el of await p.locator('.seat-code').all()) {
      const seat = await el.getAttribute('data-seat');
      const code = await el.locator('.code').getAttribute('data-code');
      if (seat && code) codes[seat] = code;
    }
    expect(Object.keys(codes).sort()).toEqual([
      'display',
      'observer',
      'team:army',
      'team:autoco',
      'team:dga',
    ]);
    await p.locator('img.qr').first().waitFor();
    await check('home-created', p);

    const sheet = await seats.facilitator!.context.newPage();
    await sheet.goto(
      p.url().replace(/\/$/, '') +
        (await p.getByRole('link', { name: 'Printable seat sheet' }).getAttribute('href')),
    );
    await sheet.locator('.card img.qr').first().waitFor();
    await check('seat-sheet', sheet);
    await sheet.close();

    await p.getByRole('button', { name: 'Open the facilitator console' }).click();
    await p.locator('[data-link="live"]').waitFor({ timeout: STEP });
    await check('facilitator-lobby', p);
  });

  it(
    'three teams, an observer and the room display join with their codes',
    { timeout: 120_000 },
    async () => {
      await join('dga', 'team:dga');
      await join('autoco', 'team:autoco');
      await join('army', 'team:army');
      await join('observer', 'observer');
      await join('display', 'display');
      await page('facilitator')
        .locator('tr[data-team="army"] [data-connected="true"]')
        .waitFor({ timeout: STEP });
      await check('team-lobby', page('autoco'));
      await check('display-lobby', page('display'));
    },
  );

  it(
    'month 1: orders, a contract offered and accepted, a message, an inject, an override',
    { timeout: 180_000 },
    async () => {
      const fac = page('facilitator');
      await fac.getByRole('button', { name: 'Start planning' }).click();
      for (const name of ['dga', 'autoco', 'army', 'display']) await waitPhase(page(name), 'planning');
      await measure('start planning', fac, ['dga', 'autoco', 'army', 'display']);

      // AutoCo converts a line; the engine prices it before anything is sent.
      const autoco = page('autoco');
      await tab(autoco, /^Orders/);
      await addOrder(autoco, 'convertLine');
      await autoco.getByText('Orders cost €3.2M').waitFor();
      await check('team-orders', autoco);
      await submitOrders('autoco');
      await measure('AutoCo submits', autoco, ['facilitator', 'display']);

      // The DGA offers a contract; AutoCo accepts it.
      const dga = page('dga');
      await tab(dga, /^Contracts/);
      await dga.getByRole('button', { name: 'Offer a contract' }).click();
      await dga.getByLabel('With').selectOption('autoco');
      await dga.getByLabel('Quantity').fill('3000');
      await dga.getByRole('button', { name: 'Send the offer' }).click();
      await dga.locator('[data-contract="c1"]').waitFor();
      await measure('DGA offers a contract', dga, ['autoco']);
      await tab(autoco, /^Contracts/);
      const offer = autoco.locator('[data-contract="c1"]');
      await offer.waitFor({ timeout: STEP });
      await check('team-contracts', autoco);
      await offer.getByRole('button', { name: 'Accept' }).click();
      await dga.locator('[data-contract="c1"].contract-active').waitFor({ timeout: STEP });
      await measure('AutoCo accepts', autoco, ['dga']);

      // The army writes to the DGA.
      const army = page('army');
      await tab(army, /^Messages/);
      await army.getByLabel('To', { exact: true }).selectOption('dga');
      await army
        .getByLabel('Message', { exact: true })
        .fill('We need 3,000 FPV drones a month on the eastern sector.');
      await army.getByRole('button', { name: 'Send' }).click();
      await tab(dga, /^Messages/);
      await dga
        .getByText('We need 3,000 FPV drones a month on the eastern sector.')
        .waitFor({ timeout: STEP });
      await measure('army message', army, ['dga']);
      await check('team-messages', dga);

      await submitOrders('dga');
      await submitOrders('army');
      await fac.locator('tr[data-team="army"] [data-submitted="true"]').waitFor({ timeout: STEP });

      // The facilitator fires a scenario inject, adjudicates, overrides a figure with a reason, publishes.
      await tab(fac, /^Injects/);
      await fac.locator('[data-inject="minister_visit"]').getByRole('button', { name: 'Fire now' }).click();
      await fac.locator('[data-inject="minister_visit"] .tag').waitFor({ timeout: STEP });
      await check('facilitator-planning', fac);
      await fac.getByRole('button', { name: 'Adjudicate now' }).click();
      await waitPhase(fac, 'review');
      await tab(fac, /^Review/);
      const form = fac.getByRole('form', { name: 'Override a figure' });
      await form.getByLabel('Team').selectOption('autoco');
      await form.getByLabel('New value').fill('40000000');
      await form.getByRole('button', { name: 'Override' }).click();
      await form.getByText('An override needs a reason (at least 3 characters).').waitFor();
      await form.getByLabel('Reason').fill('Union bonus settled out of court at Le Mans.');
      await form.getByRole('button', { name: 'Override' }).click();
      await fac
        .locator('.overrides li', { hasText: 'Union bonus settled out of court' })
        .waitFor({ timeout: STEP });
      await check('facilitator-review', fac);
      await page('observer')
        .getByRole('tab', { name: /^Review/ })
        .click();
      await check('observer-review', page('observer'));
      await fac.getByRole('button', { name: 'Publish to the teams' }).click();
      await page('display').locator('[data-month="2"]').waitFor({ timeout: STEP });
      await measure('publish month 1', fac, ['dga', 'autoco', 'army', 'display']);
      await check('display-month2', page('display'));
    },
  );

  it(
    'month 2: a team reloads mid-turn and carries on; the month is published',
    { timeout: 180_000 },
    async () => {
      const autoco = page('autoco');
      await waitPhase(autoco, 'planning');
      await tab(autoco, /^Results/);
      await autoco.getByRole('heading', { name: 'Month 1: what happened' }).waitFor({ timeout: STEP });
      await check('team-results', autoco);

      await tab(autoco, /^Orders/);
      await addOrder(autoco, 'buyComponents', { Source: 'eu', Quantity: '960' });
      await autoco.reload();
      await autoco.locator('[data-link="live"]').waitFor({ timeout: STEP });
      await tab(autoco, /^Orders/);
      await autoco.getByText('You have changes that are not sent yet.').waitFor();
      await autoco.getByText(/^Buy 960 Brushless motor from EU/).waitFor();
      await submitOrders('autoco');

      await submitOrders('dga');
      await submitOrders('army');
      const fac = page('facilitator');
      await fac.getByRole('button', { name: 'Adjudicate now' }).click();
      await waitPhase(fac, 'review');
      await fac.getByRole('button', { name: 'Publish the month' }).click();
      await page('display').locator('[data-month="3"]').waitFor({ timeout: STEP });
      await measure('publish month 2', fac, ['autoco', 'display']);

      await tab(autoco, /^History/);
      await autoco.locator('.chart-plot circle').first().waitFor({ timeout: STEP });
      await check('team-history', autoco);
      await tab(autoco, /^Situation/);
      await check('team-situation', autoco);
      await check('facilitator-month3', fac);
      await check('team-tablet', page('army'));

      // The observer files an insight, in French (the flagship's language).
      const observer = page('observer');
      await observer.getByLabel('Language').selectOption('fr');
      await tab(observer, /^Observations/);
      await observer.getByLabel('À propos d’une équipe').selectOption('autoco');
      await observer
        .getByLabel('Texte', { exact: true })
        .fill('AutoCo a converti sans carnet de commandes pluriannuel.');
      await observer.getByRole('button', { name: 'Ajouter' }).click();
      await observer.locator('.note-list li[data-kind="insight"]').waitFor({ timeout: STEP });
      await fac.getByRole('tab', { name: /^Notes/ }).click();
      await fac
        .getByText('AutoCo a converti sans carnet de commandes pluriannuel.')
        .waitFor({ timeout: STEP });
      await check('observer-insights-fr', observer);
      await check('display-month3', page('display'));
    },
  );

  it('every screen passes axe-core without a serious or critical violation', () => {
    const bad = Object.entries(findings).flatMap(([screen, f]) =>
      serious(f).map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`),
    );
    expect(Object.keys(findings).length).toBeGreaterThanOrEqual(14);
    expect(bad).toEqual([]);
  });

  it('no page logged an error', () => {
    const errors = Object.values(seats).flatMap((s) => s.errors);
    expect(errors).toEqual([]);
  });
});
