import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SeatClient } from '../integration/helpers/client.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { addOrder, STEP } from './helpers/room.ts';
import { firmAtOrders, type FirmRoom } from './helpers/firm.ts';

/**
 * A firm sets one of its lines to produce to orders with a stock target from the order form; the
 * server holds the order and, once the month is adjudicated, the line's mode and target.
 */

let room: FirmRoom;
let fac: SeatClient;
let ana: Seat;

beforeAll(async () => {
  room = await firmAtOrders({ scenarioId: 'tutorial', seed: 6 });
  ({ fac, ana } = room);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(ana.page, 'failed-output-mode').catch(() => {});
});

afterAll(() => room?.close());

describe('demand-driven output', () => {
  it('the order form sets a line to produce to orders and the server applies it at adjudication', async () => {
    await addOrder(ana.page, 'setOutputMode', {
      Line: 'line_a',
      Output: 'toOrders',
      'Stock target (optional)': '250',
    });
    await ana.page.locator('.order-list li', { hasText: /produce to orders, 250 in stock/i }).waitFor();
    await ana.page.getByRole('button', { name: /^Submit the orders/ }).click();
    const orders = () => fac.view.all?.orders.autoco ?? [];
    await fac.until(() => orders().length === 1, 'the output-mode order on the server');
    expect(orders()).toEqual([
      { type: 'setOutputMode', plant: 'le_mans', line: 'line_a', mode: 'toOrders', stockTarget: 250 },
    ]);

    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    const lines = () => fac.view.plants.find((p) => p.id === 'le_mans')?.detail?.lines ?? [];
    await fac.until(() => lines()[0]?.outputMode === 'toOrders', 'line A to orders', STEP);
    expect(lines()[0]).toMatchObject({ outputMode: 'toOrders', stockTarget: 250 });
    expect(lines()[1]).toMatchObject({ outputMode: 'capacity', stockTarget: 0 });
  });
});
