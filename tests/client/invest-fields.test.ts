import { describe, expect, it } from 'vitest';
import { ErrorCode, validateOrders, type Order } from '@arsenal/shared';
import { choicesFor } from '../../client/src/screens/team/orders/fields.ts';
import { bundled, Driver } from '../helpers/scenarios.ts';
import { teamView } from './render.tsx';

/**
 * The invest form offers, once a template (and a line) is chosen, exactly the products the engine
 * would let the order name: the template must make the product (`order/template_cannot_make`) and an
 * expansion extends its line's own product (`order/template_mismatch` on the product). The engine is
 * the oracle: every offered product passes those checks, every other one fails them.
 */
const flagship = bundled('france-2025');
const firms = flagship.teams.filter((t) => t.kind === 'industry').map((t) => t.id);

/** Whether the engine refuses `product` in this investment for the product's sake. */
function refusesProduct(d: Driver, team: string, order: Extract<Order, { type: 'invest' }>): boolean {
  const v = validateOrders(flagship, d.game, team, [order]);
  return (
    v?.code === ErrorCode.TemplateCannotMake ||
    (v?.code === ErrorCode.TemplateMismatch && v.path.endsWith('.product'))
  );
}

describe('the invest form offers only the products the template and line can take', () => {
  it.each(firms)('%s: every template and line of every plant, checked against the engine', (team) => {
    const d = new Driver(flagship).toPlanning();
    const view = teamView(d, team);
    let checked = 0;
    for (const { value: plant } of choicesFor('ownPlant', flagship, view, team, {})) {
      const lines = choicesFor('line', flagship, view, team, { plant }).map((c) => c.value);
      for (const { value: template } of choicesFor('investTemplate', flagship, view, team, { plant })) {
        for (const line of ['', ...lines]) {
          const values = { plant, template, line };
          const offered = choicesFor('templateProduct', flagship, view, team, values).map((c) => c.value);
          for (const p of flagship.products) {
            const order = {
              type: 'invest',
              plant,
              template,
              product: p.id,
              addNameplate: 1,
              ...(line ? { line } : {}),
            } as const;
            expect(!refusesProduct(d, team, order), `${plant}/${line || '-'} ${template} ${p.id}`).toBe(
              offered.includes(p.id),
            );
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('an expansion of a drone line offers only that line’s drone; without a line, every drone the template makes', () => {
    const d = new Driver(flagship).toPlanning();
    const plant = flagship.plants.find((p) => p.owner === 'drone_sme')!;
    const line = plant.lines.find((l) => l.product)!;
    const view = teamView(d, 'drone_sme');
    const values = { plant: plant.id, template: 'drone_expansion' };
    expect(choicesFor('templateProduct', flagship, view, 'drone_sme', { ...values, line: line.id })).toEqual([
      { value: line.product, label: flagship.products.find((p) => p.id === line.product)!.name },
    ]);
    expect(choicesFor('templateProduct', flagship, view, 'drone_sme', values).length).toBeGreaterThan(1);
  });
});
