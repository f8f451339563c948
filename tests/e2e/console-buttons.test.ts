import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashState, type ExerciseState } from '@arsenal/shared';
import type { CreatedExercise, FacilitatorExport } from '@arsenal/shared/protocol';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { STEP, tab } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * The facilitator console's buttons not pressed by the other end-to-end tests, each pressed in
 * Chromium and its effect read from the server's own state: the phase moves (briefing, pause,
 * resume, end), the timer (set, extend, pause, resume, clear), firing a scenario inject, an ad hoc
 * inject, a note, a message to a team, and the log export, whose file is the server's log.
 */

let server: TestServer;
let browser: Browser;
let ex: CreatedExercise;
let fac: Seat;

const state = (): ExerciseState => server.app.sessions.get(ex.exerciseId)!.current();
const button = (name: string) => fac.page.getByRole('button', { name, exact: true });
/** Waits (up to 30 s) until the server's state passes `ok`. */
async function until(ok: (s: ExerciseState) => boolean, what: string): Promise<void> {
  for (let i = 0; !ok(state()); i++) {
    if (i > 600) throw new Error(`the server never got there: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Presses a button and waits until the server has logged a command and its state passes `done`. */
async function press(name: string, done: (s: ExerciseState) => boolean): Promise<void> {
  const seq = state().context.seq;
  await button(name).click();
  await until((s) => s.context.seq > seq && done(s), `"${name}"`);
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  ex = await new Http(server.url).create({ scenarioId: 'tutorial', seed: 4, bots: ['dga', 'army'] });
  browser = await launch();
  fac = await openSeat(browser, 'facilitator', { width: 1366, height: 768 });
  fac.page.on('dialog', (d) => void d.accept()); // "End the exercise" asks first
  await fac.page.goto(
    `${server.url}/x/${ex.exerciseId}/facilitator#token=${encodeURIComponent(ex.facilitator.token)}`,
  );
  await fac.page.locator('[data-link="live"]').waitFor({ timeout: STEP });
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(fac.page, 'failed-console-buttons').catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every button of the facilitator console reaches the server', () => {
  it('"Start the briefing", "Pause", "Resume", "Start planning"', async () => {
    await press('Start the briefing', (s) => s.phase === 'briefing');
    await press('Pause', (s) => s.phase === 'paused' && s.context.pausedFrom === 'briefing');
    await press('Resume', (s) => s.phase === 'briefing');
    await press('Start planning', (s) => s.phase === 'planning');
  });

  it('the timer: "Set the timer", "+5 min", "Pause the timer", "Resume the timer", "Clear"', async () => {
    // under a quarter of a minute (TIMER_SET_MINUTES_MIN) the field says so and the button stays off
    await fac.page.getByLabel('Minutes', { exact: true }).fill('0.1');
    await expect.poll(() => fac.page.getByRole('button', { name: 'Set the timer' }).isDisabled()).toBe(true);
    await fac.page.getByText('Enter a number from 0.25 to 1440.').waitFor();
    await fac.page.getByLabel('Minutes', { exact: true }).fill('30');
    const before = Date.now();
    await press('Set the timer', (s) => (s.context.deadline.at ?? 0) >= before + 30 * 60_000);
    const set = state().context.deadline.at!;
    expect(set).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    await press('+5 min', (s) => s.context.deadline.at === set + 5 * 60_000);
    await press('Pause the timer', (s) => s.context.deadline.at === null);
    expect(state().context.deadline.pausedRemaining).toBeGreaterThan(30 * 60_000);
    await press('Resume the timer', (s) => s.context.deadline.at !== null);
    expect(state().context.deadline.pausedRemaining).toBeNull();
    await press('Clear', (s) => s.context.deadline.at === null);
    expect(state().context.deadline.pausedRemaining).toBeNull();
  });

  it('"Fire now" on a scenario inject and "Publish the inject" for an ad hoc one', async () => {
    await tab(fac.page, /^Injects/);
    const minister = fac.page.locator('li', { hasText: 'The minister visits Le Mans' }).last();
    const seq = state().context.seq;
    await minister.getByRole('button', { name: 'Fire now' }).click();
    await until(
      (s) => s.context.seq > seq && s.context.game.firedInjects.includes('minister_visit'),
      'fired',
    );

    await fac.page.getByLabel('Headline', { exact: true }).fill('Dockers strike at Le Havre');
    await fac.page.getByLabel('Details (optional)').fill('Imports wait a week.');
    await press('Publish the inject', (s) =>
      s.context.game.news.some(
        (n) =>
          n.data.key === 'inject.start' &&
          n.data.title === 'Dockers strike at Le Havre' &&
          n.data.description === 'Imports wait a week.',
      ),
    );
    expect(serious(await audit(fac.page))).toEqual([]);
  });

  it('"Add" files a note; "Send" writes to a team', async () => {
    await tab(fac.page, /^Notes/);
    await fac.page.locator('textarea[name="note"]').fill('Autoco hesitates on the second line');
    await press('Add', (s) => s.context.notes.some((n) => n.text === 'Autoco hesitates on the second line'));
    await tab(fac.page, /^Messages/);
    await fac.page.locator('select[name="to"]').selectOption('autoco');
    await fac.page.locator('textarea[name="text"]').fill('Your line B is idle.');
    await press('Send', (s) =>
      s.context.messages.some((m) => m.to === 'autoco' && m.text === 'Your line B is idle.'),
    );
  });

  it('"Download the log (export)" saves the server’s log, hash for hash', async () => {
    const [download] = await Promise.all([
      fac.page.waitForEvent('download', { timeout: STEP }),
      button('Download the log (export)').click(),
    ]);
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as FacilitatorExport;
    expect(file.exerciseId).toBe(ex.exerciseId);
    expect(file.entries.at(-1)!.seq).toBe(state().context.seq);
    expect(file.stateHash).toBe(hashState(state()));
  });

  it('"End the exercise", confirmed, finishes it', async () => {
    await press('End the exercise', (s) => s.phase === 'finished');
    await fac.page.locator('.topbar [data-phase="finished"]').waitFor({ timeout: STEP });
    expect(fac.errors).toEqual([]);
  });
});
