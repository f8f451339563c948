import { bundled } from '../helpers/scenarios.ts';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Http } from '../integration/helpers/http.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { STEP, tab, type Created } from './helpers/room.ts';
import { whiteCellRoom, type WhiteCellRoom } from './helpers/white-cell-room.ts';

/**
 * The White Cell's cockpit in a real browser, each control pressed and its effect checked in the
 * server's log (the facilitator's export): the run sheet's fire, move and suppress, with their
 * confirmations; the facilitator's guidance shown to the facilitator and to no team.
 */

let room: WhiteCellRoom;
let http: Http;
let fac: Seat;
let dga: Seat;
let ex: Created;
let token: string;

interface Entry {
  command: { type: string; inject?: string; month?: number };
}

beforeAll(async () => {
  room = await whiteCellRoom({ teams: { dga: 'Dana' }, facViewport: { width: 1366, height: 768 } });
  ({ http, fac, ex, token } = room);
  dga = room.teams.dga!;
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(fac.page, 'failed-white-cell-facilitator').catch(() => {});
  await shoot(dga.page, 'failed-white-cell-dga').catch(() => {});
});

afterAll(async () => {
  await room?.close();
});

/** The commands of the facilitator's export, of the given types. */
async function logged(...types: string[]): Promise<Entry['command'][]> {
  const res = await http.get<{ entries: Entry[] }>(`/api/exercises/${ex.exerciseId}/export`, token);
  expect(res.status).toBe(200);
  return res.body.entries.map((e) => e.command).filter((c) => types.includes(c.type));
}

const row = (p: Page, inject: string) => p.locator(`.run-row[data-inject="${inject}"]`);

describe('the run sheet', () => {
  it('lists every inject with its trigger, effects in words and guidance', async () => {
    const p = fac.page;
    await tab(p, /^Run sheet/);
    await row(p, 'china_squeeze').waitFor({ timeout: STEP });
    expect(await p.locator('.run-row').count()).toBe(bundled('tutorial').injects.length);
    // The design authority's recurring change: its schedule, next months and options with odds.
    const eng = row(p, 'engineering_change');
    expect(await eng.textContent()).toMatch(/Every 3 months from month 2/);
    expect(await eng.locator('[data-recurrence]').getAttribute('data-next')).toBe('2 5');
    expect(await eng.locator('.run-options [data-option="major"]').textContent()).toMatch(/25\s?%/);
    expect(await row(p, 'china_squeeze').locator('.run-when').textContent()).toContain('Month 3');
    expect(await row(p, 'china_squeeze').locator('.run-effects').textContent()).toMatch(/supply ×0\.5/);
    expect(await row(p, 'ew_leap').textContent()).toMatch(/Starts when the share of .+ ≥ 90\s?%/);
    expect(await row(p, 'ew_leap').getAttribute('data-state')).toBe('pending');
    expect(await row(p, 'ew_leap').locator('[data-holds]').getAttribute('data-holds')).toBe('false');
    expect(await row(p, 'minister_visit').locator('.guidance').textContent()).toContain(
      'Fire this when the first drones',
    );
    await shoot(p, 'facilitator-run-sheet');
  });

  it('"Move" asks first, then logs delayInject; the row shows the new month', async () => {
    const p = fac.page;
    const r = row(p, 'china_squeeze');
    await r.getByLabel('Move to month').fill('5');
    await r.getByRole('button', { name: 'Move', exact: true }).click();
    await r.getByText('Move “China squeezes').waitFor({ timeout: STEP });
    expect(await logged('delayInject')).toEqual([]); // nothing sent before the confirmation
    await r.getByRole('button', { name: 'Yes' }).click();
    await p.getByText('moved to month 5').waitFor({ timeout: STEP });
    expect(await logged('delayInject')).toEqual([{ type: 'delayInject', inject: 'china_squeeze', month: 5 }]);
    await r.locator('.run-when', { hasText: 'Month 5' }).waitFor({ timeout: STEP });
  });

  it('"Suppress" can be cancelled; confirmed, it logs suppressInject', async () => {
    const p = fac.page;
    const r = row(p, 'ew_leap');
    await r.getByRole('button', { name: 'Suppress' }).click();
    await r.getByRole('button', { name: 'Cancel' }).click();
    await r.getByRole('button', { name: 'Suppress' }).waitFor();
    expect(await logged('suppressInject')).toEqual([]);
    await r.getByRole('button', { name: 'Suppress' }).click();
    await r.getByRole('button', { name: 'Yes' }).click();
    await p.locator('.run-row[data-inject="ew_leap"][data-state="suppressed"]').waitFor({ timeout: STEP });
    expect(await logged('suppressInject')).toEqual([{ type: 'suppressInject', inject: 'ew_leap' }]);
  });

  it('"Fire now" in planning can be cancelled; confirmed, it starts the inject: teams read its news, never its guidance', async () => {
    const p = fac.page;
    const r = row(p, 'minister_visit');
    expect(await r.getByRole('button', { name: 'Fire now' }).isDisabled()).toBe(true); // lobby
    await p.locator('[data-command="startPlanning"]').click();
    await p.locator('.topbar [data-phase="planning"]').waitFor({ timeout: STEP });
    // Cancelled: nothing is sent, the inject stays as it was.
    await r.getByRole('button', { name: 'Fire now' }).click();
    await r.getByText('Every seat reads it').waitFor({ timeout: STEP });
    await r.getByRole('button', { name: 'Cancel' }).click();
    await r.getByRole('button', { name: 'Fire now' }).waitFor({ timeout: STEP });
    expect(await logged('fireInject')).toEqual([]);
    expect(await r.getAttribute('data-state')).not.toBe('active');
    await r.getByRole('button', { name: 'Fire now' }).click();
    await r.getByText('Every seat reads it').waitFor({ timeout: STEP });
    await r.getByRole('button', { name: 'Yes' }).click();
    await p.locator('.run-row[data-inject="minister_visit"][data-state="active"]').waitFor({ timeout: STEP });
    expect(await logged('fireInject')).toEqual([{ type: 'fireInject', inject: 'minister_visit' }]);
    await dga.page.getByText('The minister visits Le Mans').first().waitFor({ timeout: STEP });
    expect(await dga.page.locator('body').textContent()).not.toContain('Fire this when');
  });
});

