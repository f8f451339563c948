import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyCommand,
  createExercise,
  parseScenarioText,
  type Actor,
  type Command,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
} from '@arsenal/shared';

const DIR = join(import.meta.dirname, '../../shared/scenarios');

/** A bundled scenario's file, as text (to upload it, or a changed copy of it). */
export const bundledText = (name: 'tutorial' | 'france-2025'): string =>
  readFileSync(join(DIR, `${name}.yaml`), 'utf8');

/** A bundled scenario, validated (throws with the errors if it is not). */
export function bundled(name: 'tutorial' | 'france-2025'): Scenario {
  const r = parseScenarioText(bundledText(name));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

/** A copy of a scenario with changes applied by `edit`: small builders, not copied fixtures. */
export function variant(base: Scenario, edit: (s: Scenario) => void): Scenario {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

export const facilitator: Actor = { role: 'facilitator' };
export const teamActor = (team: string): Actor => ({ role: 'team', team });

/** Drives an exercise command by command, as the server would, failing loudly on a rejection. */
export class Driver {
  state: ExerciseState;
  at = 1_000;
  /** Every accepted command, in order: a log `replay` folds into the same state. */
  readonly log: LoggedCommand[] = [];

  constructor(
    readonly scenario: Scenario,
    seed = 1,
  ) {
    this.state = createExercise(scenario, { seed, bots: [] });
  }

  try(actor: Actor, command: Command) {
    this.at += 1_000;
    const entry = { seq: this.state.context.seq + 1, at: this.at, actor, command };
    const r = applyCommand(this.scenario, this.state, entry);
    if (r.ok) {
      this.state = r.state;
      this.log.push(entry);
    }
    return r;
  }

  do(actor: Actor, command: Command): this {
    const r = this.try(actor, command);
    if (!r.ok) throw new Error(`${command.type} rejected: ${r.code} ${r.message}`);
    return this;
  }

  get game() {
    return this.state.context.game;
  }

  /** From the lobby to planning of month 1. */
  toPlanning(): this {
    return this.do(facilitator, { type: 'startPlanning' });
  }

  /** Adjudicate and publish the current month. */
  endMonth(): this {
    return this.do(facilitator, { type: 'adjudicate' }).do(facilitator, { type: 'publish' });
  }
}

/**
 * The tutorial with AutoCo's line A already at full rate on RF FPV drones (3,000 a month a shift,
 * crew 250), AutoCo holding €500M and parts for a million drones, no injects, `turns` months; the
 * exercise at planning of month 1. `edit` sets the case (workforce, rules, templates). The unit
 * tests of what a running line does (learning, shifts, output to orders, expansions) start here.
 */
export function droneLineAtRate(edit: (s: Scenario) => void = () => {}, turns = 12): Driver {
  const s = variant(bundled('tutorial'), (x) => {
    const plant = x.plants[0]!;
    Object.assign(plant.lines[0]!, { state: 'rate', product: 'fpv_rf', template: 'simple_assembly' });
    x.teams.find((t) => t.id === 'autoco')!.money = 500_000_000;
    x.injects = [];
    x.meta.turns = turns;
    edit(x);
  });
  const d = new Driver(s).toPlanning();
  Object.assign(d.game.teams.autoco!.stock, {
    motor: 1_000_000,
    battery: 250_000,
    flight_ctrl: 250_000,
    video_link: 250_000,
  });
  return d;
}
