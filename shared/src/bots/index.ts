import type { BotStrength, Command, Order } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { ExerciseState } from '../exercise/types.ts';
import { applyContractCommand } from '../engine/contracts.ts';
import { indexOf } from '../engine/lookup.ts';
import { validateOrders } from '../engine/orders.ts';
import type { GameState } from '../engine/state.ts';
import { adversaryOrders } from './adversary.ts';
import { budgetOrders } from './budget.ts';
import { industryOffers, industryOrders } from './industry.ts';
import { militaryOrders } from './military.ts';
import { answerOffers } from './offers.ts';
import { repatriateOrders } from './abroad.ts';
import { procurementOffers, procurementOrders } from './procurement.ts';
import {
  competentAdversaryOrders,
  competentBudgetOrders,
  competentMilitaryOrders,
} from './competent/others.ts';
import {
  competentProcurementOffers,
  competentProcurementOrders,
  emergencyPurchases,
} from './competent/procurement.ts';

/**
 * Computer players: one policy per team kind, so that any seat can be played by the server, at the
 * strength the exercise sets for the seat (`context.botStrength`, `plain` when unset):
 * - `passive` submits no orders, makes no offers and rejects every offer it is asked to answer;
 * - `plain` is the simple, sensible policy of each kind;
 * - `competent` plays as a competent player of the kind would (`competent/`, and the `competent`
 *   branches of the kind modules): see the README's "Bot strength".
 * The policies read only the state, so they are as deterministic as the engine, and they act through
 * the same commands as people.
 */
export function botCommands(s: Scenario, state: ExerciseState, team: string): Command[] {
  if (state.phase !== 'planning') return [];
  const spec = indexOf(s).teams.get(team);
  if (!spec) return [];
  const strength = botStrengthOf(state, team);
  const commands: Command[] = [];
  let g = state.context.game;
  const run = (c: Command) => {
    if (
      c.type === 'submitOrders' ||
      c.type === 'message' ||
      c.type === 'note' ||
      !('contract' in c || c.type === 'offerContract')
    )
      return;
    const r = applyContractCommand(s, g, team, c as never);
    if ('g' in r) {
      g = r.g;
      commands.push(c);
    }
  };
  const answers =
    strength === 'passive' ? rejectAll(g, team) : answerOffers(s, g, team, strength === 'competent');
  for (const c of answers) run(c);
  if (strength !== 'passive') for (const c of offersFor(s, g, team, strength)) run(c);
  if (!state.context.submitted.includes(team)) {
    const wanted = strength === 'passive' ? [] : ordersFor(s, g, team, strength);
    const orders: Order[] = [];
    for (const o of wanted) if (!validateOrders(s, g, team, [...orders, o])) orders.push(o);
    commands.push({ type: 'submitOrders', orders });
  }
  return commands;
}

/** The strength of the bot in `team`'s seat (`plain` unless the exercise says otherwise). */
export function botStrengthOf(state: ExerciseState, team: string): BotStrength {
  return state.context.botStrength?.[team] ?? 'plain';
}

/** A passive seat declines whatever it is asked to answer. */
function rejectAll(g: GameState, team: string): Command[] {
  return g.contracts
    .filter((c) => c.status === 'offered' && c.awaiting === team)
    .map((c) => ({ type: 'rejectContract', contract: c.id }));
}

function offersFor(s: Scenario, g: GameState, team: string, strength: BotStrength): Command[] {
  const competent = strength === 'competent';
  switch (indexOf(s).teams.get(team)!.kind) {
    case 'procurement':
      return competent ? competentProcurementOffers(s, g, team) : procurementOffers(s, g, team);
    case 'military':
      // Competent armed forces spend their own money on contracts for what the fronts lack.
      return competent ? competentProcurementOffers(s, g, team) : [];
    case 'industry':
      return industryOffers(s, g, team);
    default:
      return [];
  }
}

function ordersFor(s: Scenario, g: GameState, team: string, strength: BotStrength): Order[] {
  return [...repatriateOrders(g, team), ...kindOrders(s, g, team, strength)];
}

function kindOrders(s: Scenario, g: GameState, team: string, strength: BotStrength): Order[] {
  const kind = indexOf(s).teams.get(team)!.kind;
  const competent = strength === 'competent';
  switch (kind) {
    case 'government':
    case 'alliance':
      return competent ? competentBudgetOrders(s, g, team) : budgetOrders(s, g, team, kind);
    case 'procurement':
      return competent ? competentProcurementOrders(s, g, team) : procurementOrders(s, g, team);
    case 'industry':
      return industryOrders(s, g, team, competent);
    case 'military':
      return competent
        ? [
            ...competentMilitaryOrders(s, g, team),
            ...emergencyPurchases(s, g, g.teams[team]?.money ?? 0).orders,
          ]
        : militaryOrders(s, g, team);
    case 'adversary':
      return competent ? competentAdversaryOrders(s, g, team) : adversaryOrders(s, g, team);
  }
}
