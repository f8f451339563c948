import {
  botCommands,
  commandSchema,
  type Actor,
  type Command,
  type CommandAck,
  type ExerciseState,
  type Scenario,
  type SeatKey,
  type TimerDefaults,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { ExerciseRecord } from '../store/store.ts';

/** Who sent a command, as far as the session is concerned. */
export interface Sender {
  actor: Actor;
  /** Namespace of its command ids: a seat key, `bot:<team>` or `system`. */
  key: string;
  /** The seat whose view version a stale command is checked against; null for the server's own commands. */
  seat: SeatKey | null;
}

export const systemSender: Sender = { actor: { role: 'system' }, key: 'system', seat: null };
export const botSender = (team: string): Sender => ({
  actor: { role: 'team', team },
  key: `bot:${team}`,
  seat: null,
});

/** What the autopilot needs of a session. */
export interface Piloted {
  readonly id: string;
  readonly record: ExerciseRecord;
  readonly scenario: Scenario;
  /** The state the next command applies to. */
  live(): { state: ExerciseState; seq: number };
  submit(
    sender: Sender,
    clientId: string,
    command: Command,
    expectedVersion: number | null,
    reply: (ack: CommandAck) => void,
  ): void;
}

/** Bot passes per seat per month: two bots answering each other's offers must not haggle forever. */
const MAX_BOT_PASSES = 4;

/**
 * What the server does in an exercise by itself, always through the same command path as people:
 * it starts planning timers from the exercise's defaults, expires deadlines, and plays bot seats.
 */
export class Autopilot {
  private deadline: { at: number; cancel(): void } | null = null;
  /** The last deadline this process expired: never fired twice, even if the machine refused it. */
  private expired: number | null = null;
  private botsPending: NodeJS.Immediate | null = null;
  private botPasses = { month: 0, byTeam: new Map<string, number>() };
  private closed = false;

  constructor(
    private readonly session: Piloted,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Brings timers and bots in step with the state; called after every commit and at load. */
  step(): void {
    if (this.closed) return;
    const { state } = this.session.live();
    this.autoStartTimer(state);
    this.armDeadline(state);
    if (state.context.bots.length && state.phase === 'planning' && !this.botsPending)
      this.botsPending = setImmediate(() => {
        this.botsPending = null;
        this.playBots();
      });
  }

  /** A deadline is armed or bots are about to play: the exercise must stay loaded. */
  busy(): boolean {
    return this.deadline !== null || this.botsPending !== null;
  }

  close(): void {
    this.closed = true;
    this.deadline?.cancel();
    this.deadline = null;
    if (this.botsPending) clearImmediate(this.botsPending);
  }

  private quietly(what: string) {
    return (ack: CommandAck) => {
      if (!ack.ok) this.logger.debug(`${what} refused`, { exercise: this.session.id, code: ack.code });
    };
  }

  /**
   * With the exercise's timer defaults set to auto-start, planning gets a deadline as it begins. The id
   * names the month, so a facilitator who clears that timer is not overruled, and a restart adds nothing.
   */
  private autoStartTimer({ phase, context }: ExerciseState): void {
    const { timer } = this.session.record;
    if (
      !timer.autoStart ||
      phase !== 'planning' ||
      context.deadline.at !== null ||
      context.deadline.pausedRemaining !== null
    )
      return;
    const at = this.clock.now() + timer.planningMinutes * 60_000;
    this.session.submit(
      systemSender,
      `timer:${context.game.month}`,
      { type: 'setDeadline', at },
      null,
      this.quietly('planning timer'),
    );
  }

  private armDeadline(state: ExerciseState): void {
    const at = state.phase === 'finished' ? null : state.context.deadline.at;
    if (this.deadline?.at === at) return;
    this.deadline?.cancel();
    this.deadline = null;
    if (at === null || at === this.expired) return;
    const timer = this.clock.at(at, () => {
      if (this.deadline?.at !== at) return;
      this.deadline = null;
      this.expired = at;
      this.session.submit(
        systemSender,
        `deadline:${at}`,
        { type: 'deadlineExpired', deadline: at },
        null,
        this.quietly('deadline'),
      );
    });
    this.deadline = { at, cancel: timer.cancel };
  }

  /**
   * Each bot seat plays once as planning opens (until its orders are in), and again when a contract
   * offer awaits its answer. Ids name the seq the bot decided at, so a pass repeated at the same point
   * stores nothing twice; a pass cut short by a crash is decided afresh from what was stored.
   */
  private playBots(): void {
    if (this.closed) return;
    const { state, seq } = this.session.live();
    const month = state.context.game.month;
    if (state.phase !== 'planning') return;
    if (this.botPasses.month !== month) this.botPasses = { month, byTeam: new Map() };
    for (const team of state.context.bots) {
      const passes = this.botPasses.byTeam.get(team) ?? 0;
      const due = !state.context.submitted.includes(team) || awaitsAnswer(state, team);
      if (!due || passes >= MAX_BOT_PASSES) continue;
      this.botPasses.byTeam.set(team, passes + 1);
      this.playBot(team, seq);
    }
  }

  private playBot(team: string, decidedAt: number): void {
    let wanted: Command[];
    try {
      wanted = botCommands(this.session.scenario, this.session.live().state, team);
    } catch (err) {
      this.logger.error('bot policy failed', { exercise: this.session.id, team, ...errorFields(err) });
      return;
    }
    wanted.forEach((raw, i) => {
      const parsed = commandSchema.safeParse(raw);
      if (!parsed.success)
        return this.logger.error('bot sent a malformed command', {
          exercise: this.session.id,
          team,
          type: raw.type,
        });
      this.session.submit(
        botSender(team),
        `bot:${decidedAt}:${i}`,
        parsed.data,
        null,
        this.quietly(`bot ${team}`),
      );
    });
  }
}

/**
 * Whether the autopilot has anything to do in this state without anyone watching: a deadline to
 * expire, a planning timer to start, bots to play. An exercise that does not is left unloaded at boot
 * (the store keeps this flag, `ExerciseWrite.awake`), and loaded when someone asks for it.
 */
export function wantsPilot(state: ExerciseState, timer: TimerDefaults): boolean {
  const { phase, context } = state;
  if (phase === 'finished') return false;
  if (context.deadline.at !== null) return true;
  if (phase !== 'planning') return false;
  if (timer.autoStart && context.deadline.pausedRemaining === null) return true;
  return context.bots.some((team) => !context.submitted.includes(team) || awaitsAnswer(state, team));
}

const awaitsAnswer = (state: ExerciseState, team: string) =>
  state.context.game.contracts.some((c) => c.status === 'offered' && c.awaiting === team);
