import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, reportCsv, Timeline, type Scenario } from '@arsenal/shared';
import {
  facilitatorExportSchema,
  type CreatedExercise,
  type FacilitatorExport,
} from '@arsenal/shared/protocol';
import { bundled } from '../helpers/scenarios.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { audit, CHROMIUM, launch, openSeat, serious, shoot, type Seat } from '../e2e/helpers/browser.ts';
import { buildClient, serveClient } from '../e2e/helpers/server.ts';

/**
 * The replay viewer in headless Chromium against the real server: a finished tutorial exercise (bots
 * in every seat) is scrubbed by month and entry, played, seen as one team; a fork plays one month and
 * is compared with the original; the look-ahead runs with its progress bar; the report renders and
 * its CSV matches the log; an exported file opens in the browser alone, and a tampered one is refused;
 * the facilitator console's download is the server's export.
 * No timing is asserted.
 */

const STEP = 30_000;
const tutorial: Scenario = bundled('tutorial');
let server: TestServer;
let browser: Browser;
let seat: Seat;
let http: Http;
let created: CreatedExercise;
let file: FacilitatorExport;
let timeline: Timeline;
const clients: SeatClient[] = [];
let forkId = '';

const page = (): Page => seat.page;
const shownSeq = async () => Number(await page().locator('.replay').getAttribute('data-seq'));
const waitSeq = (seq: number) => page().locator(`.replay[data-seq="${seq}"]`).waitFor({ timeout: STEP });
const tab = (name: string) =>
  page()
    .getByRole('tab', { name: new RegExp(`^${name}`) })
    .click();