/** Presses a button that asks first: the question it asked, answered as `accept` says. */
async function answer(p: Page, press: () => Promise<void>, accept: boolean): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    p.once('dialog', (d) => {
      resolve(d.message());
      void (accept ? d.accept() : d.dismiss());
    }),
  );
  await press();
  return asked;
}

describe('a review you can review with', () => {
  it('"Adjudicate now" names the human teams without orders and does nothing until confirmed', async () => {
    const p = fac.page;
    const press = () => p.getByRole('button', { name: 'Adjudicate now' }).click();
    const question = await answer(p, press, false);
    expect(question).toMatch(/^Adjudicate month 1 now\? Not sent yet: DGA .+, AutoCo .+, Armée/);
    expect(await logged('adjudicate')).toEqual([]);
    await answer(p, press, true);
    await p.locator('.topbar [data-phase="review"]').waitFor({ timeout: STEP });
    expect(await logged('adjudicate')).toEqual([{ type: 'adjudicate' }]);
  });

  it('shows each team before → after, production against demand with shortfalls, narration by team', async () => {
    const p = fac.page;
    await tab(p, /^Review/);
    const missing = p.locator('[data-missing]');
    await missing.waitFor({ timeout: STEP });
    expect(await missing.getAttribute('data-missing')).toBe('dga autoco army');
    expect(await p.locator('.review-teams tbody tr').count()).toBe(3);
    // every team's row has what it made, shipped against due, and its stock (values: tests/client/review-summary)
    for (const figure of ['made', 'shipped', 'stock'])
      expect(await p.locator(`.review-teams tbody [data-figure="${figure}"]`).count()).toBe(3);
    // the minister's visit gave the DGA 10 political capital before the month: it shows in "before"
    expect(
      await p.locator('.review-teams tr[data-team="dga"] [data-figure="politicalCapital"]').textContent(),
    ).toMatch(/→/);
    const products = p.locator('.review-production tbody tr');
    expect(await products.count()).toBeGreaterThan(0);
    // nobody allocated anything in month 1: every product with demand fell short, and says so
    expect(await p.locator('.review-production tr[data-short="false"]').count()).toBe(0);
    await shoot(p, 'facilitator-review');
    const items = p.locator('.review .news li');
    const all = await items.count();
    await p.getByLabel('Narration for').selectOption('army');
    expect(await items.count()).toBeLessThan(all);
    await p.getByLabel('Narration for').selectOption('');
    expect(await items.count()).toBe(all);
  });

  it('"Publish to the teams" asks first; confirmed, it publishes', async () => {
    const p = fac.page;
    const press = () => p.getByRole('button', { name: 'Publish to the teams' }).click();
    expect(await answer(p, press, false)).toBe('Publish month 1 to every team?');
    expect(await logged('publish')).toEqual([]);
    await answer(p, press, true);
    await p.locator('.topbar [data-phase="planning"]').waitFor({ timeout: STEP });
    expect(await logged('publish')).toEqual([{ type: 'publish' }]);
  });
});
