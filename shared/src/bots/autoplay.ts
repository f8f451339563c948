import type { Actor, Command } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import { botCommands } from './index.ts';
import { applyCommand, type ApplyResult } from '../machine/exercise.ts';
import type { ExerciseState, LoggedCommand } from '../exercise/types.ts';

/**
 * Drive an exercise with bots in every seat, as the simulator, benchmarks and look-ahead do. Each
 * accepted command is appended to `log` exactly as a live server would log it, so the log replays.
 * `at` is supplied by the caller (the simulator uses a fixed clock: time is data here too).
 */
export class Autoplay {
  readonly log: LoggedCommand[] = [];

  constructor(
    readonly scenario: Scenario,
    public state: ExerciseState,
    private readonly clock: () => number = () => 0,
  ) {}

  /** Apply a command; returns whether it was accepted. */
  send(actor: Actor, command: Command): boolean {
    return this.try(actor, command).ok;
  }

  /** Apply a command; returns the machine's answer (the violation when refused). */
  try(actor: Actor, command: Command): ApplyResult {
    const entry: LoggedCommand = { seq: this.state.context.seq + 1, at: this.clock(), actor, command };
    const r = applyCommand(this.scenario, this.state, entry);
    if (!r.ok) return r;
    this.state = r.state;
    this.log.push(entry);
    return r;
  }

  /** Every bot team answers and submits for the current month. */
  botsPlay(teams: readonly string[] = this.scenario.teams.map((t) => t.id)): void {
    for (const team of teams)
      for (const command of botCommands(this.scenario, this.state, team))
        this.send({ role: 'team', team }, command);
  }

  /** One whole month with bots in every seat: start if needed, play, adjudicate, publish. */
  playMonth(): void {
    const f = { role: 'facilitator' } as const;
    if (this.state.phase === 'lobby') this.send(f, { type: 'startPlanning' });
    if (this.state.phase !== 'planning') return;
    this.botsPlay();
    this.send(f, { type: 'adjudicate' });
    this.send(f, { type: 'publish' });
  }

  /** Play until the exercise finishes or `months` have been played. */
  play(months = Infinity): this {
    for (let i = 0; i < months && this.state.phase !== 'finished'; i++) this.playMonth();
    return this;
  }
}
