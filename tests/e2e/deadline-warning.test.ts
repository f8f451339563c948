import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { SeatClient } from '../integration/helpers/client.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { addOrder, seatToken, STEP, tab, waitPhase } from './helpers/room.ts';
import { whiteCellRoom, type WhiteCellRoom } from './helpers/white-cell-room.ts';

/**
 * The deadline's warning (issue 15 item 4) in a real browser: the White Cell sets a short planning
 * timer; the DGA sends its orders, AutoCo leaves an order unsent on its laptop, the army sends
 * nothing. In the timer's last minutes the alerts name the teams it would adjudicate without; the
 * server expires the deadline by itself (a `deadlineExpired` in the log, the month adjudicated), and
 * the review says time ran out and lists exactly AutoCo and the army as not sent and AutoCo's draft as
 * it stood then, even once AutoCo's laptop has gone. No team learns of another team's draft.
 */

let room: WhiteCellRoom;
let fac: Seat;
let dga: Seat;
let autoco: Seat;
let army: Seat;
/** The facilitator and two teams on plain sockets: what the server holds and sends each of them. */
let facServer: SeatClient;
let dgaServer: SeatClient;
let armyServer: SeatClient;
let deadline = 0;

beforeAll(async () => {
  room = await whiteCellRoom({
    teams: { dga: 'Dana', autoco: 'Alex', army: 'Ari' },
    facViewport: { width: 1366, height: 768 },
  });
  ({ fac } = room);
  ({ dga, autoco, army } = room.teams as Record<'dga' | 'autoco' | 'army', Seat>);
  const { url } = room.server;
  const id = room.ex.exerciseId;
  facServer = await SeatClient.connect(url, room.token);
  dgaServer = await SeatClient.connect(url, await seatToken(dga.page, id, 'team:dga'));
  armyServer = await SeatClient.connect(url, await seatToken(army.page, id, 'team:army'));
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const s of [fac, dga, autoco, army]) await shoot(s.page, `failed-deadline-${s.name}`).catch(() => {});
});

afterAll(async () => {
  for (const c of [facServer, dgaServer, armyServer]) c?.close();
  await room?.close();
});

async function log(): Promise<FacilitatorExport['entries']> {
  const res = await room.http.get<FacilitatorExport>(
    `/api/exercises/${room.ex.exerciseId}/export`,
    room.token,
  );
  expect(res.status).toBe(200);
  return res.body.entries;
}

const ofType = async (type: string) => (await log()).filter((e) => e.command.type === type);

/** Answers the console's next question (window.confirm) with yes; returns it. */
function acceptNext(p: Page): Promise<string> {
  return new Promise((resolve) =>
    p.once('dialog', (d) => {
      resolve(d.message());
      void d.accept();
    }),
  );
}

const teamOf = (c: SeatClient, id: string) => c.view.teams.find((t) => t.id === id);

