import type { Command } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';
import type { GameState } from '../engine/state.ts';
import { averageCost, estimatedCost, supplyOutlook } from './market.ts';
import { COMPETENT, POLICY } from './policy.ts';

/** Accept or reject the offers awaiting `team`'s answer. */
export function answerOffers(s: Scenario, g: GameState, team: string, competent = false): Command[] {
  const ix = indexOf(s);
  const out: Command[] = [];
  for (const c of g.contracts) {
    if (c.status !== 'offered' || c.awaiting !== team) continue;
    const product = ix.products.get(c.terms.product);
    if (!product) continue;
    if (c.seller === team) {
      // A competent seller prices against the average cost over the contract's units (the learning
      // curve), a plain one against the next unit's.
      const cost = competent
        ? averageCost(s, g, product, team, c.terms.qty)
        : estimatedCost(s, g, product, team);
      const fair = c.terms.unitPrice >= POLICY.acceptMargin * cost;
      const outlook = supplyOutlook(s, g, team, product.id);
      const reach = competent && c.terms.type === 'multiYear' ? COMPETENT.signalMultiple : 1;
      const deliverable = outlook.perMonth * c.terms.months * reach >= c.terms.qty / 2;
      const ok = outlook.perMonth > 0 && (c.terms.rating !== 'none' || (fair && deliverable));
      out.push({ type: ok ? 'acceptContract' : 'rejectContract', contract: c.id });
    } else {
      const affordable =
        (g.teams[team]?.money ?? 0) >= (c.terms.qty * c.terms.unitPrice * c.terms.advancePct) / 100;
      out.push({
        type:
          affordable && c.terms.unitPrice <= product.marketPrice * 1.2 ? 'acceptContract' : 'rejectContract',
        contract: c.id,
      });
    }
  }
  return out;
}
