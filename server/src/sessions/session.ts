import {
  applyCommand,
  botCommands,
  canonicalJSON,
  commandSchema,
  createExercise,
  diff,
  entryHash,
  ErrorCode,
  hashState,
  seatFromKey,
  verifyChain,
  viewFor,
  type Actor,
  type AckError,
  type Command,
  type CommandAck,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
  type SeatKey,
  type PatchOp,
  type View,
  type ViewUpdate,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { ExerciseRecord, Snapshot, Store } from '../store/store.ts';

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

export interface SessionDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Delivers a view update to every socket of one audience of one exercise. */
  publish(exerciseId: string, seat: SeatKey, update: ViewUpdate): void;
  /** How long an audience's view stays tracked after its last socket left (covers connection recovery). */
  lingerMs: number;
}

interface TrackedView {
  view: View;
  /** seq of the last command that changed this view. */
  version: number;
  sockets: number;
  linger: NodeJS.Timeout | null;
}

interface Job {
  sender: Sender;
  clientId: string;
  command: Command;
  expectedVersion: number | null;
  reply: (ack: CommandAck) => void;
}

/** Bot passes per seat per month: two bots answering each other's offers must not haggle forever. */
const MAX_BOT_PASSES = 4;

const SOCIAL = new Set<Command['type']>(['message', 'note']);

const fail = (code: AckError['code'], message: string, path?: string): AckError => ({
  ok: false,
  code,
  message,
  ...(path ? { path } : {}),
});

/**
 * One live exercise. Commands are applied strictly one at a time, in arrival order: validate → apply
 * through the machine → append to the store in one transaction → ack → publish each audience's view
 * change. Nothing is published that is not stored, and a command the store refused leaves no trace in
 * memory.
 */
export class ExerciseSession {
  readonly id: string;
  private state: ExerciseState;
  private lastHash: string;
  private seq: number;
  private readonly views = new Map<SeatKey, TrackedView>();
  private readonly queue: Job[] = [];
  private draining = false;
  private deadline: { at: number; cancel(): void } | null = null;
  /** The last deadline this process expired: never fired twice, even if the machine refused it. */
  private expired: number | null = null;
  private botsPending: NodeJS.Immediate | null = null;
  private botPasses = { month: 0, byTeam: new Map<string, number>() };
  private closed = false;

  private constructor(
    readonly record: ExerciseRecord,
    readonly scenario: Scenario,
    state: ExerciseState,
    private readonly deps: SessionDeps,
  ) {
    this.id = record.id;
    this.state = state;
    this.seq = record.lastSeq;
    this.lastHash = record.lastHash;
  }

  /**
   * Rebuilds an exercise from its latest snapshot and the log after it, after checking the whole hash
   * chain. Throws if the log does not verify or no longer replays (the caller keeps the exercise offline).
   */
  static load(record: ExerciseRecord, deps: SessionDeps): ExerciseSession {
    const scenario = JSON.parse(record.scenarioJson) as Scenario;
    const log = deps.store.readLog(record.id);
    const chain = verifyChain(record.genesis, log);
    if (!chain.ok) throw new Error(`hash chain of ${record.id} breaks at entry ${chain.index}`);
    if (log.length !== record.lastSeq || chain.lastHash !== record.lastHash)
      throw new Error(`log of ${record.id} does not end where the exercise record says`);
    const snapshot = usableSnapshot(deps.store.latestSnapshot(record.id));
    let state = snapshot?.state ?? createExercise(scenario, { seed: record.seed, bots: record.bots });
    for (const entry of log) {
      if (snapshot && entry.seq <= snapshot.seq) continue;
      // The chain verified: these are commands this server accepted, so the rule checks are not rerun.
      const result = applyCommand(scenario, state, entry, { trusted: true });
      if (!result.ok)
        throw new Error(`stored command ${entry.seq} of ${record.id} no longer applies: ${result.code}`);
      state = result.state;
    }
    const session = new ExerciseSession(record, scenario, state, deps);
    session.afterCommit();
    return session;
  }

  get phase(): ExerciseState['phase'] {
    return this.state.phase;
  }

  get month(): number {
    return this.state.context.game.month;
  }

  get lastSeq(): number {
    return this.seq;
  }

  get finished(): boolean {
    return this.state.phase === 'finished';
  }

  /** The state as of the last stored command (read-only by convention). */
  current(): ExerciseState {
    return this.state;
  }

