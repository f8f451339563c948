import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announcementsNow, objectiveStatus, type ExerciseState } from '@arsenal/shared';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { joinWith, STEP, tab } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * The room through a whole tutorial exercise: announcements made in the facilitator console leave the
 * projector at the next month unless pinned (the pin and unpin buttons reach the server's state);
 * once the exercise ends the projector shows the outcome, never "waiting" for every team, and the team's objectives read met or missed.
 */

const tutorial = bundled('tutorial');
let server: TestServer;
let browser: Browser;
let ex: CreatedExercise;
let watch: SeatClient;
let fac: Seat;
let display: Seat;
let autoco: Seat;

const state = (): ExerciseState => server.app.sessions.get(ex.exerciseId)!.current();
const note = (text: string) => state().context.notes.find((n) => n.text === text);
/** The announcements on the projector, in order. */
const onProjector = () => display.page.locator('.display-news .announcement').allTextContents();

async function nextMonth(): Promise<void> {
  const month = watch.view.month;
  await watch.until(() => watch.view.teams.filter((t) => t.bot).every((t) => t.submitted), 'bots submitted');
  expect((await watch.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
  expect((await watch.sendFresh({ type: 'publish' })).ok).toBe(true);
  if (state().phase !== 'finished')
    await display.page.locator(`[data-month="${month + 1}"]`).waitFor({ timeout: STEP });
}

async function announce(text: string, pinned: boolean): Promise<void> {
  const form = fac.page.getByRole('form', { name: 'Announcement' });
  await form.getByLabel('Text', { exact: true }).fill(text);
  if (pinned) await form.getByLabel(/Pin it: keep it/).check();
  await form.getByRole('button', { name: 'Announce' }).click();
  await form.locator('.announce-list li', { hasText: text }).waitFor({ timeout: STEP });
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  ex = await new Http(server.url).create({ scenarioId: 'tutorial', seed: 9, bots: ['dga', 'army'] });
  watch = await SeatClient.connect(server.url, ex.facilitator.token);
  browser = await launch();
  fac = await openSeat(browser, 'facilitator', { width: 1366, height: 768 });
  fac.page.on('dialog', (d) => void d.accept()); // adjudicate asks, naming the team without orders
  display = await openSeat(browser, 'display', { width: 1280, height: 720 });
  autoco = await openSeat(browser, 'autoco', { width: 1366, height: 768 });
  await fac.page.goto(
    `${server.url}/x/${ex.exerciseId}/facilitator#token=${encodeURIComponent(ex.facilitator.token)}`,
  );
  await fac.page.locator('[data-link="live"]').waitFor({ timeout: STEP });
  await joinWith(display.page, server.url, ex.codes.display, 'Projector');
  await joinWith(autoco.page, server.url, ex.codes.teams.autoco!, 'Ana');
  await fac.page.getByRole('button', { name: 'Start planning' }).click();
  await display.page.locator('.topbar [data-phase="planning"]').waitFor({ timeout: STEP });
  expect(state().phase).toBe('planning');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const s of [fac, display, autoco]) await shoot(s.page, `failed-outcome-${s.name}`).catch(() => {});
});

afterAll(async () => {
  watch?.close();
  await browser?.close();
  await server?.close();
});

describe('announcements on the projector', () => {
  it('an unpinned one goes at the next month; a pinned one stays', async () => {
    await announce('Coffee at eleven', false);
    await announce('The minister visits on Friday', true);
    expect(note('Coffee at eleven')?.pinned).toBeUndefined();
    expect(note('The minister visits on Friday')?.pinned).toBe(true);
    await display.page
      .locator('.announcement', { hasText: 'The minister visits' })
      .waitFor({ timeout: STEP });
    expect(await onProjector()).toEqual(['Coffee at eleven', 'The minister visits on Friday']);

    await nextMonth();
    await display.page.locator('.announcement', { hasText: 'Coffee' }).waitFor({ state: 'detached' });
    expect(await onProjector()).toEqual(['The minister visits on Friday']);
    const { notes, game } = state().context;
    expect(announcementsNow(notes, game.month).map((n) => n.text)).toEqual(['The minister visits on Friday']);
    expect(serious(await audit(display.page))).toEqual([]);
  });

  it('"Pin" and "Unpin" in the console change the server’s state, and the projector follows', async () => {
    await announce('Lunch is served in the hall', false);
    const list = fac.page.locator('.announce-list');
    await list.getByRole('button', { name: /^Pin “Lunch/ }).click();
    await list.locator('li[data-pinned="true"]', { hasText: 'Lunch' }).waitFor({ timeout: STEP });
    expect(note('Lunch is served in the hall')?.pinned).toBe(true);
    await list.getByRole('button', { name: /^Unpin “The minister/ }).click();
    await list.locator('li', { hasText: 'The minister' }).waitFor({ state: 'detached', timeout: STEP });
    expect(note('The minister visits on Friday')?.pinned).toBeUndefined();
    const logged = state()
      .context.notes.filter((n) => n.kind === 'announcement')
      .map((n) => n.text);
    expect(logged).toHaveLength(3);
    await display.page.locator('.announcement', { hasText: 'The minister' }).waitFor({ state: 'detached' });
    expect(await onProjector()).toEqual(['Lunch is served in the hall']);
    expect(serious(await audit(fac.page))).toEqual([]);
    await shoot(fac.page, 'facilitator-announcements');

    await nextMonth();
    expect(await onProjector()).toEqual(['Lunch is served in the hall']);
  });
});

describe('when the exercise ends', () => {
  it('the projector shows the outcome, and no team is "waiting"', { timeout: 240_000 }, async () => {
    while (state().phase !== 'finished') await nextMonth();
    await display.page.locator('[data-final="true"]').waitFor({ timeout: STEP });
    const g = state().context.game;
    expect(await display.page.locator('.display-teams').count()).toBe(0);
    const text = (await display.page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/waiting/i);
    expect(text).toContain('The exercise is over');
    // ground won or lost over the exercise, as the server has it
    for (const f of tutorial.fronts) {
      const moved = await display.page
        .locator(`.display-fronts li[data-front="${f.id}"]`)
        .getAttribute('data-moved');
      expect(Number(moved)).toBe(g.fronts[f.id]!.territory - f.territory.value);
    }
    // supply against demand over every month, as the server recorded it
    for (const li of await display.page.locator('.outcome-list li').all()) {
      const p = (await li.getAttribute('data-product'))!;
      const demand = g.history.reduce((a, h) => a + (h.demand[p] ?? 0), 0);
      const delivered = g.history.reduce((a, h) => a + (h.deliveredToFronts[p] ?? 0), 0);
      const fig = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
      expect(await li.textContent()).toContain(`${fig.format(delivered)} of ${fig.format(demand)} asked`);
    }
    expect(await display.page.locator('.outcome-list li').count()).toBeGreaterThan(0);
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await display.page.setViewportSize({ width, height });
      const size = await display.page.evaluate(() => ({
        scroll: document.documentElement.scrollHeight,
        height: window.innerHeight,
      }));
      expect(size.scroll).toBeLessThanOrEqual(size.height);
      await shoot(display.page, `display-final-${width}x${height}`);
    }
    expect(serious(await audit(display.page))).toEqual([]);
  });

  it('the team’s objectives read met or missed, as the server scores them, never "not yet"', async () => {
    await tab(autoco.page, /^Results/);
    const rows = autoco.page.locator('.results tbody tr');
    await rows.first().waitFor({ timeout: STEP });
    const status = objectiveStatus(tutorial, state().context.game, 'autoco');
    expect(await rows.count()).toBe(status.length);
    const cells = await autoco.page.locator('.results td[data-met]').allTextContents();
    expect(cells).toEqual(status.map((o) => (o.met ? 'yes' : 'missed')));
    expect((await autoco.page.locator('.results').textContent()) ?? '').not.toContain('not yet');
    expect(serious(await audit(autoco.page))).toEqual([]);
    await shoot(autoco.page, 'team-results-final');
    expect([...fac.errors, ...display.errors, ...autoco.errors]).toEqual([]);
  });
});
