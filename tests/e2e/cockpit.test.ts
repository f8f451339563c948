import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeatClient } from '../integration/helpers/client.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import {
  addOrder,
  createFromHome,
  joinWith,
  seatToken,
  STEP,
  tab,
  waitPhase,
  type Created,
} from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * The console as a dashboard, "view as" and the team's briefing in a real browser (issue 15 items 5,
 * 6, 7), each checked against the server: the briefing's objectives in human units and the glossary;
 * at 1366×768 the alerts and the phase's main action on the first screen in planning and in review;
 * "view as" a team showing that team's own view (its cash, not a rival's) as the server computes it;
 * the replay viewer in a new tab; the facilitator link shown again and opened on a second device.
 */

let server: TestServer;
let browser: Browser;
let fac: Seat;
let dga: Seat;
let autoco: Seat;
let ex: Created;
/** Socket clients on the same seats, reading what the server holds. */
let facServer: SeatClient;
let autocoServer: SeatClient;
let dgaServer: SeatClient;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  browser = await launch();
  fac = await openSeat(browser, 'facilitator', { width: 1366, height: 768 });
  dga = await openSeat(browser, 'dga', { width: 1366, height: 768 });
  autoco = await openSeat(browser, 'autoco', { width: 1366, height: 768 });
  fac.page.on('dialog', (d) => void d.accept());
  ex = await createFromHome(fac.page, server.url, 'tutorial');
  await joinWith(dga.page, server.url, ex.codes['team:dga']!, 'Dana');
  await joinWith(autoco.page, server.url, ex.codes['team:autoco']!, 'Alex');
  facServer = await SeatClient.connect(server.url, await seatToken(fac.page, ex.exerciseId, 'facilitator'));
  dgaServer = await SeatClient.connect(server.url, await seatToken(dga.page, ex.exerciseId, 'team:dga'));
  autocoServer = await SeatClient.connect(
    server.url,
    await seatToken(autoco.page, ex.exerciseId, 'team:autoco'),
  );
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const s of [fac, dga, autoco]) await shoot(s.page, `failed-cockpit-${s.name}`).catch(() => {});
});

afterAll(async () => {
  for (const c of [facServer, dgaServer, autocoServer]) c?.close();
  await browser?.close();
  await server?.close();
});

/** The element is wholly inside the window as it opens, without scrolling. */
async function onFirstScreen(p: Page, selector: string): Promise<void> {
  await p.evaluate(() => window.scrollTo(0, 0));
  const el = p.locator(selector).first();
  await el.waitFor({ timeout: STEP });
  const box = await el.boundingBox();
  const size = p.viewportSize();
  expect(box, selector).not.toBeNull();
  expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(size!.height);
  expect(box!.x + box!.width, `${selector} right`).toBeLessThanOrEqual(size!.width);
}

describe('the briefing', () => {
  it('shows each team its role, its objectives in human units and the first decisions', async () => {
    await fac.page.getByRole('button', { name: 'Start the briefing' }).click();
    await facServer.until(() => facServer.view.phase === 'briefing', 'briefing');
    const p = autoco.page;
    await waitPhase(p, 'briefing');
    await p.getByRole('tab', { name: 'Briefing', selected: true }).waitFor({ timeout: STEP });
    const spec = (await autocoServer.resync(), autocoServer.view);
    expect(await p.locator('[data-role]').textContent()).toBe(
      'A Renault-like car maker with two civil lines at Le Mans; not a defence supplier yet.',
    );
    // the targets as the server's view states them (autoco: profit ≥ €5M, sovereignty ≥ 0.5)
    const targets = spec.me!.objectives.map((o) => ({ id: o.id, op: o.op, target: o.target }));
    expect(targets).toEqual([
      { id: 'profit', op: '>=', target: 5_000_000 },
      { id: 'sovereign_inputs', op: '>=', target: 0.5 },
    ]);
    const profit = await p.locator('[data-objective="profit"] [data-target]').textContent();
    const share = await p.locator('[data-objective="sovereign_inputs"] [data-target]').textContent();
    expect(profit).toBe('target ≥ €5M');
    expect(share).toMatch(/^target ≥ 50\s?%$/);
    const brief = await p.locator('.briefing').textContent();
    expect(brief).not.toMatch(/5000000|>=|0\.5\b/);
    // an industry team's first decisions: its order kinds and contracts
    expect(
      await p.locator('[data-decision]').evaluateAll((els) => els.map((e) => e.dataset.decision)),
    ).toEqual(expect.arrayContaining(['convertLine', 'buyComponents', 'contracts']));
    // the guided tutorial starts on its first hint
    expect(await p.locator('.guide').getAttribute('data-step')).toBe('read');
    await shoot(p, 'cockpit-briefing');

    const d = dga.page;
    await d.getByRole('tab', { name: 'Briefing', selected: true }).waitFor({ timeout: STEP });
    expect(await d.locator('[data-objective="fpv_delivered"] [data-target]').textContent()).toBe(
      'target ≥ 5,000',
    );
    expect(
      await d.locator('[data-decision]').evaluateAll((els) => els.map((e) => e.dataset.decision)),
    ).toEqual(expect.arrayContaining(['budget', 'contracts']));
  });

  it('opens the glossary from the bar, in the reader’s language', async () => {
    const p = autoco.page;
    await p.locator('.topbar').getByRole('button', { name: 'Glossary' }).click();
    const dialog = p.getByRole('dialog', { name: 'Glossary' });
    await dialog.waitFor({ timeout: STEP });
    for (const term of ['nameplate', 'ramp', 'EW level', 'fire ratio'])
      expect(await dialog.locator('dt').allTextContents()).toContain(term);
    expect(await dialog.locator('[data-term="nameplate"] dd').textContent()).toBe(
      'Units per month a line makes at full rate.',
    );
    await shoot(p, 'cockpit-glossary');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: STEP });
    // from another screen too: the facilitator's console has the same bar
    await fac.page.locator('.topbar').getByRole('button', { name: 'Glossary' }).click();
    await fac.page.getByRole('dialog', { name: 'Glossary' }).waitFor({ timeout: STEP });
    await fac.page.getByRole('dialog', { name: 'Glossary' }).getByRole('button', { name: 'Close' }).click();
  });
});

