import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DraftAck } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, shoot, type Seat } from './helpers/browser.ts';
import {
  addOrder,
  createFromHome,
  facilitatorToken,
  joinWith,
  seatToken,
  STEP,
  tab,
  waitPhase,
  type Created,
} from './helpers/room.ts';
import { buildClient, serveClient } from './helpers/server.ts';

/**
 * Unsent drafts (issue 15 item 4) in a real browser: a team edits its orders without sending them; the
 * facilitator's alerts and "Adjudicate now" question name it (from the count its device reports, never
 * the orders), a cancelled question changes nothing on the server; once the team sends, the warning
 * goes and the confirmed adjudication is logged. No other team learns of the draft.
 */

let server: TestServer;
let browser: Browser;
let http: Http;
let fac: Seat;
let autoco: Seat;
let ex: Created;
let token: string;
let dgaServer: SeatClient;
let facServer: SeatClient;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  server = await serveClient(await buildClient());
  http = new Http(server.url);
  browser = await launch();
  fac = await openSeat(browser, 'facilitator', { width: 1366, height: 768 });
  autoco = await openSeat(browser, 'autoco');
  const dga = await openSeat(browser, 'dga');
  ex = await createFromHome(fac.page, server.url, 'tutorial');
  await joinWith(autoco.page, server.url, ex.codes['team:autoco']!, 'Alex');
  await joinWith(dga.page, server.url, ex.codes['team:dga']!, 'Dana');
  token = await facilitatorToken(fac.page, ex.exerciseId);
  facServer = await SeatClient.connect(server.url, token);
  dgaServer = await SeatClient.connect(server.url, await seatToken(dga.page, ex.exerciseId, 'team:dga'));
  await dga.context.close();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(fac.page, 'failed-drafts-facilitator').catch(() => {});
  await shoot(autoco.page, 'failed-drafts-autoco').catch(() => {});
});

afterAll(async () => {
  for (const c of [facServer, dgaServer]) c?.close();
  await browser?.close();
  await server?.close();
});

async function logged(type: string): Promise<unknown[]> {
  const res = await http.get<{ entries: { command: { type: string } }[] }>(
    `/api/exercises/${ex.exerciseId}/export`,
    token,
  );
  expect(res.status).toBe(200);
  return res.body.entries.map((e) => e.command).filter((c) => c.type === type);
}

/** Presses "Adjudicate now" and answers its question as `accept` says; returns the question. */
async function adjudicate(p: Page, accept: boolean): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    p.once('dialog', (d) => {
      resolve(d.message());
      void (accept ? d.accept() : d.dismiss());
    }),
  );
  await p.getByRole('button', { name: 'Adjudicate now' }).click();
  return asked;
}

const draft = (c: SeatClient, payload: unknown): Promise<DraftAck> =>
  c.socket.timeout(10_000).emitWithAck('draft', payload as never);

describe('unsent drafts', () => {
  it('a team’s unsent order shows in the alerts and the Adjudicate-now question; cancel changes nothing', async () => {
    await fac.page.getByRole('button', { name: 'Start planning' }).click();
    await waitPhase(autoco.page, 'planning');
    const p = autoco.page;
    await tab(p, /^Orders/);
    await addOrder(p, 'convertLine');
    // not sent: the server holds no order of AutoCo's
    const alert = fac.page.locator('[data-alert="drafts"][data-teams="autoco"]');
    await alert.waitFor({ timeout: STEP });
    expect(await alert.textContent()).toBe('Unsent draft orders: AutoCo (car maker) (1 order)');
    await facServer.resync();
    expect(facServer.sync?.drafts).toEqual({ month: 1, teams: { autoco: 1 } });
    expect(facServer.view.teams.find((t) => t.id === 'autoco')?.submitted).toBe(false);
    // another team learns nothing of it
    const dgaSync = await dgaServer.resync();
    expect(dgaSync.ok && 'drafts' in dgaSync).toBe(false);
    await shoot(fac.page, 'facilitator-alerts-drafts');

    const question = await adjudicate(fac.page, false);
    expect(question).toContain('Unsent draft orders (they will not count): AutoCo (car maker) (1 order).');
    expect(await logged('adjudicate')).toEqual([]);
    expect(await logged('draft')).toEqual([]);
  });

  it('refuses a bad count, and a draft count from a seat that is not a team', async () => {
    expect(await draft(dgaServer, { count: -1 })).toMatchObject({ ok: false, code: 'input/bad_payload' });
    expect(await draft(dgaServer, { count: 1, orders: [] })).toMatchObject({ ok: false });
    expect(await draft(facServer, { count: 2 })).toMatchObject({ ok: false, code: 'auth/forbidden' });
    await facServer.resync();
    expect(facServer.sync?.drafts).toEqual({ month: 1, teams: { autoco: 1 } });
  });

  it('once the team sends its orders the warning goes; confirmed, the month is adjudicated', async () => {
    const p = autoco.page;
    await p.getByRole('button', { name: /^Submit the orders/ }).click();
    await facServer.until(
      () => facServer.view.teams.find((t) => t.id === 'autoco')?.submitted === true,
      'autoco submitted',
    );
    await fac.page.locator('[data-alert="drafts"][data-teams=""]').waitFor({ timeout: STEP });
    expect(await fac.page.locator('[data-alert="drafts"]').textContent()).toBe('No unsent draft orders');
    await facServer.resync();
    expect(facServer.sync?.drafts).toEqual({ month: 1, teams: {} });
    const question = await adjudicate(fac.page, true);
    expect(question).not.toContain('Unsent draft');
    expect(question).toMatch(/^Adjudicate month 1 now\? Not sent yet: DGA/);
    await waitPhase(fac.page, 'review');
    expect(await logged('adjudicate')).toEqual([{ type: 'adjudicate' }]);
  });
});
