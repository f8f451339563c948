import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SeatClient } from '../integration/helpers/client.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { addOrder, STEP } from './helpers/room.ts';
import { firmAtOrders, type FirmRoom } from './helpers/firm.ts';

/**
 * The EU/NATO cell of the flagship averts the machine-tool shock from its order form: the menu shows
 * the concession's terms (30 political capital and €150M), the server holds the order and, once the
 * month is adjudicated, has taken the capital and the money and taken the inject off the run sheet.
 */

let room: FirmRoom;
let fac: SeatClient;
let ana: Seat;

beforeAll(async () => {
  room = await firmAtOrders({ scenarioId: 'france-2025', seed: 3 }, 'alliance');
  ({ fac, ana } = room);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(ana.page, 'failed-concession').catch(() => {});
});

afterAll(() => room?.close());

describe('a concession with a price', () => {
  it('the alliance buys tooling slots from the order form; the server takes 30 capital and €150M', async () => {
    const editor = ana.page.getByRole('form', { name: 'Add an order' });
    await editor.getByLabel('Order', { exact: true }).selectOption('concede');
    const menu = await editor.getByLabel('Event', { exact: true }).locator('option').allTextContents();
    expect(menu).toContain('Machine-tool lead-time shock (costs 30 political capital and €150M)');
    expect(menu).toContain('US aid pause (costs 30 political capital and €250M)');
    await addOrder(ana.page, 'concede', { Event: 'machine_tools' });
    await ana.page.getByRole('button', { name: /^Submit the orders/ }).click();
    const orders = () => fac.view.all?.orders.alliance ?? [];
    await fac.until(() => orders().length === 1, 'the concession on the server');
    expect(orders()).toEqual([{ type: 'concede', inject: 'machine_tools' }]);

    const before = fac.view.all!.teams.alliance!;
    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    await fac.until(() => fac.view.month === 2, 'month 2', STEP);
    const after = fac.view.all!.teams.alliance!;
    expect(after.politicalCapital).toBe(before.politicalCapital - 30);
    // the month's appropriation comes in; the concession's €150M goes out
    expect(after.money).toBe(before.money + 30_000_000 - 150_000_000);
    const row = (id: string) => fac.view.runSheet?.find((r) => r.inject === id)?.state;
    expect(row('machine_tools')).toBe('suppressed');
    expect(row('us_aid_pause')).toBe('pending');
  });
});
