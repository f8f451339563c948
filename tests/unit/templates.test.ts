import { describe, expect, it } from 'vitest';
import {
  botCommands,
  checkReferences,
  ErrorCode,
  productsOf,
  templatesFor,
  validateOrders,
  type Order,
} from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');
const game = new Driver(flagship).toPlanning().game;

const convert = (product: string, template: string): Order => ({
  type: 'convertLine',
  plant: 'le_mans',
  line: 'line_a',
  product,
  template,
});

describe('templates are bound to the products they can make (defect 5)', () => {
  it.each([
    ['a Chorus airframe with the simple-assembly template', convert('chorus', 'assembly_a')],
    ['nitrocellulose propellant with a drone template', convert('nc_propellant', 'assembly_a')],
    [
      'a greenfield drone line making shells',
      {
        type: 'invest',
        plant: 'le_mans',
        template: 'drone_line',
        product: 'shell_155',
        addNameplate: 100,
      } satisfies Order,
    ],
  ])('refuses %s with a code and the template path', (_name, order) => {
    const v = validateOrders(flagship, game, 'carmaker', [order]);
    expect(v).toMatchObject({ ok: false, code: ErrorCode.TemplateCannotMake, path: 'orders.0.template' });
  });

  it('accepts the pairs the scenario states', () => {
    expect(validateOrders(flagship, game, 'carmaker', [convert('chorus', 'airframe_b')])).toBeNull();
    expect(validateOrders(flagship, game, 'carmaker', [convert('fpv_rf', 'assembly_a')])).toBeNull();
  });

  it('offers, fastest first, only the templates that fit the plant and make the product', () => {
    const ids = (product: string) =>
      templatesFor(flagship, 'conversion', { plantType: 'engine', product }).map((t) => t.id);
    expect(ids('chorus')).toEqual(['airframe_b']);
    expect(ids('fpv_rf')).toEqual(['assembly_a']);
    expect(ids('nc_propellant')).toEqual([]);
    const capacity = templatesFor(flagship, 'capacity', { plantType: 'munitions', product: 'shell_155' });
    expect(capacity.map((t) => t.id)).toEqual(['brownfield_c', 'greenfield_d']);
    const a = flagship.templates.find((t) => t.id === 'assembly_a')!;
    expect(productsOf(flagship, a).map((p) => p.id)).toEqual(['fpv_rf', 'fpv_fibre', 'interceptor']);
  });

  it('the scenario checker refuses broken bindings with their paths', () => {
    const broken = variant(flagship, (s) => {
      // Toulouse's interceptor line ramps with template A: A now makes RF FPVs only.
      s.templates[0]!.makes = { products: ['tank'], classes: ['fpv'] };
      s.templates[1]!.makes = { products: [], classes: ['hovercraft'] };
    });
    const errors = checkReferences(broken);
    const at = (path: string) => errors.find((e) => e.path === path)?.message;
    expect(at('templates.0.makes.products.0')).toMatch(/unknown product "tank"/);
    expect(at('templates.1.makes')).toMatch(/must name the products/);
    const plant = flagship.plants.findIndex((p) => p.lines.some((l) => l.template === 'assembly_a'));
    const line = flagship.plants[plant]!.lines.findIndex((l) => l.template === 'assembly_a');
    expect(at(`plants.${plant}.lines.${line}.template`)).toMatch(/cannot make "interceptor"/);
  });

  it('industry bots convert only to products their plant can make, with a template that makes them', () => {
    const d = new Driver(flagship).toPlanning();
    const conversions: Order[] = [];
    for (let month = 0; month < 12; month++) {
      for (const team of flagship.teams)
        for (const c of botCommands(flagship, d.state, team.id)) {
          const r = d.try(teamActor(team.id), c);
          expect(r.ok ? null : r.code).toBeNull();
          if (c.type === 'submitOrders')
            conversions.push(...c.orders.filter((o) => o.type === 'convertLine'));
        }
      d.endMonth();
    }
    expect(conversions.length).toBeGreaterThan(0);
    for (const o of conversions) {
      if (o.type !== 'convertLine') continue;
      const product = flagship.products.find((p) => p.id === o.product)!;
      expect(templatesFor(flagship, 'conversion', { product: product.id }).map((t) => t.id)).toContain(
        o.template,
      );
    }
  });
});
