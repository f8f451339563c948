import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { own } from '../../util/canonical.ts';
import { pay, say, WORLD } from '../finance.ts';
import { concessionsFor } from '../injects.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/** Pay another team: an appropriation, a subsidy, or a capex subsidy (drawn by its investments). */
export const budget: Handler<Of<'budget'>> = ({ g, team, month }, o) => {
  if (o.to === team) return violation(ErrorCode.SelfDealing, 'A team cannot pay itself.', 'to');
  if (!own(g.teams, o.to)) return violation(ErrorCode.UnknownTeam, `There is no team "${o.to}".`, 'to');
  if (o.purpose !== 'appropriation' && !g.levers.subsidies)
    return violation(ErrorCode.LeverDisabled, 'Subsidies are not enabled in this scenario yet.', 'purpose');
  return {
    cost: o.amount,
    draws: [],
    apply: ({ g, news }) => {
      pay(g, team, o.to, o.amount, o.purpose === 'appropriation' ? 'budget' : 'subsidy');
      if (o.purpose === 'capexSubsidy') g.teams[o.to]!.capexSubsidy += o.amount;
      say(
        news,
        month,
        'budget',
        { key: 'budget.granted', team, amountEur: Math.round(o.amount), recipient: o.to, purpose: o.purpose },
        [team, o.to],
      );
    },
  };
};

/** Put a component under export control for the scenario's stated number of months. */
export const exportControl: Handler<Of<'exportControl'>> = ({ s, g, ix, team, month }, o) => {
  if (!g.levers.exportControls)
    return violation(ErrorCode.LeverDisabled, 'Export controls are not enabled yet.', 'type');
  const comp = ix.components.get(o.component);
  if (!comp)
    return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
  return {
    cost: 0,
    draws: [{ kind: 'once', action: 'exportControl', target: o.component }],
    apply: ({ g, news }) => {
      g.exportControls[o.component] = month + s.rules.exportControlMonths;
      say(news, month, 'policy', { key: 'policy.exportControl', team, item: comp.id });
    },
  };
};

/**
 * Avert an inject before it starts by spending the political capital (and the money, if any) its
 * `concession` asks of this team: it is taken off the run sheet (as the White Cell's suppression)
 * and never starts by itself.
 * Orders apply after the month's injects, so it averts the inject from the next month on.
 */
export const concede: Handler<Of<'concede'>> = ({ s, g, team, month }, o) => {
  const inj = concessionsFor(s, team).find((i) => i.id === o.inject);
  const c = inj?.concession;
  // One refusal whether the inject is unknown, has no concession or offers it to another team: a team
  // sees only the injects it may concede, so the rest of the run sheet stays the White Cell's.
  if (!inj || !c)
    return violation(
      ErrorCode.WrongTeamKind,
      'This team has no concession to make on that inject.',
      'inject',
    );
  if (g.firedInjects.includes(inj.id) || g.suppressedInjects?.includes(inj.id))
    return violation(ErrorCode.InjectSettled, 'That inject can no longer be averted.', 'inject');
  if ((g.teams[team]?.politicalCapital ?? 0) < c.politicalCapital)
    return violation(
      ErrorCode.NotEnoughCapital,
      `The concession costs ${c.politicalCapital} political capital; the team has less.`,
      'inject',
    );
  const money = c.money ?? 0;
  return {
    cost: money,
    draws: [{ kind: 'once', action: 'concede', target: inj.id }],
    apply: ({ g, news }) => {
      const t = g.teams[team]!;
      t.politicalCapital = Math.max(0, t.politicalCapital - c.politicalCapital);
      pay(g, team, WORLD, money, 'concession');
      g.suppressedInjects = [...(g.suppressedInjects ?? []), inj.id];
      say(
        news,
        month,
        'policy',
        money > 0
          ? {
              key: 'policy.concessionPaid',
              team,
              title: inj.title,
              capital: c.politicalCapital,
              amountEur: Math.round(money),
            }
          : { key: 'policy.concession', team, title: inj.title, capital: c.politicalCapital },
      );
    },
  };
};
