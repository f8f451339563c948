import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceStatus } from '@arsenal/shared';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { STEP } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * "Check this scenario's balance" from the home page, before any exercise exists (issue 12 item 3):
 * the button starts a check on the real server, the page follows its progress and shows the report;
 * the test reads the same job from the server's API and compares. "Cancel the check" stops a run on
 * the server.
 */

let server: TestServer;
let http: Http;
let browser: Browser;
let fac: Seat;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  http = new Http(server.url);
  browser = await launch();
  fac = await openSeat(browser, 'facilitator');
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Presses the button and answers the job the page started (from the POST it sent). */
async function pressCheck(): Promise<string> {
  const page = fac.page;
  const posted = page.waitForResponse(
    (r) => r.url().endsWith('/api/balance') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Check this scenario’s balance' }).click();
  const answer = (await (await posted).json()) as BalanceStatus & { ok: boolean };
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return answer.job;
}

describe('balance check from the home page', () => {
  it('runs on the server and shows its report: distributions, charts, noise and ablation', async () => {
    const page = fac.page;
    await page.goto(server.url);
    await page.locator('select').first().waitFor({ timeout: STEP });
    await page.locator('input[name=balanceSeeds]').fill('2');
    await page.locator('input[name=balanceMonths]').fill('2');
    const job = await pressCheck();
    await page.locator('.balance-report').waitFor({ timeout: 60_000 });

    const res = await http.get<BalanceStatus>(`/api/balance/${job}`);
    expect(res.status).toBe(200);
    const { report, ...status } = res.body;
    expect(status.status).toBe('done');
    expect(status.scenario.id).toBe('tutorial');
    expect(report!.seeds).toEqual([1, 2]);
    expect(report!.turns).toBe(2);
    expect(report!.baselineRuns).toHaveLength(2);

    await expect
      .poll(() => page.locator('.balance-run progress').getAttribute('value'))
      .toBe(String(status.total));
    const rows = page.locator('.balance-figures tbody tr');
    expect(await rows.count()).toBe(Object.keys(report!.baseline.figures).length);
    const key = Object.keys(report!.baseline.figures).find((k) => k.startsWith('territory.'))!;
    const cells = await page.locator(`tr[data-figure="${key}"] td`).allTextContents();
    expect(Number(cells[1]!.replace(/[^\d.-]/g, ''))).toBeCloseTo(report!.baseline.figures[key]!.median, 1);
    const ablation = page.locator('.balance-ablation tbody tr');
    expect(await ablation.count()).toBe(report!.ablation.length);
    const dead = report!.ablation.filter((a) => a.dead).length;
    expect(await page.locator('.balance-ablation tr[data-dead="true"]').count()).toBe(dead);
    expect(await page.locator('.balance-ablation .dead').count()).toBe(dead);
    expect(await page.locator('.balance-report figure.chart').count()).toBeGreaterThanOrEqual(2);
    expect(Number(await page.locator('.balance-report svg').first().getAttribute('data-points'))).toBe(
      2 * Object.keys(report!.baseline.figures).filter((k) => k.startsWith('territory.')).length,
    );
    await shoot(page, 'home-balance');
    expect(serious(await audit(page))).toEqual([]);
    expect(fac.errors).toEqual([]);
  }, 120_000);

  it('"Cancel the check" stops the run on the server', async () => {
    const page = fac.page;
    await page.locator('input[name=balanceSeeds]').fill('50');
    await page.locator('input[name=balanceMonths]').fill('6');
    const job = await pressCheck();
    await page.getByRole('button', { name: 'Cancel the check' }).click();
    await page.locator('.balance-run[data-status="cancelled"]').waitFor({ timeout: STEP });
    const res = await http.get<BalanceStatus>(`/api/balance/${job}`);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.done).toBeLessThan(res.body.total);
    expect(res.body.report).toBeUndefined();
    expect(fac.errors).toEqual([]);
  }, 60_000);
});
