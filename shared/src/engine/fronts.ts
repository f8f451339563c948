import type { Scenario } from '../schema/scenario.ts';
import { blueBaseMultiplier, demandMultiplier, effectMultiplier, redFiresMultiplier } from './effects.ts';
import { bump, say, takeStock } from './finance.ts';
import { indexOf } from './lookup.ts';
import type { GameState, NewsEvent } from './state.ts';

/** Territory step for a Blue/Red fire ratio, from the scenario's bands. */
export function territoryMove(s: Scenario, ratio: number): number {
  for (const band of s.rules.territoryBands) if (band.below === null || ratio < band.below) return band.move;
  return 0;
}

/**
 * Resolve each front for one month (Lanchester-lite, README _The month_): consume stock up to demand, sum
 * effective fires (units × effect at the front's EW level), attrit both forces and move territory by the
 * band of the Blue/Red fire ratio. Returns units consumed and demand per product.
 */
export function resolveFronts(s: Scenario, g: GameState, news: NewsEvent[]) {
  const ix = indexOf(s);
  const delivered: Record<string, number> = {};
  const demanded: Record<string, number> = {};
  for (const spec of s.fronts) {
    const f = g.fronts[spec.id]!;
    let blue = spec.blueBaseFires * blueBaseMultiplier(g, spec.id);
    for (const d of spec.demand) {
      const want = Math.floor(d.perMonth * spec.intensity * demandMultiplier(g, spec.id, d.product));
      const use = Math.min(want, Math.floor(f.stock[d.product] ?? 0));
      bump(demanded, d.product, want);
      if (use <= 0) continue;
      takeStock(f.stock, d.product, use);
      bump(g.ledger.expended, d.product, use);
      bump(delivered, d.product, use);
      const p = ix.products.get(d.product)!;
      blue += use * (p.effectByEw[f.ewLevel] ?? 0) * effectMultiplier(g, p.class);
    }
    const red = spec.redFires * spec.intensity * redFiresMultiplier(g, spec.id) + f.redSurge;
    const ratio = red > 0 ? blue / red : Infinity;
    const move = territoryMove(s, ratio);
    const before = f.territory;
    f.territory = Math.max(spec.territory.min, Math.min(spec.territory.max, f.territory + move));
    const blueLoss = Math.min(f.blueForce, spec.attrition.blue * red);
    const redLoss = Math.min(f.redForce, spec.attrition.red * blue);
    f.blueForce -= blueLoss;
    f.redForce -= redLoss;
    f.casualties += blueLoss * spec.casualtiesPerForce;
    f.lastBlueFires = blue;
    f.lastRedFires = red;
    f.redSurge = 0;
    say(news, g.month, 'front', {
      key: f.territory > before ? 'front.gains' : f.territory < before ? 'front.loses' : 'front.holds',
      front: spec.id,
      side: s.meta.names.blueSide,
      blue: Math.round(blue),
      red: Math.round(red),
      ratio: Number.isFinite(ratio) ? Math.round(ratio * 100) / 100 : '∞',
      territory: f.territory,
    });
  }
  return { delivered, demanded };
}