describe('the deadline’s warning', () => {
  it('one team sends, one leaves a draft unsent, one sends nothing; the timer is set to 15 s', async () => {
    await fac.page.locator('[data-command="startPlanning"]').click();
    for (const s of [dga, autoco, army]) await waitPhase(s.page, 'planning');
    // the DGA sends its orders (none this month): it is done
    await tab(dga.page, /^Orders/);
    await dga.page.getByRole('button', { name: /^Submit the orders/ }).click();
    await facServer.until(() => teamOf(facServer, 'dga')?.submitted === true, 'DGA submitted');
    // AutoCo writes an order and does not send it
    await tab(autoco.page, /^Orders/);
    await addOrder(autoco.page, 'convertLine');
    await fac.page.locator('[data-alert="drafts"][data-teams="autoco"]').waitFor({ timeout: STEP });
    expect(teamOf(facServer, 'autoco')?.submitted).toBe(false);
    expect(teamOf(facServer, 'army')?.submitted).toBe(false);

    // a quarter of a minute, in the console's own timer field
    const timer = fac.page.locator('.timer-controls');
    await timer.getByLabel('Minutes').fill('0.25');
    await timer.getByRole('button', { name: 'Set the timer' }).click();
    await facServer.until(() => facServer.view.deadline.at !== null, 'the deadline is set');
    deadline = facServer.view.deadline.at!;
    // the console's own 20-minute timer (the exercise's defaults) started with planning; this replaced it
    const set = await ofType('setDeadline');
    expect(set.map((e) => e.actor.role)).toEqual(['system', 'facilitator']);
    expect(set.at(-1)?.command).toEqual({ type: 'setDeadline', at: deadline });
    expect(deadline - Date.now()).toBeLessThan(16_000);
  });

  it('in its last minutes the deadline alert names who it would adjudicate without', async () => {
    const alert = fac.page.locator('[data-alert="deadline"][data-soon="true"]');
    await alert.waitFor({ timeout: STEP });
    expect(await alert.getAttribute('data-missing')).toBe('autoco army');
    expect(await alert.getAttribute('data-teams')).toBe('autoco');
    const text = await alert.textContent();
    expect(text).toContain(
      'When it runs out the month is adjudicated without orders from AutoCo (car maker), Armée de Terre & Ukraine liaison.',
    );
    expect(text).toContain('Unsent drafts will not count: AutoCo (car maker) (1 order).');
    expect(text).not.toContain('DGA');
    await shoot(fac.page, 'facilitator-alerts-deadline');
  });

  it('the server expires the deadline by itself: logged, the month adjudicated without AutoCo’s draft', async () => {
    await facServer.until(() => facServer.view.phase === 'review', 'the deadline expires', 40_000);
    const expired = await ofType('deadlineExpired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      actor: { role: 'system' },
      command: { type: 'deadlineExpired', deadline },
    });
    expect(expired[0]!.at).toBeGreaterThanOrEqual(deadline);
    expect(await ofType('adjudicate')).toEqual([]); // nobody pressed "Adjudicate now"
    // only the DGA's orders reached the server, with no order in them
    const sent = await ofType('submitOrders');
    expect(sent.map((e) => [e.actor, e.command.type === 'submitOrders' && e.command.orders])).toEqual([
      [{ role: 'team', team: 'dga' }, []],
    ]);
    const v = facServer.view;
    expect(v.deadline.at).toBeNull();
    expect(v.review?.month).toBe(1);
    expect(v.review?.adjudicated).toEqual({ by: 'deadline', at: expired[0]!.at });
    expect(v.teams.filter((t) => !t.submitted).map((t) => t.id)).toEqual(['autoco', 'army']);
    // the drafts as they stood when the month was adjudicated, kept for the review
    await facServer.resync();
    expect(facServer.sync?.drafts).toEqual({ month: 1, teams: { autoco: 1 }, adjudicated: { autoco: 1 } });
    // AutoCo's own screen tells it its change did not go through
    await waitPhase(autoco.page, 'review');
    await autoco.page.getByText('Planning has closed. One change was not sent').waitFor({ timeout: STEP });
  });

  it('the review says time ran out and lists exactly the teams that had not sent or had drafts', async () => {
    const p = fac.page;
    await waitPhase(p, 'review');
    await tab(p, /^Review/);
    const ran = p.locator('[data-adjudicated="deadline"]');
    await ran.waitFor({ timeout: STEP });
    expect(await ran.textContent()).toMatch(
      /^Time ran out at .+: the server adjudicated month 1 by itself\.$/,
    );
    const missing = p.locator('.review-summary [data-missing]');
    expect(await missing.getAttribute('data-missing')).toBe('autoco army');
    expect(await missing.textContent()).toBe(
      'Not sent this month (adjudicated without their orders): AutoCo (car maker), Armée de Terre & Ukraine liaison.',
    );
    const drafted = p.locator('.review-summary [data-drafts]');
    expect(await drafted.getAttribute('data-drafts')).toBe('autoco');
    expect(await drafted.textContent()).toContain(': AutoCo (car maker) (1 order).');
    expect(await p.locator('.review-summary .notice').allTextContents()).not.toContainEqual(
      expect.stringContaining('DGA'),
    );
    await shoot(p, 'facilitator-review-deadline');
  });

  it('the review keeps AutoCo’s draft as it stood at the deadline once its laptop has gone', async () => {
    await autoco.context.close();
    await expect
      .poll(async () => (await facServer.resync(), facServer.sync?.drafts), { timeout: STEP })
      .toEqual({ month: 1, teams: {}, adjudicated: { autoco: 1 } });
    // a console opened afresh (a reload, a second White Cell laptop) has only what the server kept
    await fac.page.reload();
    await tab(fac.page, /^Review/);
    const drafted = fac.page.locator('.review-summary [data-drafts]');
    await drafted.waitFor({ timeout: STEP });
    expect(await drafted.getAttribute('data-drafts')).toBe('autoco');
  });

  it('no team learns of another team’s draft, nor of the review', async () => {
    for (const c of [dgaServer, armyServer]) {
      const res = await c.resync();
      expect(res.ok && 'drafts' in res).toBe(false);
      expect(c.view.review).toBeNull();
      const wire = c.received.join('\n');
      expect(wire).not.toMatch(/\["drafts"|adjudicated\\?":\{/);
    }
    for (const s of [dga, army]) {
      await waitPhase(s.page, 'review');
      const text = (await s.page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/Unsent draft|\(1 order\)|Time ran out/);
    }
  });

  it('publishing the month the deadline adjudicated moves the exercise to month 2', async () => {
    const asked = acceptNext(fac.page);
    await fac.page.getByRole('button', { name: 'Publish to the teams' }).click();
    expect(await asked).toBe('Publish month 1 to every team?');
    await facServer.until(() => facServer.view.month === 2, 'month 2');
    expect(facServer.view.phase).toBe('planning');
    expect(await ofType('publish')).toHaveLength(1);
    expect(facServer.view.history.map((h) => h.month)).toEqual([1]);
  });
});