describe('the dashboard at 1366×768', () => {
  it('planning: alerts (questions, absent teams, orders not sent, deadline) and the main action on the first screen', async () => {
    const p = fac.page;
    await p.getByRole('button', { name: 'Start planning' }).click();
    await facServer.until(() => facServer.view.phase === 'planning', 'planning');
    await waitPhase(p, 'planning');
    expect(
      (await dgaServer.sendFresh({ type: 'message', to: ['facilitator'], text: 'Is the DGA envelope firm?' }))
        .ok,
    ).toBe(true);
    await p.locator('[data-alert="questions"][data-count="1"]').waitFor({ timeout: STEP });
    await onFirstScreen(p, '.alerts');
    await onFirstScreen(p, '[data-command="adjudicate"]');
    // what the alerts list is what the server holds: human teams without orders, seats with no device
    await facServer.resync();
    const waiting = facServer.view.teams.filter((t) => !t.bot && !t.submitted).map((t) => t.name);
    expect(waiting.length).toBe(3);
    expect(await p.locator('[data-alert="waiting"]').textContent()).toBe(
      `Orders not sent yet: ${waiting.join(', ')}`,
    );
    const absent = facServer.view.teams.filter(
      (t) => !(facServer.sync?.presence ?? []).some((e) => e.seat === `team:${t.id}` && e.connections > 0),
    );
    expect(absent.map((t) => t.id)).toEqual(['army']);
    expect(await p.locator('[data-alert="absent"]').textContent()).toBe(
      `No device connected: ${absent[0]!.name}`,
    );
    await p.locator('[data-alert="questions"] button').click();
    await p.getByRole('tab', { name: /^Inbox/, selected: true }).waitFor({ timeout: STEP });
    await shoot(p, 'cockpit-dashboard-planning');
  });

  it('view as: the facilitator sees a team’s own view, as the server computes it for that team', async () => {
    const p = fac.page;
    await tab(p, /^View as/);
    await p.getByLabel('Seat', { exact: true }).selectOption('team:autoco');
    const frame = p.locator('[data-view-as="team:autoco"]');
    await frame.waitFor({ timeout: STEP });
    await autocoServer.resync();
    const own = autocoServer.view;
    expect(Number(await frame.getAttribute('data-version'))).toBe(autocoServer.version);
    // AutoCo's private cash, as its own view has it and as its own screen writes it
    expect(own.me?.team.money).toBe(50_000_000);
    const shownCash = await frame.locator('.stat', { hasText: 'Cash' }).textContent();
    await tab(autoco.page, /^Situation/);
    const teamCash = await autoco.page.locator('.stat', { hasText: 'Cash' }).textContent();
    expect(shownCash).toContain('€50M');
    expect(shownCash).toBe(teamCash);
    await shoot(p, 'cockpit-view-as-team');

    // as DGA: DGA's cash, and nothing of AutoCo's secret
    await p.getByLabel('Seat', { exact: true }).selectOption('team:dga');
    const dgaFrame = p.locator('[data-view-as="team:dga"]');
    await dgaFrame.waitFor({ timeout: STEP });
    await dgaServer.resync();
    expect(dgaServer.view.teams.find((t) => t.id === 'autoco')?.money).toBeUndefined();
    expect(await dgaFrame.locator('.stat', { hasText: 'Cash' }).textContent()).toContain('€60M');
    expect(await dgaFrame.textContent()).not.toContain('€50M');
    // its messages tab: the question DGA sent, which AutoCo may not read
    await dgaFrame.getByRole('tab', { name: /^Messages/ }).click();
    expect(await dgaFrame.textContent()).toContain('Is the DGA envelope firm?');
    expect(dgaServer.view.messages.map((m) => m.text)).toContain('Is the DGA envelope firm?');

    // live: a command of the team shows without touching the console
    expect(
      (await dgaServer.sendFresh({ type: 'message', to: ['facilitator'], text: 'A second question' })).ok,
    ).toBe(true);
    await dgaFrame.getByText('A second question').waitFor({ timeout: STEP });

    await p.getByLabel('Seat', { exact: true }).selectOption('display');
    await p.locator('[data-view-as="display"]').waitFor({ timeout: STEP });
    await shoot(p, 'cockpit-view-as-display');
  });

  it('guided tutorial: a first-time player follows the hints, each advancing when the server shows it done', async () => {
    const p = autoco.page;
    const hint = p.locator('.guide');
    const steps = (await autocoServer.resync(), autocoServer.sync!.view);
    expect(steps.phase).toBe('planning');
    await p.locator('.guide[data-step="convert"]').waitFor({ timeout: STEP });
    expect(await hint.locator('[data-hint]').textContent()).toMatch(/^Open Orders, add “Convert a line”/);
    await shoot(p, 'cockpit-tutorial-hint');
    await tab(p, /^Orders/);
    await addOrder(p, 'convertLine');
    // a draft is not the step: the hint waits for the server
    expect(await hint.getAttribute('data-step')).toBe('convert');
    await p.getByRole('button', { name: /^(Submit the orders|Send the revised orders)/ }).click();
    await autocoServer.until(
      () => autocoServer.view.me!.orders.some((o) => o.type === 'convertLine'),
      'convert',
    );
    await p.locator('.guide[data-step="components"]').waitFor({ timeout: STEP });
    await addOrder(p, 'buyComponents', { Source: 'eu', Quantity: '960' });
    await p.getByRole('button', { name: /^(Submit the orders|Send the revised orders)/ }).click();
    await autocoServer.until(
      () => autocoServer.view.me!.orders.some((o) => o.type === 'buyComponents'),
      'components',
    );
    await p.locator('.guide[data-step="results"]').waitFor({ timeout: STEP });
    expect(await p.locator('[data-guide-step="convert"]').getAttribute('data-done')).toBe('true');
  });

  it('review: the review on top, the alerts and Publish on the first screen', async () => {
    const p = fac.page;
    await p.getByRole('button', { name: 'Adjudicate now' }).click();
    await facServer.until(() => facServer.view.phase === 'review', 'review', 60_000);
    await waitPhase(p, 'review');
    await p.getByRole('tab', { name: /^Review/, selected: true }).waitFor({ timeout: STEP });
    await onFirstScreen(p, '.alerts');
    await onFirstScreen(p, '[data-command="publish"]');
    // the review's heading comes before the teams grid
    const review = await p.locator('#rev-title').boundingBox();
    const grid = await p.locator('#grid-title').boundingBox();
    expect(review!.y).toBeLessThan(grid!.y);
    expect(review!.y).toBeLessThan(768);
    await shoot(p, 'cockpit-dashboard-review');
  });

  it('opens the replay viewer in a new tab; the console stays', async () => {
    const p = fac.page;
    const url = p.url();
    const [replay] = await Promise.all([
      fac.context.waitForEvent('page'),
      p.getByRole('link', { name: 'Open the replay viewer and report' }).click(),
    ]);
    await replay.waitForURL(/\/replay$/, { timeout: STEP });
    await replay.locator('[data-verified]').waitFor({ timeout: STEP });
    expect(p.url()).toBe(url);
    await p.locator('[data-link="live"]').waitFor({ timeout: STEP });
    await replay.close();
  });

  it('shows the facilitator link again; a second device opens the console with it', async () => {
    const p = fac.page;
    await p.getByRole('button', { name: 'Show the facilitator link' }).click();
    const link = await p.locator('[data-facilitator-link]').getAttribute('href');
    expect(link).toMatch(new RegExp(`/x/${ex.exerciseId}/facilitator#token=`));
    await shoot(p, 'cockpit-facilitator-link');
    const second = await openSeat(browser, 'second-white-cell', { width: 1366, height: 768 });
    await second.page.goto(link!);
    await second.page.locator('[data-link="live"]').waitFor({ timeout: STEP });
    await second.page.locator('[data-command="publish"]').waitFor({ timeout: STEP });
    // the server took it: the facilitator seat now has one more connection
    const connections = async () => {
      await facServer.resync();
      return (facServer.sync?.presence ?? [])
        .filter((e) => e.seat === 'facilitator')
        .reduce((n, e) => n + e.connections, 0);
    };
    await expect.poll(connections, { timeout: STEP }).toBe(3);
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it('publishing the month completes the tutorial’s last step', async () => {
    await fac.page.locator('[data-command="publish"]').first().click();
    await autocoServer.until(() => autocoServer.view.history.length === 1, 'published');
    await autoco.page.locator('.guide[data-step="done"]').waitFor({ timeout: STEP });
    // it stays done after a reload (and the orders, cleared by publication, do not send it back)
    await autoco.page.reload();
    await autoco.page.locator('.guide[data-step="done"]').waitFor({ timeout: STEP });
    expect(autocoServer.view.me!.orders).toEqual([]);
  });
});
