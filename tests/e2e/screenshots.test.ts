import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, SCREENSHOTS } from './helpers/browser.ts';
import { createFromHome, joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * Every screen at a laptop's 1366×768 and a tablet's 768×1024 (the projector at 1280×720 and
 * 1920×1080), saved under artifacts/screenshots for people to look at: the home page, the created
 * exercise, the join page, a team's console, the facilitator's console, the seat sheet, the replay
 * viewer, the observer and the room display. Each screen is reached as a person would (the exercise is
 * created from the home page, seats join with their codes), the server holds what the screen shows it
 * holds, and axe finds nothing serious.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function check(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  expect(fs.existsSync(`${SCREENSHOTS}/${name}.png`)).toBe(true);
  expect(serious(await audit(page)), name).toEqual([]);
}

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '768x1024', width: 768, height: 1024 },
];

describe('every screen, saved at each size', () => {
  for (const size of SIZES) {
    it(`at ${size.name}`, { timeout: 300_000 }, async () => {
      const fac = await openSeat(browser, 'facilitator', size);
      await fac.page.goto(`${server.url}/`);
      await fac.page.getByRole('button', { name: 'Create the exercise' }).waitFor({ timeout: STEP });
      await check(fac.page, `screen-home-${size.name}`);

      const created = await createFromHome(fac.page, server.url, 'france-2025');
      // The home page made a real exercise of the flagship on the server, with a code per seat.
      const session = server.app.sessions.loaded(created.exerciseId);
      expect(session?.scenario.meta.id).toBe('france-2025');
      expect(Object.keys(created.codes).length).toBe(session!.scenario.teams.length + 2);
      await check(fac.page, `screen-facilitator-${size.name}`);

      const sheet = await fac.context.newPage();
      await sheet.goto(`${server.url}/x/${created.exerciseId}/sheet`);
      await sheet.locator('.card img.qr').first().waitFor({ timeout: STEP });
      await check(sheet, `screen-seat-sheet-${size.name}`);
      await sheet.close();

      const replay = await fac.context.newPage();
      await replay.goto(`${server.url}/x/${created.exerciseId}/replay`);
      await replay.locator('main').first().waitFor({ timeout: STEP });
      await replay.getByRole('heading').first().waitFor({ timeout: STEP });
      await check(replay, `screen-replay-${size.name}`);
      await replay.close();

      const team = await openSeat(browser, 'autoco', size);
      const teamSeat = Object.keys(created.codes).find((s) => s !== 'observer' && s !== 'display')!;
      await team.page.goto(`${server.url}/join?code=${encodeURIComponent(created.codes[teamSeat]!)}`);
      await team.page.getByRole('button', { name: 'Join' }).waitFor({ timeout: STEP });
      await check(team.page, `screen-join-${size.name}`);
      await joinWith(team.page, server.url, created.codes[teamSeat]!, 'Ana');
      expect(team.page.url()).toContain(`/x/${created.exerciseId}/team/`);
      await check(team.page, `screen-team-${size.name}`);

      const observer = await openSeat(browser, 'observer', size);
      await joinWith(observer.page, server.url, created.codes.observer!, 'Analyst');
      expect(observer.page.url()).toContain(`/x/${created.exerciseId}/observer`);
      await check(observer.page, `screen-observer-${size.name}`);

      for (const projector of [
        { width: 1280, height: 720 },
        { width: 1920, height: 1080 },
      ]) {
        const display = await openSeat(browser, 'display', projector);
        await joinWith(display.page, server.url, created.codes.display!, 'Projector');
        expect(display.page.url()).toContain(`/x/${created.exerciseId}/display`);
        await check(display.page, `screen-display-${projector.width}x${projector.height}`);
        await display.context.close();
      }

      expect([...fac.errors, ...team.errors, ...observer.errors]).toEqual([]);
      await Promise.all([fac.context.close(), team.context.close(), observer.context.close()]);
    });
  }

  it(
    'the free-form actions: the Actions tab of a team and the board of the White Cell, at 1366x768',
    { timeout: 300_000 },
    async () => {
      const size = SIZES[0]!;
      const fac = await openSeat(browser, 'facilitator', size);
      const created = await createFromHome(fac.page, server.url, 'tutorial');
      const team = await openSeat(browser, 'dga', size);
      await joinWith(team.page, server.url, created.codes['team:dga']!, 'Dana');
      await fac.page.locator('[data-command="startPlanning"]').click();
      await team.page.locator('.topbar [data-phase="planning"]').waitFor({ timeout: STEP });
      await tab(team.page, /^Actions/);
      const form = team.page.getByRole('form', { name: 'Propose an action' });
      await form.getByLabel('What you do').fill('Ask Germany for its powder reserve');
      await form.getByLabel(/^Why it should work/).fill('Berlin owes us a favour.');
      await form.getByRole('button', { name: 'Propose to the White Cell' }).click();
      await team.page.locator('.action-item[data-state="proposed"]').waitFor({ timeout: STEP });
      // the proposal is on the server, waiting
      const session = server.app.sessions.loaded(created.exerciseId)!;
      expect(session.current().context.actions?.map((a) => a.title)).toEqual([
        'Ask Germany for its powder reserve',
      ]);
      await check(team.page, `screen-team-actions-${size.name}`);
      await tab(fac.page, /^Actions/);
      await fac.page.locator('.actions-board .action-item[data-state="proposed"]').waitFor({ timeout: STEP });
      await check(fac.page, `screen-facilitator-actions-${size.name}`);
      expect([...fac.errors, ...team.errors]).toEqual([]);
      await Promise.all([fac.context.close(), team.context.close()]);
    },
  );
});

