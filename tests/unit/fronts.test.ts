import { describe, expect, it } from 'vitest';
import { adjudicate } from '@arsenal/shared';
import { territoryMove } from '../../shared/src/engine/fronts.ts';
import { bundled, Driver, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

describe('territory bands', () => {
  it.each([
    [0.2, -2],
    [0.49, -2],
    [0.5, -1],
    [0.79, -1],
    [0.8, 0],
    [1.24, 0],
    [1.25, 1],
    [1.99, 1],
    [2, 2],
    [50, 2],
  ])('ratio %f moves territory %i', (ratio, move) => {
    expect(territoryMove(tutorial, ratio)).toBe(move);
  });
});

describe('front resolution', () => {
  /** One month with `qty` RF FPV already at the front, at the given EW level. */
  function month(qty: number, ewLevel: number) {
    const s = variant(tutorial, (x) => (x.fronts[0]!.ewLevel = ewLevel));
    const g = new Driver(s).toPlanning().game;
    g.fronts.east!.stock.fpv_rf = qty;
    return adjudicate(s, g, {}).game;
  }

  it('consumes at most the monthly demand and adds effective fires by EW level', () => {
    const f = tutorial.fronts[0]!;
    const g = month(8_000, 1);
    expect(g.fronts.east!.stock.fpv_rf).toBe(8_000 - 5_000);
    expect(g.ledger.expended.fpv_rf).toBe(5_000);
    expect(g.fronts.east!.lastBlueFires).toBeCloseTo(f.blueBaseFires + 5_000 * 0.15);
    expect(month(1_000, 3).fronts.east!.lastBlueFires).toBeCloseTo(f.blueBaseFires + 1_000 * 0.054);
  });

  it('attrits both sides and counts casualties', () => {
    const f = tutorial.fronts[0]!;
    const g = month(0, 1);
    expect(g.fronts.east!.blueForce).toBeCloseTo(f.forces.blue - f.attrition.blue * f.redFires);
    expect(g.fronts.east!.redForce).toBeCloseTo(f.forces.red - f.attrition.red * f.blueBaseFires);
    expect(g.fronts.east!.casualties).toBeCloseTo(f.attrition.blue * f.redFires * f.casualtiesPerForce);
    expect(g.fronts.east!.territory).toBe(-1);
  });

  it('enough drones at the front turn a losing month into a hold', () => {
    expect(month(3_000, 1).fronts.east!.territory).toBe(0);
  });
});
