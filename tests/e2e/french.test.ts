import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatters, kindLabel, nameBook, narrate, pickText, type Scenario } from '@arsenal/shared';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import { joinWith, STEP, tab, waitPhase } from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * A player of the flagship switches to French: the month's news, written the French way (numbers,
 * money, names from the scenario), the team's brief and its objectives in the scenario's French, each
 * checked against what the server sent to that seat.
 */

let server: TestServer;
let browser: Browser;
let created: CreatedExercise;
let fac: SeatClient;
let mine: SeatClient;
let scenario: Scenario;
let army: Seat;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  const http = new Http(server.url);
  created = await http.create({ scenarioId: 'france-2025', seed: 4 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  const joined = await http.join(created.codes.teams.armees!, 'Watcher');
  mine = await SeatClient.connect(server.url, joined.token);
  const answer = await http.get<{ scenario: Scenario }>(
    `/api/exercises/${created.exerciseId}/scenario`,
    joined.token,
  );
  scenario = answer.body.scenario;
  browser = await launch();
  army = await openSeat(browser, 'army');
  await joinWith(army.page, server.url, created.codes.teams.armees!, 'Amélie');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
  expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
  await mine.until(() => mine.view.month === 2 && mine.view.news.length > 0, 'month 1 published', STEP);
  await waitPhase(army.page, 'planning');
}, 240_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(army.page, 'failed-french').catch(() => {});
});

afterAll(async () => {
  fac?.socket.disconnect();
  mine?.socket.disconnect();
  await browser?.close();
  await server?.close();
});

describe('a player who reads French', () => {
  it('switches to French and reads the month’s news in French, with French numbers', async () => {
    const p = army.page;
    await p.getByLabel('Language').selectOption('fr');
    await p.locator('html[lang="fr"]').waitFor({ timeout: STEP });
    await tab(p, /^Résultats/);
    const items = p.locator('.news li');
    await items.first().waitFor({ timeout: STEP });
    const shown = await items.allTextContents();
    const fmt = formatters('fr');
    const names = nameBook(scenario);
    const expected = mine.view.news.map(
      (e) => `${kindLabel(e.kind, 'fr')} ${narrate(e.data, 'fr', names, fmt)}`,
    );
    expect(shown).toEqual(expected);
    // The fronts' news: French words, French decimal commas, no English left.
    const fronts = shown.filter((x) => x.startsWith('front '));
    expect(fronts.length).toBe(scenario.fronts.length);
    for (const f of fronts) expect(f).toMatch(/\(feux [\d\u202f]+ contre [\d\u202f]+, rapport \d+,\d+\)\.$/);
    expect(shown.join('\n')).not.toMatch(/ ratio | vs |fires /);
    // Thousands grouped by narrow no-break spaces somewhere in the month's figures.
    expect(shown.join('\n')).toMatch(/\d\u202f\d{3}/);
  });

  it('reads its objectives and its brief in the scenario’s French', async () => {
    const p = army.page;
    const objectives = mine.view.me!.objectives;
    const labels = await p.locator('.results table tbody th[scope="row"]').allTextContents();
    expect(labels).toEqual(objectives.map((o) => pickText(o.label, 'fr')));
    expect(labels[0]).toMatch(/terrain/);
    await tab(p, /^Situation/);
    const brief = scenario.teams.find((t) => t.id === 'armees')!.description;
    expect(typeof brief === 'object' && brief.fr).toBeTruthy();
    expect(await p.locator('[data-brief]').textContent()).toBe(pickText(brief, 'fr'));
    await shoot(p, 'team-french');
  });
});