/** The element is wholly inside the window as the page opens, without scrolling. */
async function onFirstScreen(page: Page, selector: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const el = page.locator(selector).first();
  await el.waitFor({ timeout: STEP });
  const box = await el.boundingBox();
  const size = page.viewportSize()!;
  expect(box, selector).not.toBeNull();
  expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(size.height);
  expect(box!.x + box!.width, `${selector} right`).toBeLessThanOrEqual(size.width);
}

describe('every White Cell screen at 1366×768', () => {
  it(
    'briefing, glossary, guided tutorial (en, fr), inbox with an RFI, dashboard, run sheet, view as, review',
    { timeout: 300_000 },
    async () => {
      const size = { width: 1366, height: 768 };
      const fac = await openSeat(browser, 'facilitator', size);
      const created = await createFromHome(fac.page, server.url, 'tutorial');
      const team = await openSeat(browser, 'autoco', size);
      await joinWith(team.page, server.url, created.codes['team:autoco']!, 'Alex');
      const session = server.app.sessions.loaded(created.exerciseId)!;
      const t = team.page;

      // the briefing with its objectives, the glossary, the tutorial's first hint
      await t.getByRole('tab', { name: 'Briefing', selected: true }).waitFor({ timeout: STEP });
      await t.locator('[data-objective="profit"] [data-target]').waitFor({ timeout: STEP });
      expect(await t.locator('[data-objective]').count()).toBe(
        session.scenario.teams.find((x) => x.id === 'autoco')!.objectives.length,
      );
      await check(t, 'whitecell-briefing-1366x768');
      await t.locator('.topbar').getByRole('button', { name: 'Glossary' }).click();
      await t.getByRole('dialog', { name: 'Glossary' }).waitFor({ timeout: STEP });
      await check(t, 'whitecell-glossary-1366x768');
      await t.getByRole('dialog', { name: 'Glossary' }).getByRole('button', { name: 'Close' }).click();
      await t.locator('.guide[data-step="read"]').waitFor({ timeout: STEP });
      await check(t, 'whitecell-tutorial-1366x768');
      // the tutorial's hints in the reader's language
      await t.getByLabel('Language').selectOption('fr');
      await t.locator('html[lang="fr"]').waitFor({ timeout: STEP });
      const hint = session.scenario.teams.find((x) => x.id === 'autoco')!.guide![0]!.hint;
      expect(typeof hint === 'object' && hint.fr).toBeTruthy();
      expect(await t.locator('.guide [data-hint]').textContent()).toBe(
        typeof hint === 'object' ? hint.fr : '',
      );
      await check(t, 'whitecell-tutorial-fr-1366x768');
      await t.getByLabel('Langue').selectOption('en');
      await t.locator('html[lang="en"]').waitFor({ timeout: STEP });

      // planning: a request for information from the team, in the inbox
      const f = fac.page;
      await f.getByRole('button', { name: 'Start planning' }).click();
      await waitPhase(t, 'planning');
      await tab(t, /^Messages/);
      await t.getByLabel('To', { exact: true }).selectOption('facilitator');
      await t.getByRole('checkbox', { name: /Request for information/ }).check();
      await t.getByLabel('Message', { exact: true }).fill('Which components are embargo-safe?');
      await t.getByRole('button', { name: 'Send', exact: true }).click();
      await f.locator('[data-alert="questions"][data-count="1"]').waitFor({ timeout: STEP });
      expect(session.current().context.messages.some((m) => m.rfi !== undefined)).toBe(true);
      // the dashboard: the alerts and the phase's main action on the first screen
      await onFirstScreen(f, '.alerts');
      await onFirstScreen(f, '[data-command="adjudicate"]');
      await check(f, 'whitecell-dashboard-planning-1366x768');
      await tab(f, /^Inbox/);
      await f.locator('.inbox-item[data-rfi]').waitFor({ timeout: STEP });
      await check(f, 'whitecell-inbox-rfi-1366x768');
      await tab(f, /^Run sheet/);
      await f.locator('.run-row').first().waitFor({ timeout: STEP });
      expect(await f.locator('.run-row').count()).toBe(session.scenario.injects.length);
      await check(f, 'whitecell-run-sheet-1366x768');
      await tab(f, /^View as/);
      await f.getByLabel('Seat', { exact: true }).selectOption('team:autoco');
      await f.locator('[data-view-as="team:autoco"]').waitFor({ timeout: STEP });
      await check(f, 'whitecell-view-as-1366x768');

      // review: shortfalls highlighted, the alerts and Publish on the first screen
      f.once('dialog', (d) => void d.accept());
      await f.getByRole('button', { name: 'Adjudicate now' }).click();
      await waitPhase(f, 'review');
      await f.locator('.review-production tr[data-short="true"]').first().waitFor({ timeout: STEP });
      expect(session.phase).toBe('review');
      await onFirstScreen(f, '.alerts');
      await onFirstScreen(f, '[data-command="publish"]');
      await check(f, 'whitecell-review-1366x768');

      expect([...fac.errors, ...team.errors]).toEqual([]);
      await Promise.all([fac.context.close(), team.context.close()]);
    },
  );
});
