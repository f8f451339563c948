import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import type { ForkCreated } from '@arsenal/shared';
import { formatters } from '../../client/src/i18n/format.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from './helpers/browser.ts';
import { joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * The White Cell overrides three figures of the tutorial's first month in review, in the facilitator
 * console: the eastern ground (public), AutoCo's cash (AutoCo alone is told) and the DGA's political
 * capital (everyone told). After publication the month's record, report.csv, the HTML report and a
 * fork carry the published figures, and each team reads "White Cell adjusted …" only where it should.
 */

let server: TestServer;
let browser: Browser;
let http: Http;
let ex: CreatedExercise;
let token = '';
let fac: Seat;
let autoco: Seat;
let dga: Seat;
let watch: SeatClient;
let ground = 0;
let cash = 0;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  http = new Http(server.url);
  browser = await launch();
  fac = await openSeat(browser, 'facilitator');
  fac.page.on('dialog', (d) => void d.accept()); // adjudicate and publish ask for confirmation
  autoco = await openSeat(browser, 'autoco');
  dga = await openSeat(browser, 'dga');
  ex = await http.create({ scenarioId: 'tutorial', seed: 5 });
  token = ex.facilitator.token;
  watch = await SeatClient.connect(server.url, token);
  await fac.page.goto(`${server.url}/x/${ex.exerciseId}/facilitator#token=${encodeURIComponent(token)}`);
  await fac.page.locator('[data-link="live"]').waitFor({ timeout: STEP });
  await joinWith(autoco.page, server.url, ex.codes.teams.autoco!, 'Ana');
  await joinWith(dga.page, server.url, ex.codes.teams.dga!, 'Dana');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const s of [fac, autoco, dga]) await shoot(s.page, `failed-overrides-${s.name}`).catch(() => {});
});

afterAll(async () => {
  watch?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

async function override(fields: Record<string, string>, value: number, reason: string): Promise<void> {
  const form = fac.page.getByRole('form', { name: 'Override a figure' });
  for (const [label, option] of Object.entries(fields))
    await form.getByLabel(label, { exact: true }).selectOption(option);
  await form.getByLabel('New value').fill(String(value));
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Override' }).click();
  await fac.page.locator('.overrides li', { hasText: reason }).waitFor({ timeout: STEP });
}

describe('overrides reach the record', () => {
  it('the facilitator overrides three figures in review and publishes', { timeout: 120_000 }, async () => {
    const p = fac.page;
    await p.getByRole('button', { name: 'Start planning' }).click();
    await waitPhase(p, 'planning');
    await p.getByRole('button', { name: 'Adjudicate now' }).click();
    await waitPhase(p, 'review');
    await watch.until(() => watch.view.review !== null, 'the review');
    ground = watch.view.review!.territory.east!;
    cash = watch.view.review!.money.autoco!;
    await tab(p, /^Review/);

    await override({ Figure: 'territory', Front: 'east' }, ground + 1, 'Counter-attack held the river');
    await override({ Figure: 'money', Team: 'autoco' }, 40_000_000, 'Union bonus settled at Le Mans');
    await override(
      { Figure: 'politicalCapital', Team: 'dga', Tell: 'all' },
      9,
      'Summit applause for the DGA',
    );
    const line = p.locator('.overrides li[data-target="territory:east"]');
    expect(await line.textContent()).toBe(
      `ground of Eastern sector (Donbas), month 1: adjudicated ${ground} → published ${ground + 1}, Counter-attack held the river`,
    );
    expect(await p.locator('.overrides li[data-target="money:autoco"]').textContent()).toContain(
      '→ published €40M',
    );
    // the server holds the overrides with the adjudicated figures
    await watch.until(() => watch.view.overrides.length === 3, 'three overrides');
    expect(watch.view.overrides.map((o) => [o.target, o.adjudicated, o.to])).toEqual([
      ['territory:east', ground, ground + 1],
      ['money:autoco', cash, 40_000_000],
      ['politicalCapital:dga', expect.any(Number), 9],
    ]);
    await shoot(p, 'facilitator-review-overrides');
    expect(serious(await audit(p))).toEqual([]);

    await p.getByRole('button', { name: 'Publish to the teams' }).click();
    await watch.until(() => watch.view.history.length === 1, 'the month published');
    const month = watch.view.history[0]!;
    expect(month.territory.east).toBe(ground + 1);
  });

  it('report.csv, the HTML report and a fork carry the published figures', async () => {
    const base = `/api/exercises/${ex.exerciseId}`;
    const csv = await http.get(`${base}/report.csv`, token);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`1,2025-02,*,territory,${ground + 1}\n`);
    expect(csv.text).toContain(`1,2025-02,army,territory,${ground + 1}\n`);
    const html = await http.get(`${base}/report.html`, token);
    expect(html.text).toContain(`adjudicated ${ground} → published ${ground + 1}`);
    expect(html.text).toContain('Union bonus settled at Le Mans');

    const fork = await http.request<ForkCreated>('POST', `${base}/fork`, { body: { month: 1 }, token });
    expect(fork.status).toBe(201);
    const forked = await SeatClient.connect(server.url, fork.body.facilitator.token);
    try {
      expect(forked.view.history[0]!.territory.east).toBe(ground + 1);
      expect(forked.view.history[0]!.money?.autoco).toBe(40_000_000);
    } finally {
      forked.socket.disconnect();
    }
  });

  it('each team is told "White Cell adjusted …" only where it should be', { timeout: 60_000 }, async () => {
    await waitPhase(autoco.page, 'planning');
    await tab(autoco.page, /^Results/);
    const told = autoco.page.locator('.news li[data-kind="override"]');
    await told.first().waitFor({ timeout: STEP });
    const mine = (await told.allTextContents()).join('\n');
    expect(mine).toContain(
      `White Cell adjusted the cash of AutoCo (car maker): adjudicated ${formatters('en').money(cash)} → published €40M (Union bonus settled at Le Mans).`,
    );
    expect(mine).toContain(
      `the ground on Eastern sector (Donbas): adjudicated ${ground} → published ${ground + 1}`,
    );
    expect(mine).toContain('the political capital of DGA (procurement)');

    await tab(dga.page, /^Results/);
    await dga.page.locator('.news li[data-kind="override"]').first().waitFor({ timeout: STEP });
    const theirs = (await dga.page.locator('.news').allTextContents()).join('\n');
    expect(theirs).toContain('the ground on Eastern sector');
    expect(theirs).toContain('Summit applause for the DGA');
    expect(theirs).not.toContain('Union bonus');
    // and the server never sent AutoCo's override to the DGA's seat
    const joined = await http.join(ex.codes.teams.dga!);
    const asDga = await SeatClient.connect(server.url, joined.token);
    try {
      expect(JSON.stringify(asDga.view)).not.toContain('Union bonus');
    } finally {
      asDga.socket.disconnect();
    }
    expect([...fac.errors, ...autoco.errors, ...dga.errors]).toEqual([]);
  });
});
