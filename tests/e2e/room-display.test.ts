import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { joinWith, STEP } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * The flagship (nine teams, bots in every seat) on a projector after its first month: the room display
 * fits 16:9 screens without scrolling and shows only the products the fronts asked for.
 */

let server: TestServer;
let browser: Browser;
let created: CreatedExercise;
let fac: SeatClient;
let display: Seat;
const flagship = bundled('france-2025');

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  created = await new Http(server.url).create({
    scenarioId: 'france-2025',
    seed: 5,
    bots: flagship.teams.map((t) => t.id),
  });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  for (const type of ['startPlanning', 'adjudicate', 'publish'] as const)
    expect((await fac.sendFresh({ type })).ok).toBe(true);
  await fac.until(() => fac.view.history.length === 1, 'the first month published');
  browser = await launch();
  display = await openSeat(browser, 'display', { width: 1280, height: 720 });
  await joinWith(display.page, server.url, created.codes.display, 'Projector');
  await display.page.locator('[data-month="2"]').waitFor({ timeout: STEP });
}, 180_000);

afterAll(async () => {
  fac?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

const fits = () =>
  display.page.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    height: window.innerHeight,
    wide: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));

describe('the room display on a projector', () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`fits ${width}×${height} without scrolling`, async () => {
      await display.page.setViewportSize({ width, height });
      await display.page.waitForTimeout(200);
      const size = await fits();
      expect(size.scroll).toBeLessThanOrEqual(size.height);
      expect(size.wide).toBeLessThanOrEqual(size.width);
      // the clock, who submitted, headlines and fronts are all on the screen
      for (const part of ['.display-clock', '.display-teams li', '.display-news', '.display-fronts li']) {
        const box = await display.page.locator(part).first().boundingBox();
        expect(box, part).not.toBeNull();
        expect(box!.y + Math.min(box!.height, 10)).toBeLessThanOrEqual(height);
      }
      await shoot(display.page, `display-${width}x${height}`);
      expect(serious(await audit(display.page))).toEqual([]);
    });
  }

  it('shows only products the fronts asked for, and pages a long list of teams', async () => {
    const month = fac.view.history[0]!;
    const asked = Object.keys(month.demand).filter((p) => (month.demand[p] ?? 0) > 0);
    const made = Object.keys(month.output).filter((p) => !asked.includes(p));
    const shown = await display.page.locator('.display-production .bars > li').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(asked.length);
    const text = (await display.page.locator('.display-production').textContent()) ?? '';
    const names = new Map(flagship.products.map((p) => [p.id, p.name]));
    for (const p of made) expect(text).not.toContain(names.get(p) ?? p);
    // nine teams, six a page: the list says which page it shows
    expect(await display.page.locator('.display-teams li').count()).toBe(6);
    await display.page.locator('.display-teams .page-label', { hasText: '1/2' }).waitFor();
    expect(display.errors).toEqual([]);
  });

  it('pages through a long list of headlines by itself', async () => {
    const label = display.page.locator('.display-news h2 .page-label');
    await label.waitFor({ timeout: STEP });
    const [, page, pages] = /^(\d+)\/(\d+)$/.exec((await label.textContent()) ?? '') ?? [];
    expect(Number(pages)).toBeGreaterThan(1);
    const first = await display.page.locator('.display-news .news li').allTextContents();
    const next = (Number(page) % Number(pages)) + 1;
    await label.filter({ hasText: `${next}/${pages}` }).waitFor({ timeout: STEP });
    const second = await display.page.locator('.display-news .news li').allTextContents();
    expect(first).toHaveLength(4);
    expect(second.length).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
  });
});
