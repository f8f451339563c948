import type { Effect } from '../schema/scenario.ts';
import type { EffectKey } from './catalog.ts';
import type { NewsMessage, NewsValue } from './render.ts';

const item = (id: string): NewsMessage => ({ key: 'effect.item', item: id });
const front = (id: string | undefined): NewsValue => id ?? { key: 'effect.everyFront' };
/** The singular form of a message counted in months, when there is one month. */
const months = (key: EffectKey, n: number): EffectKey => (n === 1 ? (`${key}.one` as EffectKey) : key);

/**
 * A typed effect in words, as a message: the one wording of effects, used by the facilitator's run
 * sheet, the free-form actions (the board, the team's outcome) and the after-action report. Ids stay
 * ids; `narrate` writes the reader's names, figures and terms.
 */
export function effectMessage(e: Effect): NewsMessage {
  switch (e.type) {
    case 'componentSupply':
      return {
        key: 'effect.componentSupply',
        what: e.component
          ? item(e.component)
          : e.origin
            ? { key: 'effect.fromOrigin', origin: e.origin }
            : { key: 'effect.allComponents' },
        cap: e.capMultiplier,
        price: e.priceMultiplier,
      };
    case 'productionMultiplier':
      return {
        key: 'effect.productionMultiplier',
        what: e.product ? item(e.product) : (e.productClass ?? { key: 'effect.allProducts' }),
        m: e.multiplier,
        unless: e.unlessStock
          ? {
              key: 'effect.unlessStock',
              team: e.unlessStock.team,
              qty: e.unlessStock.atLeast,
              item: e.unlessStock.item,
            }
          : '',
      };
    case 'effectMultiplier':
      return {
        key: 'effect.effectMultiplier',
        what: e.productClass,
        m: e.multiplier,
        until: e.untilShare
          ? {
              key: 'effect.untilShare',
              item: e.untilShare.product,
              sharePct: e.untilShare.atLeast,
              of: e.untilShare.of.map(item),
            }
          : '',
      };
    case 'redFires':
      return { key: 'effect.redFires', front: front(e.front), m: e.multiplier };
    case 'blueBaseFires':
      return { key: 'effect.blueBaseFires', front: front(e.front), m: e.multiplier };
    case 'demand':
      return {
        key: 'effect.demand',
        what: e.product ? item(e.product) : { key: 'effect.allProducts' },
        front: front(e.front),
        m: e.multiplier,
      };
    case 'ewLevel':
      return { key: 'effect.ewLevel', front: front(e.front), delta: e.delta };
    case 'qualificationDelay':
      return { key: months('effect.qualificationDelay', e.months), n: e.months };
    case 'leadTimeDelay':
      return {
        key: months('effect.leadTimeDelay', e.months),
        what: e.templateKind ?? { key: 'effect.anyWork' },
        n: e.months,
      };
    case 'lineStoppage':
      return { key: months('effect.lineStoppage', e.months), plant: e.plant, n: e.months };
    case 'money':
      return { key: 'effect.money', team: e.team, deltaEur: e.delta };
    case 'politicalCapital':
      return { key: 'effect.politicalCapital', team: e.team, delta: e.delta };
    case 'unlockLever':
      return { key: 'effect.unlockLever', lever: e.lever };
    case 'marketOffer': {
      const offer: NewsMessage = {
        key: months('effect.marketOffer', e.deliveryMonths),
        qty: e.qty,
        item: e.product,
        priceEur: e.price,
        n: e.deliveryMonths,
      };
      const terms: NewsMessage[] = [];
      if (e.releasePerMonth !== undefined)
        terms.push({
          key: e.carryOver ? 'effect.offerReleaseCarry' : 'effect.offerRelease',
          qty: e.releasePerMonth,
        });
      if (e.escalation) terms.push({ key: 'effect.offerEscalation', escalationPct: e.escalation });
      if (e.rivalBids) terms.push({ key: 'effect.offerRivals' });
      if (!terms.length) return offer;
      const joined = terms.reduce((a, b) => ({ key: 'effect.termsJoin', a, b }));
      return { key: 'effect.withTerms', offer, terms: joined };
    }
    case 'rivalBid':
      return { key: 'effect.rivalBid', what: e.product ? item(e.product) : { key: 'effect.everyOffer' } };
  }
}
