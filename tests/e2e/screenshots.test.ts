import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, SCREENSHOTS } from './helpers/browser.ts';
import { createFromHome, joinWith, STEP, tab } from './helpers/room.ts';
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