/** The facilitator plays months with bots in every seat, through a real socket. */
async function playMonths(fac: SeatClient, months: number): Promise<void> {
  for (let m = 0; m < months; m++) {
    await fac.until(() => fac.view.teams.every((t) => t.submitted), 'every bot submitted');
    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
  }
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  server = await serveClient(await buildClient());
  http = new Http(server.url);
  created = await http.create({ scenarioId: 'tutorial', seed: 12, bots: ['dga', 'autoco', 'army'] });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  clients.push(fac);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  await playMonths(fac, tutorial.meta.turns);
  expect(fac.view.phase).toBe('finished');
  const note = await fac.sendFresh({ type: 'note', kind: 'annotation', text: 'the turning point', about: 9 });
  expect(note.ok).toBe(true);
  file = (
    await http.get<FacilitatorExport>(
      `/api/exercises/${created.exerciseId}/export`,
      created.facilitator.token,
    )
  ).body;
  timeline = new Timeline(tutorial, file.setup, file.entries, { trusted: true });
  browser = await launch();
  seat = await openSeat(browser, 'facilitator');
}, 240_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await shoot(page(), `failed-replay-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await server?.close();
});

describe('the replay viewer', () => {
  it(
    'opens a finished exercise from the server and scrubs it by month and by entry',
    { timeout: 120_000 },
    async () => {
      const p = page();
      await p.goto(`${server.url}/x/${created.exerciseId}/replay#token=${created.facilitator.token}`);
      await p.locator('[data-verified]').waitFor({ timeout: STEP });
      expect(await shownSeq()).toBe(timeline.lastSeq);
      expect(await p.locator('[data-verified]').getAttribute('data-verified')).toBe(file.stateHash);

      await p.getByRole('button', { name: 'Go to the start' }).click();
      await waitSeq(0);
      await p.getByRole('button', { name: 'Next month' }).click();
      await waitSeq(timeline.endOfMonth(1)!);
      await p.getByRole('button', { name: 'Next month' }).click();
      await waitSeq(timeline.endOfMonth(2)!);
      await p.getByRole('button', { name: 'Next entry' }).click();
      await waitSeq(timeline.endOfMonth(2)! + 1);
      await p.getByRole('button', { name: 'Previous entry' }).click();
      await waitSeq(timeline.endOfMonth(2)!);
      const entry = p.getByRole('slider', { name: 'Log entry' });
      await entry.focus();
      await entry.press('ArrowRight');
      await entry.press('ArrowRight');
      await waitSeq(timeline.endOfMonth(2)! + 2);
      const month = p.getByRole('slider', { name: 'Month' });
      await month.focus();
      await month.press('ArrowRight');
      await waitSeq(timeline.endOfMonth(3)!);
      // Situation after month 3, as the White cell saw it: every team's money.
      await p.locator('tr[data-team="dga"] td[data-money]').waitFor();
      const money = await p
        .locator('tr[data-team] td[data-money]')
        .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-money')));
      expect(money.every((m) => m !== '')).toBe(true);
      const findings = serious(await audit(p));
      expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
      await shoot(p, 'replay-viewer');
    },
  );

  it('plots every chart; the Cash chart draws a line for each team under a legend that wraps', async () => {
    const p = page();
    await p.getByRole('button', { name: 'Go to the end' }).click();
    await waitSeq(timeline.lastSeq);
    await tab('Charts');
    const cash = p.locator('figure.chart', { has: p.locator('figcaption', { hasText: /^Cash$/ }) });
    await cash.locator('.chart-plot').waitFor({ timeout: STEP });
    const history = timeline.stateAt(timeline.lastSeq).context.game.history;
    const teams = Object.keys(history[0]!.money ?? {});
    expect(teams.length).toBeGreaterThan(1);
    for (const team of teams) {
      const line = cash.locator(`g[data-series="${team}"]`);
      expect(await line.locator('circle').count(), team).toBe(history.length);
      expect(await line.locator('path').getAttribute('d'), team).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
    }
    // the plot keeps its height above the legend
    const plot = (await cash.locator('.chart-plot').boundingBox())!;
    const legend = (await cash.locator('.chart-legend').boundingBox())!;
    expect(plot.height).toBeGreaterThan(100);
    expect(legend.y).toBeGreaterThanOrEqual(plot.y + plot.height - 1);
    expect(await p.locator('.chart-plot').count()).toBeGreaterThan(3);
    expect(serious(await audit(p))).toEqual([]);
    await shoot(p, 'replay-charts');
    // back where the first test left the viewer: the end of month 3
    const month = p.getByRole('slider', { name: 'Month' });
    await month.focus();
    for (let m = 0; m < tutorial.meta.turns - 3; m++) await month.press('ArrowLeft');
    await waitSeq(timeline.endOfMonth(3)!);
    await tab('Situation');
  });

  it('plays, then shows one team exactly what it could see (fog of war)', { timeout: 60_000 }, async () => {
    const p = page();
    const before = await shownSeq();
    await p.getByRole('button', { name: 'Play' }).click();
    await p.waitForFunction(
      (s) => Number(document.querySelector('.replay')?.getAttribute('data-seq')) > s,
      before,
      {
        timeout: STEP,
      },
    );
    await p.getByRole('button', { name: 'Pause' }).click();
    await p.getByRole('button', { name: 'Next month' }).click();
    const at = await shownSeq();

    await p.getByLabel('Show the exercise as').selectOption('team:dga');
    await p.locator('.replay[data-audience="team:dga"]').waitFor();
    await tab('Log');
    const month = timeline.monthAt(at);
    const visible = new Set(timeline.visibleSeqs({ role: 'team', team: 'dga' }));
    const expected = timeline.log
      .filter((e) => timeline.monthAt(e.seq) === month && visible.has(e.seq))
      .map((e) => e.seq);
    await p.locator('ol.replay-log li').first().waitFor();
    const shown = await p
      .locator('ol.replay-log li')
      .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-seq'))));
    expect(shown).toEqual(expected);
    expect(shown.length).toBeLessThan(timeline.log.filter((e) => timeline.monthAt(e.seq) === month).length);
    await p.getByText(/entries of this month are not shown/).waitFor();

    await tab('Annotations');
    await p.getByRole('button', { name: /About entry 9/ }).click();
    await waitSeq(9);
    await p.getByLabel('Show the exercise as').selectOption('facilitator');
    await shoot(p, 'replay-team-view');
  });

  it('renders the printable report, whose CSV matches the log', { timeout: 60_000 }, async () => {
    const p = page();
    await tab('Report');
    const frame = p.frameLocator('iframe.report-frame');
    await frame.getByRole('heading', { name: /after-action report/ }).waitFor({ timeout: STEP });
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download the KPIs (CSV)' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe(
      reportCsv(tutorial, buildReport(tutorial, file.setup, server.store.readLog(created.exerciseId))),
    );
    expect(csv.trim().split('\n').length).toBeGreaterThan(tutorial.meta.turns);
    await shoot(p, 'replay-report');
  });

  it(
    'forks after month 3 with new dice; the fork plays one month and is compared with the original',
    { timeout: 120_000 },
    async () => {
      const p = page();
      await tab('Fork');
      await p.getByLabel('Fork after').selectOption('3');
      await p.getByLabel('new dice').check();
      await p.getByLabel('Seed of the new dice').fill('5');
      await p.getByLabel('bots play every team').check();
      await p.getByRole('button', { name: 'Start the fork' }).click();
      const done = p.locator('.replay-fork-done');
      await done.waitFor({ timeout: STEP });
      forkId = (await done.getAttribute('data-fork'))!;
      const token = await p.evaluate(
        (id) => window.localStorage.getItem(`arsenal:token:${id}:facilitator`),
        forkId,
      );
      expect(token).toBeTruthy();

      const forkFac = await SeatClient.connect(server.url, token!);
      clients.push(forkFac);
      await playMonths(forkFac, 1);
      expect(forkFac.view.history).toHaveLength(4);
      // Let the fork's bots finish their next orders, so that its log is at rest when it is read.
      await forkFac.until(() => forkFac.view.teams.every((t) => t.submitted), 'the fork’s bots submitted');

      await tab('Compare');
      await p.getByLabel('Fork', { exact: true }).selectOption(forkId);
      await p.locator(`.replay-compare[data-fork="${forkId}"]`).waitFor({ timeout: STEP });
      await p.getByLabel('Month shown').selectOption('4');
      const front = tutorial.fronts[0]!.id;
      const cells = await p
        .locator(`tr[data-series="territory.${front}"] td`)
        .evaluateAll((tds) => tds.map((td) => td.textContent));
      expect(cells.slice(0, 2).every((c) => c !== '—')).toBe(true);
      // ratios and shares keep their decimals (0.62 does not read as 1)
      const figure = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
      const kpis = timeline.stateAt(timeline.endOfMonth(4)!).context.game.history[3]!.kpis['*']!;
      for (const k of ['fire_ratio', 'fibre_share']) {
        const original = await p.locator(`tr[data-series="*.${k}"] td`).first().textContent();
        expect(original, k).toBe(figure.format(kpis[k]!));
      }
      expect(Object.values(kpis).some((v) => !Number.isInteger(v))).toBe(true);
      await shoot(p, 'replay-compare');
    },
  );

  it('runs a look-ahead on the server with a progress bar', { timeout: 120_000 }, async () => {
    const p = page();
    // The fork's replay, opened with the facilitator token its creation left on this device.
    await p.goto(`${server.url}/x/${forkId}/replay`);
    await p.locator(`[data-verified]`).waitFor({ timeout: STEP });
    await tab('Look-ahead');
    await p.getByLabel('Trials (seeds)').fill('4');
    await p.getByRole('button', { name: 'Run the look-ahead' }).click();
    await p.locator('.lookahead progress').waitFor();
    await p.locator('.lookahead[data-status="done"]').waitFor({ timeout: 90_000 });
    expect(await p.locator('table.spread tbody tr').count()).toBeGreaterThan(0);
  });

  it(
    'opens an exported file in the browser alone, and refuses a tampered one naming the entry',
    { timeout: 60_000 },
    async () => {
      const p = page();
      await p.goto(`${server.url}/replay`);
      const pick = p.getByLabel('Export file (JSON)');
      await pick.setInputFiles({
        name: 'export.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
      await p.locator('[data-verified]').waitFor({ timeout: STEP });
      expect(await shownSeq()).toBe(file.entries.length);

      await p.goto(`${server.url}/replay`);
      const entries = file.entries.toSpliced(7, 1);
      await p.getByLabel('Export file (JSON)').setInputFiles({
        name: 'tampered.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...file, entries })),
      });
      await p.locator('[data-index="7"]').waitFor({ timeout: STEP });
      expect(await p.locator('[data-code]').getAttribute('data-code')).toBe('import/broken_chain');
    },
  );

  it('the facilitator console saves the log as the server exports it', { timeout: 60_000 }, async () => {
    const p = page();
    await p.goto(`${server.url}/x/${created.exerciseId}/facilitator#token=${created.facilitator.token}`);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download the log (export)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`arsenal-${created.exerciseId}.json`);
    const saved: unknown = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    const parsed = facilitatorExportSchema.safeParse(saved);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const now = (
      await http.get<FacilitatorExport>(
        `/api/exercises/${created.exerciseId}/export`,
        created.facilitator.token,
      )
    ).body;
    expect(parsed.data?.entries).toEqual(now.entries);
    expect(parsed.data?.stateHash).toBe(now.stateHash);
  });
});
