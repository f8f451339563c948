import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import {
  checkPolicy,
  fireFlags,
  hashState,
  playPolicy,
  parsePolicyText,
  type Policy,
  indexOf,
  monthLabel,
  type MonthRecord,
  newsText,
  type NewsEvent,
  type Scenario,
} from '@arsenal/shared';
import { loadScenarioOrExit } from './load-scenario.ts';

/** One simulated month as printed by `--format json` (one object per line). */
export interface SimulatedMonth {
  month: number;
  label: string;
  output: Record<string, number>;
  deliveredToFronts: Record<string, number>;
  demand: Record<string, number>;
  money: Record<string, number>;
  territory: Record<string, number>;
  fireRatio: Record<string, number>;
  events: string[];
}

/**
 * Play `turns` months with bots in every seat, under a policy of facilitator (and team) actions that
 * apply in their month's planning, before the bots play (a scripted team's bot sits that month out).
 */
export function simulate(scenario: Scenario, seed: number, turns: number, policy: Policy = { actions: [] }) {
  const months: SimulatedMonth[] = [];
  const { play, rejected } = playPolicy(scenario, {
    seed,
    policy,
    bots: scenario.teams.map((t) => t.id),
    months: turns,
    onMonth: (p) => {
      const g = p.state.context.game;
      const h = g.history[g.history.length - 1] as MonthRecord;
      months.push({
        month: h.month,
        label: monthLabel(scenario.meta.startMonth, h.month),
        output: h.output,
        deliveredToFronts: h.deliveredToFronts,
        demand: h.demand,
        money: h.money,
        territory: h.territory,
        fireRatio: h.fireRatio,
        events: g.news.map((n: NewsEvent) => newsText(scenario, n)),
      });
    },
  });
  return { months, state: play.state, log: play.log, hash: hashState(play.state), rejected };
}

/** The policy from `--policy FILE` (YAML or JSON) and `--fire INJECT@MONTH` flags; exits on errors. */
function loadPolicyOrExit(scenario: Scenario, file: string | undefined, fire: readonly string[]): Policy {
  let policy: Policy = { actions: [] };
  if (file !== undefined) {
    const parsed = parsePolicyText(readFileSync(file, 'utf8'));
    if (!parsed.ok) {
      for (const e of parsed.errors) console.error(`${file}: ${e.path}: ${e.message}`);
      process.exit(1);
    }
    policy = parsed.policy;
  }
  const flags = fireFlags(fire);
  if (typeof flags === 'string') {
    console.error(flags);
    process.exit(2);
  }
  policy = { actions: [...policy.actions, ...flags] };
  const errors = checkPolicy(scenario, policy);
  for (const e of errors) console.error(`policy ${e.path}: ${e.message}`);
  if (errors.length) process.exit(1);
  return policy;
}

function table(scenario: Scenario, months: SimulatedMonth[]): string {
  const ix = indexOf(scenario);
  const lines: string[] = [];
  for (const m of months) {
    lines.push(`── ${m.label} (month ${m.month}) ${'─'.repeat(50)}`);
    const products = new Set([...Object.keys(m.output), ...Object.keys(m.demand)]);
    for (const p of products) {
      const name = ix.products.get(p)?.name ?? p;
      lines.push(
        `  ${name.padEnd(36)} made ${String(m.output[p] ?? 0).padStart(8)}   to fronts ${String(m.deliveredToFronts[p] ?? 0).padStart(8)} / ${m.demand[p] ?? 0} required`,
      );
    }
    lines.push(
      `  money: ${Object.entries(m.money)
        .map(([t, v]) => `${t} ${(v / 1e6).toFixed(1)}M€`)
        .join(', ')}`,
    );
    lines.push(
      `  territory: ${Object.entries(m.territory)
        .map(([f, v]) => `${f} ${v} (ratio ${m.fireRatio[f]})`)
        .join(', ')}`,
    );
    for (const e of m.events) lines.push(`  · ${e}`);
  }
  return lines.join('\n');
}

function csv(months: SimulatedMonth[]): string {
  const rows = ['month,label,kind,key,value'];
  for (const m of months) {
    const add = (kind: string, r: Record<string, number>) => {
      for (const [k, v] of Object.entries(r)) rows.push(`${m.month},${m.label},${kind},${k},${v}`);
    };
    add('output', m.output);
    add('deliveredToFronts', m.deliveredToFronts);
    add('demand', m.demand);
    add('money', m.money);
    add('territory', m.territory);
    add('fireRatio', m.fireRatio);
  }
  return rows.join('\n');
}

function main() {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'france-2025' },
      seed: { type: 'string', default: '1' },
      turns: { type: 'string' },
      format: { type: 'string', default: 'table' },
      policy: { type: 'string' },
      fire: { type: 'string', multiple: true, default: [] },
    },
  });
  const scenario = loadScenarioOrExit(values.scenario!);
  const seed = Number(values.seed);
  const turns = values.turns === undefined ? scenario.meta.turns : Number(values.turns);
  if (!Number.isInteger(seed) || !Number.isInteger(turns) || turns < 1) {
    console.error('--seed and --turns must be whole numbers (turns ≥ 1).');
    process.exit(2);
  }
  if (!['table', 'json', 'csv'].includes(values.format!)) {
    console.error('--format must be table, json or csv.');
    process.exit(2);
  }
  const policy = loadPolicyOrExit(scenario, values.policy, values.fire ?? []);
  const result = simulate(scenario, seed, turns, policy);
  for (const r of result.rejected)
    console.error(`policy ${r.path} (month ${r.month}) refused: ${r.code} ${r.message}`);
  if (values.format === 'json') for (const m of result.months) console.log(JSON.stringify(m));
  else if (values.format === 'csv') console.log(csv(result.months));
  else {
    console.log(
      `${scenario.meta.title} — seed ${seed}, ${result.months.length} months, every seat played by bots`,
    );
    console.log(table(scenario, result.months));
    console.log(`final state hash ${result.hash}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
