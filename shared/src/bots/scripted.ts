import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  facilitatorCommandSchema,
  orderSchema,
  teamCommandSchema,
  type Actor,
  type Command,
} from '../schema/commands.ts';
import { id, type Scenario } from '../schema/scenario.ts';
import { zodIssues } from '../util/issues.ts';
import type { ScenarioError } from '../schema/validate.ts';
import { Autoplay } from './autoplay.ts';
import { createExercise } from '../machine/exercise.ts';

/**
 * A scripted policy: what the facilitator and scripted teams do, month by month, in a headless run
 * (the simulator's `--policy`, the calibration cases). Seats not scripted in a month are played by
 * bots when the run has bots. Each action applies in its month's planning phase, before the bots play.
 */
const action = z.union([
  z
    .strictObject({ month: z.number().int().min(1), fireInject: id })
    .describe('the facilitator fires an inject (typically a facilitator-only one)'),
  z
    .strictObject({ month: z.number().int().min(1), team: id, orders: z.array(orderSchema).max(60) })
    .describe("a team's orders for the month (its bot does not play that month)"),
  z
    .strictObject({
      month: z.number().int().min(1),
      team: id.optional().describe('absent: the facilitator'),
      command: z.union([teamCommandSchema, facilitatorCommandSchema]),
    })
    .describe('any team or facilitator command'),
]);
export type PolicyAction = z.infer<typeof action>;

export const policySchema = z.strictObject({ actions: z.array(action).max(5000).default([]) });
export type Policy = z.infer<typeof policySchema>;

/** Parse policy text (YAML or JSON): the policy, or its errors with paths. */
export function parsePolicyText(
  text: string,
): { ok: true; policy: Policy } | { ok: false; errors: ScenarioError[] } {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : 'unreadable';
    return { ok: false, errors: [{ path: '(root)', message: `not valid YAML or JSON: ${message}` }] };
  }
  const parsed = policySchema.safeParse(data);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, errors: zodIssues(parsed.error) };
}

/** Parse `--fire INJECT@MONTH` flags into policy actions; null with a message when one is malformed. */
export function fireFlags(flags: readonly string[]): PolicyAction[] | string {
  const out: PolicyAction[] = [];
  for (const f of flags) {
    const m = /^([a-z][a-z0-9_-]*)@(\d+)$/.exec(f);
    if (!m) return `--fire ${f}: expected INJECT@MONTH, e.g. machine_tools@6`;
    out.push({ month: Number(m[2]), fireInject: m[1]! });
  }
  return out;
}

/** References a policy makes that the scenario lacks, with paths such as `actions.2.fireInject`. */
export function checkPolicy(s: Scenario, p: Policy): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const teams = new Set(s.teams.map((t) => t.id));
  const injects = new Set(s.injects.map((i) => i.id));
  p.actions.forEach((a, i) => {
    if (a.month > s.meta.turns)
      errors.push({ path: `actions.${i}.month`, message: `month ${a.month} is after the last turn` });
    if ('fireInject' in a && !injects.has(a.fireInject))
      errors.push({ path: `actions.${i}.fireInject`, message: `unknown inject "${a.fireInject}"` });
    if ('team' in a && a.team !== undefined && !teams.has(a.team))
      errors.push({ path: `actions.${i}.team`, message: `unknown team "${a.team}"` });
  });
  return errors;
}

/** A policy command the exercise refused, with where it came from. */
export interface PolicyRejection {
  month: number;
  path: string;
  code: string;
  message: string;
}

function commandOf(a: PolicyAction): { actor: Actor; command: Command } {
  if ('fireInject' in a)
    return { actor: { role: 'facilitator' }, command: { type: 'fireInject', inject: a.fireInject } };
  if ('orders' in a)
    return { actor: { role: 'team', team: a.team }, command: { type: 'submitOrders', orders: a.orders } };
  return {
    actor: a.team === undefined ? { role: 'facilitator' } : { role: 'team', team: a.team },
    command: a.command,
  };
}

/**
 * Play `months` months of an exercise under a policy. `bots` are the seats played by the engine's
 * bots when the policy does not script them that month. Deterministic: the same scenario, seed and
 * policy give the same log and state.
 */
export function playPolicy(
  s: Scenario,
  opts: {
    seed: number;
    policy: Policy;
    bots: readonly string[];
    months?: number;
    /** Called after each month is published. */
    onMonth?: (play: Autoplay) => void;
  },
): { play: Autoplay; rejected: PolicyRejection[] } {
  const play = new Autoplay(s, createExercise(s, { seed: opts.seed, bots: [...opts.bots] }));
  const rejected: PolicyRejection[] = [];
  const f = { role: 'facilitator' } as const;
  const months = opts.months ?? s.meta.turns;
  for (let i = 0; i < months && play.state.phase !== 'finished'; i++) {
    if (play.state.phase === 'lobby') play.send(f, { type: 'startPlanning' });
    if (play.state.phase !== 'planning') break;
    const month = play.state.context.game.month;
    const scripted = new Set<string>();
    opts.policy.actions.forEach((a, k) => {
      if (a.month !== month) return;
      const { actor, command } = commandOf(a);
      if (actor.role === 'team') scripted.add(actor.team);
      const r = play.try(actor, command);
      if (!r.ok)
        rejected.push({
          month,
          path: `actions.${k}${r.path ? `.${r.path}` : ''}`,
          code: r.code,
          message: r.message,
        });
    });
    play.botsPlay(opts.bots.filter((t) => !scripted.has(t)));
    play.send(f, { type: 'adjudicate' });
    play.send(f, { type: 'publish' });
    opts.onMonth?.(play);
  }
  return { play, rejected };
}
