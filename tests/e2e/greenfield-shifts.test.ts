import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SeatClient } from '../integration/helpers/client.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { addOrder, STEP } from './helpers/room.ts';
import { firmAtOrders, type FirmRoom } from './helpers/firm.ts';

/**
 * A firm builds a new plant on its site and puts a line on a second shift with overtime, both from the
 * order form; the server holds the orders and, once the month is adjudicated, the plant under
 * construction and the line's shifts.
 */

/** The tutorial with a site AutoCo holds and a greenfield drone template to build it with. */
function scenarioText(): string {
  const file = path.join(import.meta.dirname, '../../shared/scenarios/tutorial.yaml');
  const s = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown[]> & { meta: { id: string } };
  s.meta.id = 'tutorial-greenfield';
  s.templates!.push({
    id: 'new_drone_plant',
    name: 'New drone plant',
    kind: 'greenfield',
    leadMonths: 3,
    qualificationMonths: 1,
    ramp: [0.5, 1],
    fixedCost: 1000000,
    costPerMonthlyUnit: 500,
    crewPerMonthlyUnit: 0.08,
    plantTypes: ['auto-assembly'],
    makes: { classes: ['fpv'] },
  });
  s.sites = [
    {
      id: 'sable',
      name: 'Sablé drone works',
      owner: 'autoco',
      type: 'auto-assembly',
      landCost: 500000,
      buildCost: 2000000,
      buildMonths: 4,
      workforce: { skilled: 100 },
    },
  ];
  return JSON.stringify(s);
}

let room: FirmRoom;
let fac: SeatClient;
let ana: Seat;

beforeAll(async () => {
  room = await firmAtOrders({ scenarioText: scenarioText(), seed: 5 });
  ({ fac, ana } = room);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shoot(ana.page, 'failed-greenfield-shifts').catch(() => {});
});

afterAll(() => room?.close());

describe('a new plant and shifts from the order form', () => {
  it('the server holds both orders and applies them at adjudication', async () => {
    await addOrder(ana.page, 'buildPlant', {
      Site: 'sable',
      Template: 'new_drone_plant',
      Product: 'fpv_rf',
      'Capacity added (units/month)': '500',
    });
    await addOrder(ana.page, 'setShifts', {
      Plant: 'le_mans',
      Line: 'line_a',
      Shifts: '2',
      Overtime: 'true',
    });
    await ana.page.getByRole('button', { name: /^Submit the orders/ }).click();
    const orders = () => fac.view.all?.orders.autoco ?? [];
    await fac.until(() => orders().length === 2, 'both orders on the server');
    expect(orders()).toEqual([
      {
        type: 'buildPlant',
        site: 'sable',
        template: 'new_drone_plant',
        product: 'fpv_rf',
        addNameplate: 500,
      },
      { type: 'setShifts', plant: 'le_mans', line: 'line_a', shifts: 2, overtime: true },
    ]);
    const money = fac.view.all!.teams.autoco!.money;

    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    const plant = (id: string) => fac.view.plants.find((p) => p.id === id);
    await fac.until(() => plant('sable') !== undefined, 'the new plant on the server', STEP);
    // Under construction: it opens after the site's four months of building, its first line equipped meanwhile.
    expect(plant('sable')?.detail?.building).toMatchObject({ site: 'sable', opensMonth: 5, skilled: 100 });
    expect(plant('sable')?.detail?.lines).toMatchObject([
      { state: 'retooling', target: 'fpv_rf', nameplate: 500 },
    ]);
    const line = plant('le_mans')?.detail?.lines.find((l) => l.id === 'line_a');
    expect(line).toMatchObject({ shifts: 2, overtime: true });
    // Land, buildings, recruits and the line were paid for at the order.
    expect(fac.view.all!.teams.autoco!.money).toBeLessThan(money - 3_500_000);
  });
});
