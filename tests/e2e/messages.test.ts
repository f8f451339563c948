import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@arsenal/shared/protocol';
import { defaultConfig } from '../../server/src/config.ts';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import { startServer, type TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import { joinWith, STEP, tab } from './helpers/room.ts';
import { buildClient } from './helpers/server.ts';

/**
 * Paged messages in a real browser (issue 13, item 8): after a long exercise's worth of messages the
 * team console holds only the latest pages; "Load older messages" asks the server for the page before,
 * which the list then shows, until there is nothing older.
 */

const SENT = 2 * LIMITS.messagePage + 30;

let server: TestServer;
let browser: Browser;
let dga: Seat;
let fac: SeatClient;
/** Socket frames the DGA's page received that answer a `messages` request. */
const pages: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const L = defaultConfig.limits;
  server = await startServer({
    // the facilitator writes the whole backlog at once: its budgets are raised for the test
    config: {
      clientDist: await buildClient(),
      limits: { ...L, messageBurst: 1000, tokenEventBurst: 1000, eventBurst: 1000, exerciseEventBurst: 2000 },
    },
  });
  const http = new Http(server.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
  fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  const acks = await Promise.all(
    Array.from({ length: SENT }, (_, i) =>
      fac.send({ type: 'message', to: 'dga', text: `backlog ${i}` }, { expectedVersion: 0 }),
    ),
  );
  expect(acks.every((a) => a.ok)).toBe(true);
  browser = await launch();
  dga = await openSeat(browser, 'dga');
  dga.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.includes('"older"')) pages.push(payload);
    }),
  );
  await joinWith(dga.page, server.url, created.codes.teams.dga!, 'Dana');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(dga.page, 'failed-messages-dga').catch(() => {});
});

afterAll(async () => {
  fac?.close();
  await browser?.close();
  await server?.close();
});

describe('the messages screen', () => {
  it('shows the latest pages, and "Load older messages" fetches the rest from the server', async () => {
    const p = dga.page;
    await tab(p, /^Messages/);
    const items = p.locator('.message-log li');
    const older = p.getByRole('button', { name: /Load older messages/ });
    await older.waitFor({ timeout: STEP });
    const shown = await items.count();
    expect(shown).toBeLessThanOrEqual(2 * LIMITS.messagePage);
    expect(shown).toBeGreaterThan(LIMITS.messagePage);
    expect(await older.textContent()).toContain(`${SENT - shown} more`);
    await expect(p.getByText('backlog 0', { exact: true }).count()).resolves.toBe(0);

    await older.click();
    await p.getByText('backlog 0', { exact: true }).waitFor({ timeout: STEP });
    expect(await items.count()).toBe(SENT);
    expect(await older.count()).toBe(0);
    // the list came from the server's answer to the page's request, not from the view
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('backlog 0');
    const texts = await p.locator('.message-log li .text').allTextContents();
    expect(texts).toEqual(Array.from({ length: SENT }, (_, i) => `backlog ${i}`));
    expect(dga.errors).toEqual([]);
  });
});