  /** Queues a command; `reply` is called with its ack before any view change it causes is published. */
  submit(
    sender: Sender,
    clientId: string,
    command: Command,
    expectedVersion: number | null,
    reply: (ack: CommandAck) => void,
  ): void {
    this.queue.push({ sender, clientId, command, expectedVersion, reply });
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) this.process(job);
    } finally {
      this.draining = false;
    }
  }

  /** A socket of `seat` arrived: its view is tracked from now on. */
  subscribe(seat: SeatKey): void {
    const tracked = this.views.get(seat);
    if (tracked) {
      tracked.sockets++;
      if (tracked.linger) clearTimeout(tracked.linger);
      tracked.linger = null;
      return;
    }
    this.views.set(seat, {
      view: this.compute(this.state, seat),
      version: this.seq,
      sockets: 1,
      linger: null,
    });
  }

  /** A socket of `seat` left; once none is left (and the recovery window has passed) the view is dropped. */
  unsubscribe(seat: SeatKey): void {
    const tracked = this.views.get(seat);
    if (!tracked || --tracked.sockets > 0) return;
    tracked.linger = setTimeout(() => {
      if (this.views.get(seat) === tracked && tracked.sockets <= 0) this.views.delete(seat);
    }, this.deps.lingerMs);
    tracked.linger.unref();
  }

  /** The seat's current view and its version (computed now if nobody of that seat is connected). */
  viewOf(seat: SeatKey): { version: number; view: View } {
    const tracked = this.views.get(seat);
    return tracked
      ? { version: tracked.version, view: tracked.view }
      : { version: this.seq, view: this.compute(this.state, seat) };
  }

  close(): void {
    this.closed = true;
    this.deadline?.cancel();
    this.deadline = null;
    if (this.botsPending) clearImmediate(this.botsPending);
    for (const v of this.views.values()) if (v.linger) clearTimeout(v.linger);
    this.views.clear();
  }

  private process(job: Job): void {
    let ack: CommandAck;
    let publish: (() => void) | null = null;
    try {
      ({ ack, publish } = this.apply(job));
    } catch (err) {
      this.deps.logger.error('command failed', {
        exercise: this.id,
        type: job.command.type,
        ...errorFields(err),
      });
      ack = fail(ErrorCode.Internal, 'The server could not process this command; nothing was changed.');
      publish = null;
    }
    this.guarded('reply', () => job.reply(ack));
    if (publish) this.guarded('publish', publish);
  }

  private guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.deps.logger.error(`${what} failed`, { exercise: this.id, ...errorFields(err) });
    }
  }

  private apply(job: Job): { ack: CommandAck; publish: (() => void) | null } {
    const { sender, clientId, command } = job;
    if (this.closed)
      return { ack: fail(ErrorCode.Internal, 'The exercise is shutting down; try again.'), publish: null };
    const prior = this.deps.store.findSent(this.id, sender.key, clientId);
    if (prior) {
      if (prior.command !== canonicalJSON(command))
        return {
          ack: fail(ErrorCode.BadPayload, 'This command id was already used for another command.', 'id'),
          publish: null,
        };
      return { ack: JSON.parse(prior.ack) as CommandAck, publish: null };
    }
    if (job.expectedVersion !== null && sender.seat && !SOCIAL.has(command.type)) {
      const version = this.viewOf(sender.seat).version;
      if (job.expectedVersion < version)
        return {
          ack: fail(
            ErrorCode.Conflict,
            `Your view changed since you decided (now version ${version}, you saw ${job.expectedVersion}). Look again and resend.`,
            'expectedVersion',
          ),
          publish: null,
        };
    }
    const entry: LoggedCommand = {
      seq: this.seq + 1,
      at: Math.max(this.deps.clock.now(), this.state.context.lastAt),
      actor: sender.actor,
      command,
    };
    const result = applyCommand(this.scenario, this.state, entry);
    if (!result.ok)
      return { ack: fail(result.code, result.message, result.path || undefined), publish: null };
    const next = result.state;
    const updates = this.changedViews(next, entry.seq);
    const version = sender.seat
      ? (updates.get(sender.seat)?.version ?? this.viewOf(sender.seat).version)
      : entry.seq;
    const ack: CommandAck = { ok: true, seq: entry.seq, version };
    const hash = entryHash(this.lastHash, entry);
    this.deps.store.append(
      this.id,
      [{ ...entry, prevHash: this.lastHash, hash, sender: sender.key, clientId, ack: JSON.stringify(ack) }],
      { snapshot: this.snapshotIfNewTurn(next), finished: next.phase === 'finished' },
    );
    // Stored: from here on the command has happened.
    this.state = next;
    this.seq = entry.seq;
    this.lastHash = hash;
    for (const [seat, u] of updates) {
      const tracked = this.views.get(seat);
      if (tracked) Object.assign(tracked, { view: u.view, version: u.version });
    }
    return {
      ack,
      publish: () => {
        for (const [seat, u] of updates) this.deps.publish(this.id, seat, u.update);
        this.afterCommit();
      },
    };
  }

  /**
   * New views of the tracked audiences whose view the next state changes. Every view carries the
   * exercise's `seq`, which moves with every command: a view whose only change is `seq` has not
   * changed for its audience (it gets no update, and its `seq` stays its version).
   */
  private changedViews(next: ExerciseState, seq: number) {
    const out = new Map<SeatKey, { view: View; version: number; update: ViewUpdate }>();
    for (const [seat, tracked] of this.views) {
      const view = this.compute(next, seat);
      const ops = diff(tracked.view, view);
      if (ops.every(isSeqOnly)) continue;
      out.set(seat, { view, version: seq, update: { base: tracked.version, version: seq, ops } });
    }
    return out;
  }

  private compute(state: ExerciseState, seat: SeatKey): View {
    return viewFor(this.scenario, state, seatFromKey(seat));
  }

  private snapshotIfNewTurn(next: ExerciseState): Snapshot | undefined {
    const newTurn = next.context.game.month !== this.state.context.game.month || next.phase === 'finished';
    return newTurn ? { seq: this.seq + 1, state: next, stateHash: hashState(next) } : undefined;
  }

  /** Keeps the timer and the bots in step with the state. */
  private afterCommit(): void {
    if (this.closed) return;
    this.autoStartTimer();
    this.armDeadline();
    if (this.state.context.bots.length && !this.finished && !this.botsPending)
      this.botsPending = setImmediate(() => {
        this.botsPending = null;
        this.playBots();
      });
  }

  /**
   * With the exercise's timer defaults set to auto-start, planning gets a deadline as it begins. The id
   * names the month, so a facilitator who clears that timer is not overruled, and a restart adds nothing.
   */
  private autoStartTimer(): void {
    const { timer } = this.record;
    const { phase, context } = this.state;
    if (
      !timer.autoStart ||
      phase !== 'planning' ||
      context.deadline.at !== null ||
      context.deadline.pausedRemaining !== null
    )
      return;
    const at = this.deps.clock.now() + timer.planningMinutes * 60_000;
    this.submit(systemSender, `timer:${this.month}`, { type: 'setDeadline', at }, null, (ack) => {
      if (!ack.ok) this.deps.logger.warn('planning timer not started', { exercise: this.id, code: ack.code });
    });
  }

  private armDeadline(): void {
    const at = this.finished ? null : this.state.context.deadline.at;
    if (this.deadline?.at === at) return;
    this.deadline?.cancel();
    this.deadline = null;
    if (at === null || at === this.expired) return;
    const timer = this.deps.clock.at(at, () => {
      if (this.deadline?.at !== at) return;
      this.deadline = null;
      this.expired = at;
      const command: Command = { type: 'deadlineExpired', deadline: at };
      this.submit(systemSender, `deadline:${at}`, command, null, (ack) => {
        if (!ack.ok)
          this.deps.logger.debug('deadline not applied', { exercise: this.id, at, code: ack.code });
      });
    });
    this.deadline = { at, cancel: timer.cancel };
  }

  /**
   * Each bot seat plays through the same path as people: once as planning opens (until its orders are
   * in), and again when a contract offer awaits its answer. Ids name the seq the bot decided at, so a
   * pass repeated at the same point stores nothing twice; a pass cut short by a crash is decided afresh
   * from what was stored.
   */
  private playBots(): void {
    if (this.closed || this.state.phase !== 'planning') return;
    if (this.botPasses.month !== this.month) this.botPasses = { month: this.month, byTeam: new Map() };
    const decidedAt = this.seq;
    for (const team of this.state.context.bots) {
      const passes = this.botPasses.byTeam.get(team) ?? 0;
      const due = !this.state.context.submitted.includes(team) || awaitsAnswer(this.state, team);
      if (!due || passes >= MAX_BOT_PASSES) continue;
      this.botPasses.byTeam.set(team, passes + 1);
      let wanted: Command[];
      try {
        wanted = botCommands(this.scenario, this.state, team);
      } catch (err) {
        this.deps.logger.error('bot policy failed', { exercise: this.id, team, ...errorFields(err) });
        continue;
      }
      wanted.forEach((raw, i) => {
        const parsed = commandSchema.safeParse(raw);
        if (!parsed.success) {
          this.deps.logger.error('bot sent a malformed command', { exercise: this.id, team, type: raw.type });
          return;
        }
        this.submit(botSender(team), `bot:${decidedAt}:${i}`, parsed.data, null, (ack) => {
          if (!ack.ok)
            this.deps.logger.debug('bot command refused', { exercise: this.id, team, code: ack.code });
        });
      });
    }
  }
}

const awaitsAnswer = (state: ExerciseState, team: string) =>
  Object.values(state.context.game.contracts).some((c) => c.status === 'offered' && c.awaiting === team);

const isSeqOnly = (op: PatchOp) => op.path.length === 1 && op.path[0] === 'seq';

function usableSnapshot(snapshot: Snapshot | undefined): Snapshot | undefined {
  return snapshot && hashState(snapshot.state) === snapshot.stateHash ? snapshot : undefined;
}
