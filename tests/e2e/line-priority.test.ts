import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SeatClient } from '../integration/helpers/client.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { addOrder, STEP } from './helpers/room.ts';
import { firmAtOrders, type FirmRoom } from './helpers/firm.ts';

/**
 * A firm gives one of its lines high priority for scarce inputs from the order form; the server holds
 * the order and, once the month is adjudicated, the line's priority.
 */

let room: FirmRoom;
let fac: SeatClient;
let ana: Seat;

beforeAll(async () => {
  room = await firmAtOrders({ scenarioId: 'tutorial', seed: 5 });
  ({ fac, ana } = room);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(ana.page, 'failed-line-priority').catch(() => {});
});

afterAll(() => room?.close());

describe('line priority for scarce inputs', () => {
  it('the order form sets a line’s priority and the server applies it at adjudication', async () => {
    await addOrder(ana.page, 'setLinePriority', { Line: 'line_b', Priority: 'high' });
    await ana.page.locator('.order-list li', { hasText: /high priority for inputs/i }).waitFor();
    await ana.page.getByRole('button', { name: /^Submit the orders/ }).click();
    const orders = () => fac.view.all?.orders.autoco ?? [];
    await fac.until(() => orders().length === 1, 'the priority order on the server');
    expect(orders()).toEqual([
      { type: 'setLinePriority', plant: 'le_mans', line: 'line_b', priority: 'high' },
    ]);

    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    const line = () =>
      fac.view.plants.find((p) => p.id === 'le_mans')?.detail?.lines.find((l) => l.id === 'line_b');
    await fac.until(() => line()?.priority === 'high', 'line B at high priority', STEP);
    expect(line()?.priority).toBe('high');
    expect(fac.view.plants.find((p) => p.id === 'le_mans')?.detail?.lines[0]?.priority).toBe('normal');
  });
});
