import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { own } from '../../util/canonical.ts';
import { pay, say, WORLD } from '../finance.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/** Strike a plant: the scenario's dice, less the plant's security, against its success threshold. */
export const strike: Handler<Of<'strike'>> = ({ s, g, team, month }, o) => {
  const plant = own(g.plants, o.plant);
  if (!plant) return violation(ErrorCode.UnknownPlant, `There is no plant "${o.plant}".`, 'plant');
  if (plant.owner === team)
    return violation(ErrorCode.SelfDealing, 'A team cannot strike its own plant.', 'plant');
  const r = s.rules.strike;
  return {
    cost: r.cost,
    draws: [],
    apply: ({ g, dice, news }) => {
      pay(g, team, WORLD, r.cost, 'strike');
      const p = g.plants[o.plant]!;
      const roll = dice.roll(r.dice, r.sides) - p.security;
      if (roll < r.successAtLeast) {
        say(news, month, 'strike', { key: 'strike.failed', plant: p.id, roll });
        return;
      }
      p.timesHit += 1;
      for (const l of p.lines) {
        if (l.state === 'damaged') {
          l.monthsLeft = Math.max(l.monthsLeft, r.damageMonths);
          continue;
        }
        l.resumeState = l.state;
        l.state = 'damaged';
        l.monthsLeft = r.damageMonths;
        l.since = month;
      }
      say(news, month, 'strike', { key: 'strike.hit', plant: p.id, roll, months: r.damageMonths });
    },
  };
};

/** Raise electronic warfare on a front by one level, up to the scenario's maximum. */
export const ewUpgrade: Handler<Of<'ewUpgrade'>> = ({ s, g, team, month }, o) => {
  const f = own(g.fronts, o.front);
  if (!f) return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
  if (f.ewLevel >= s.rules.ewLevelMax)
    return violation(ErrorCode.OverCapacity, 'EW is already at its maximum there.', 'front');
  return {
    cost: s.rules.ewUpgradeCost,
    draws: [{ kind: 'once', action: 'ewUpgrade', target: o.front }],
    apply: ({ g, news }) => {
      pay(g, team, WORLD, s.rules.ewUpgradeCost, 'ew');
      const front = g.fronts[o.front]!;
      front.ewLevel = Math.min(s.rules.ewLevelMax, front.ewLevel + 1);
      say(news, month, 'ew', { key: 'ew.raised', team, front: o.front, level: front.ewLevel });
    },
  };
};

/** Outbid the Blue side on a component's world market: its price rises this month and the next `rules.outbid.months`. */
export const outbid: Handler<Of<'outbid'>> = ({ s, ix, team, month }, o) => {
  const comp = ix.components.get(o.component);
  if (!comp)
    return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
  return {
    cost: s.rules.outbid.cost,
    draws: [{ kind: 'once', action: 'outbid', target: o.component }],
    apply: ({ g, news }) => {
      pay(g, team, WORLD, s.rules.outbid.cost, 'outbid');
      g.outbids[o.component] = month + 1 + s.rules.outbid.months;
      say(news, month, 'market', { key: 'market.outbid', item: comp.id, side: s.meta.names.blueSide });
    },
  };
};

/** Buy extra Red fires on a front this month (€ per fire from the scenario). */
export const surge: Handler<Of<'surge'>> = ({ s, g, team }, o) => {
  if (!own(g.fronts, o.front))
    return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
  return {
    cost: o.amount,
    draws: [],
    apply: ({ g }) => {
      pay(g, team, WORLD, o.amount, 'surge');
      g.fronts[o.front]!.redSurge += o.amount / s.rules.redSurge.costPerFire;
    },
  };
};
