import { describe, expect, it } from 'vitest';
import { ErrorCode, validateOrders, type Order } from '@arsenal/shared';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');

/**
 * The flagship's Bourges plant (the prime): the 155 mm line is first in the file and the 120 mm mortar
 * line second. Both take NC propellant and HE filler; the prime holds enough for 60 % of what the
 * two lines could make, and plenty of everything else.
 */
function bourges(orders: Order[] = []) {
  const d = new Driver(flagship).toPlanning();
  const stock = d.game.teams.prime!.stock;
  Object.assign(stock, { shell_body: 1e6, mortar_body: 1e6, fuze: 1e6, nc_propellant: 0, he_filler: 0 });
  // Shells need 12 kg NC + 8 kg HE, mortars 1 + 2.2: enough for 60 % of 7,000 shells and 4,000 mortars.
  stock.nc_propellant = (7000 * 12 + 4000 * 1) * 0.6;
  stock.he_filler = (7000 * 8 + 4000 * 2.2) * 0.6;
  if (orders.length) d.do(teamActor('prime'), { type: 'submitOrders', orders });
  d.endMonth();
  const made = (line: string) => d.game.plants.bourges!.lines.find((l) => l.id === line)!;
  return { shells: made('shell_155'), mortars: made('mortar_120'), d };
}

describe('line priority for scarce inputs (defect 8)', () => {
  it('by default the second line at a plant is not starved by file order: both lines get a pro rata share', () => {
    const { shells, mortars } = bourges();
    const shellShare = shells.lastOutput / 7000;
    const mortarShare = mortars.lastOutput / 4000;
    expect(mortars.lastOutput).toBeGreaterThan(0);
    expect(mortars.state).not.toBe('starved');
    // The same share of what each line could make (yield aside: lines at rate run at their yield).
    expect(Math.abs(shellShare - mortarShare)).toBeLessThan(0.05);
    expect(shellShare).toBeGreaterThan(0.5);
  });

  it('a high-priority line is served first, the others share what is left', () => {
    const { shells, mortars, d } = bourges([
      { type: 'setLinePriority', plant: 'bourges', line: 'mortar_120', priority: 'high' },
    ]);
    expect(mortars.priority).toBe('high');
    expect(mortars.lastOutput / 4000).toBeGreaterThan(0.9);
    expect(shells.lastOutput).toBeLessThan(7000 * 0.6);
    expect(shells.limitedBy).toMatch(/propellant|filler|explosive/i);
    // and never more of an input is used than there was
    expect(d.game.teams.prime!.stock.nc_propellant).toBeGreaterThanOrEqual(0);
    expect(d.game.teams.prime!.stock.he_filler).toBeGreaterThanOrEqual(0);
  });

  it('the priority persists into later months and is narrated to the owner only', () => {
    const { d } = bourges([
      { type: 'setLinePriority', plant: 'bourges', line: 'shell_155', priority: 'low' },
    ]);
    d.endMonth();
    expect(d.game.plants.bourges!.lines.find((l) => l.id === 'shell_155')!.priority).toBe('low');
  });

  it('refuses another team’s line, an unknown line and two priorities for one line', () => {
    const d = new Driver(flagship).toPlanning();
    const set = (line: string, priority: 'high' | 'low' = 'high'): Order => ({
      type: 'setLinePriority',
      plant: 'bourges',
      line,
      priority,
    });
    expect(validateOrders(flagship, d.game, 'carmaker', [set('shell_155')])).toMatchObject({
      code: ErrorCode.NotOwner,
      path: 'orders.0.plant',
    });
    expect(validateOrders(flagship, d.game, 'prime', [set('nope')])).toMatchObject({
      code: ErrorCode.UnknownLine,
      path: 'orders.0.line',
    });
    expect(
      validateOrders(flagship, d.game, 'prime', [set('shell_155'), set('shell_155', 'low')]),
    ).toMatchObject({ code: ErrorCode.DuplicateOrder, path: 'orders.1' });
  });
});
