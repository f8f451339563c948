import {
  applyCommand,
  canonicalJSON,
  entryHash,
  ErrorCode,
  type AckError,
  type Command,
  type CommandAck,
  type ExerciseState,
  type LoggedCommand,
  type Scenario,
  type SeatKey,
  type EncodedViewUpdate,
  type View,
} from '../shared.ts';
import type { Clock } from '../clock.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { ExerciseRecord, ExerciseWrite, Store } from '../store/store.ts';
import { StoreUnavailable } from '../store/unavailable.ts';
import { Autopilot, wantsPilot, type Sender } from './autopilot.ts';
import type { Journal, Journaled } from './journal.ts';
import { SnapshotQueue } from './snapshots.ts';
import { AudienceViews } from './views.ts';
import { nativeSha256Hex } from '../security/secrets.ts';

export { botSender, systemSender, type Sender } from './autopilot.ts';

export interface SessionDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  journal: Journal;
  /**
   * Delivers one encoded view update to every socket of the given audiences of one exercise (audiences
   * whose update is the same text share one packet).
   */
  publish(exerciseId: string, seats: readonly SeatKey[], update: EncodedViewUpdate): void;
  /**
   * A stored batch put `month` under review (the White Cell's "Adjudicate now" or the deadline): the
   * socket layer keeps what it knows of that moment (the teams' unsent draft counts) for the review.
   */
  adjudicated?(exerciseId: string, month: number): void;
  /** How long an audience's view stays tracked after its last socket left (covers connection recovery). */
  lingerMs: number;
  /**
   * Several nodes: track every audience's view from the start. The sockets of an audience may be on any
   * node, and this owner publishes to all of them, also after it took the exercise over from another.
   */
  watchAll?: boolean;
  /** SHA-256 of a state's canonical JSON, given its `JSON.stringify` text, on a worker thread. */
  hashSnapshot(text: string): Promise<string>;
  /**
   * A commit's outcome is unknown (see `StoreUnavailable`): the session takes nothing more until it is
   * given back what its log holds (`resume`). Set by `SessionManager`.
   */
  recheck?(session: ExerciseSession): void;
}

interface Job {
  sender: Sender;
  clientId: string;
  command: Command;
  expectedVersion: number | null;
  reply: (ack: CommandAck) => void;
}

/** A command's answer, held until the batch it belongs to is stored. */
interface Outcome {
  reply: (ack: CommandAck) => void;
  ack: CommandAck;
  /** Whether the ack depends on the batch being stored (false: a refusal, true whatever happens). */
  stored: boolean;
}

/** Everything a batch may have to undo. */
interface Committed {
  state: ExerciseState;
  seq: number;
  lastHash: string;
  views: ReturnType<AudienceViews['capture']>;
}

const SOCIAL = new Set<Command['type']>(['message', 'note']);

const unavailable = (): AckError => ({
  ok: false,
  code: ErrorCode.Unavailable,
  message:
    'The database did not answer in time. Send the command again with the same id: it is stored at most once.',
});
const storeFailed = (): AckError => ({
  ok: false,
  code: ErrorCode.Internal,
  message: 'The server could not store this command; nothing was changed.',
});

const fail = (code: AckError['code'], message: string, path?: string): AckError => ({
  ok: false,
  code,
  message,
  ...(path ? { path } : {}),
});

/**
 * One live exercise. Commands are applied strictly one at a time, in arrival order: validate → apply
 * through the machine → append to the store (group commit, see Journal) → ack → publish each
 * audience's view change. A batch is applied only once the previous one is stored; nothing is
 * acknowledged or published before it is stored, readers from outside see only stored state, and a
 * batch the store refused is rolled back in memory.
 */
export class ExerciseSession implements Journaled {
  readonly id: string;
  /** The state with every applied command, stored or about to be. */
  private state: ExerciseState;
  private seq: number;
  private lastHash: string;
  /** Set while a batch of applied commands is being stored: what is stored. */
  private committed: Committed | null = null;
  private write: ExerciseWrite;
  /** Answers of the batch being stored. */
  private outcomes: Outcome[] = [];
  /** Commands of the batch being stored, by sender and id: a retry in the same batch gets the same ack. */
  private readonly inflight = new Map<string, { command: Command; ack: CommandAck }>();
  /**
   * The sender-and-id keys of every stored command: a new id (nearly every command) is known to be new
   * without a query; only a retry reads its stored ack.
   */
  private readonly sent: Set<string>;
  /** Audiences first tracked while a batch waited: their view starts from before the batch. */
  private readonly joinedDuringBatch = new Set<SeatKey>();
  private readonly views: AudienceViews;
  private autopilot: Autopilot;
  /**
   * Whether the log may hold more than this session knows (a commit whose outcome is unknown): until
   * `resume`, every command is refused as retryable.
   */
  private doubtful = false;
  /** Commands waiting for the next batch. */
  private readonly queue: Job[] = [];
  private closed = false;
  /**
   * `wantsPilot` of the stored state, as the store was last told (the store's flag at load); null when
   * not known (after a commit of unknown outcome): the next batch tells it again.
   */
  private awakeStored: boolean | null;
  /** States that began a turn in the batch being stored: snapshotted once it is stored. */
  private turns: { seq: number; state: ExerciseState }[] = [];
  private readonly snapshots: SnapshotQueue;

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
    this.write = emptyWrite(record.id);
    this.views = new AudienceViews(scenario, deps.lingerMs);
    this.autopilot = new Autopilot(this, deps.clock, deps.logger);
    this.sent = new Set(deps.store.sentIds(record.id));
    this.awakeStored = wantsPilot(state, record.timer);
    this.snapshots = new SnapshotQueue(
      record.id,
      deps.hashSnapshot,
      () => {
        if (!this.closed) deps.journal.mark(this);
      },
      deps.logger,
    );
    if (deps.watchAll)
      for (const seat of allSeats(scenario)) this.views.subscribe(seat, state, record.lastSeq);
  }

  /**
   * The live session of an exercise whose state was rebuilt from its log (by `SessionManager`, on a
   * worker thread: see `tasks.ts`, `load`). Its timers and bots start now.
   */
  static fromState(
    record: ExerciseRecord,
    deps: SessionDeps,
    scenario: Scenario,
    state: ExerciseState,
  ): ExerciseSession {
    const session = new ExerciseSession(record, scenario, state, deps);
    session.autopilot.step();
    return session;
  }

  /** Whether the autopilot has work without anyone watching (as last stored, `ExerciseWrite.awake`). */
  get awake(): boolean {
    return this.awakeStored ?? wantsPilot(this.current(), this.record.timer);
  }

  /** The stored state (commands still waiting for the store are not in it). */
  current(): ExerciseState {
    return this.committed?.state ?? this.state;
  }

  get lastSeq(): number {
    return this.committed?.seq ?? this.seq;
  }

  get phase(): ExerciseState['phase'] {
    return this.current().phase;
  }

  get month(): number {
    return this.current().context.game.month;
  }

  get finished(): boolean {
    return this.current().phase === 'finished';
  }

  /** For the autopilot: the state the next command applies to. */
  live(): { state: ExerciseState; seq: number } {
    return { state: this.state, seq: this.seq };
  }

  /**
   * Queues a command for the next batch; `reply` gets its ack once it is stored (or refused), before
   * the view changes it causes are published. `command` has passed `commandSchema` already (the socket
   * layer parses every payload; the autopilot parses what the bots decide).
   */
  submit(
    sender: Sender,
    clientId: string,
    command: Command,
    expectedVersion: number | null,
    reply: (ack: CommandAck) => void,
  ): void {
    if (this.closed) return reply(fail(ErrorCode.Internal, 'The exercise is shutting down; try again.'));
    this.queue.push({ sender, clientId, command, expectedVersion, reply });
    this.deps.journal.mark(this);
  }

  /** A socket of `seat` arrived: its audience's view is tracked from now on. */
  subscribe(seat: SeatKey): void {
    // Tracking starts from the stored state; if a batch is waiting, the seat catches up once it is stored.
    if (this.views.subscribe(seat, this.current(), this.lastSeq) && this.committed)
      this.joinedDuringBatch.add(seat);
  }

  unsubscribe(seat: SeatKey): void {
    this.views.unsubscribe(seat);
  }

  /** The seat's stored view and its version. */
  viewOf(seat: SeatKey): { version: number; view: View } {
    const stored = this.committed?.views.get(seat);
    return stored ?? this.views.get(seat, this.current(), this.lastSeq);
  }

  /** Nobody watches, and nothing waits to be applied or stored. */
  idle(): boolean {
    return this.views.watched === 0 && !this.queue.length && !this.committed && !this.snapshots.busy;
  }

  /** Every snapshot taken so far is hashed (on shutdown, before the last batches are stored). */
  snapshotsHashed(): Promise<void> {
    return this.snapshots.hashed();
  }

  /** Nothing waits to be applied or stored (sockets may still watch it). */
  quiet(): boolean {
    return !this.queue.length && !this.committed;
  }

  /** Idle, with no timer armed and no bot about to play: it can be let go and loaded again on demand. */
  dormant(): boolean {
    return this.idle() && !this.autopilot.busy();
  }

  /**
   * Dormant but for who watches: nothing to apply, store or hash, no timer armed, no bot about to play
   * (several nodes: whether anyone watches is asked of the cluster's presence).
   */
  settled(): boolean {
    return this.quiet() && !this.snapshots.busy && !this.autopilot.busy();
  }

  /** No more timers or bot moves (on shutdown, before the last batches are stored). */
  stopAutopilot(): void {
    this.autopilot.close();
  }

  close(): void {
    this.closed = true;
    this.autopilot.close();
    this.views.clear();
  }

  /**
   * Applies the queued commands in order, each on the state the previous one left. Refusals are
   * answered now; what was accepted is returned to be stored, and answered in `settle`.
   */
  applyQueued(): ExerciseWrite | null {
    this.committed = {
      state: this.state,
      seq: this.seq,
      lastHash: this.lastHash,
      views: this.views.capture(),
    };
    this.write = emptyWrite(this.id);
    this.turns = [];
    if (this.closed) {
      // Let go (its lease moved to another node): what waited is refused, to be sent again there.
      for (let job = this.queue.shift(); job; job = this.queue.shift())
        this.guarded('reply', () => job.reply(fail(ErrorCode.Busy, 'The exercise moved; try again.')));
      this.committed = null;
      return null;
    }
    if (this.doubtful) {
      for (let job = this.queue.shift(); job; job = this.queue.shift())
        this.guarded('reply', () => job.reply(unavailable()));
      this.committed = null;
      return null;
    }
    for (let job = this.queue.shift(); job; job = this.queue.shift()) this.process(job);
    if (this.write.entries.length) {
      const awake = wantsPilot(this.state, this.record.timer);
      if (awake !== this.awakeStored) this.write.awake = awake;
    }
    this.snapshots.drainInto(this.write.snapshots);
    if (this.outcomes.length || this.write.snapshots.length) return this.write;
    this.committed = null;
    return null;
  }

  settle(error: unknown): void {
    const outcomes = this.outcomes;
    this.outcomes = [];
    const before = this.committed?.views;
    const reviewed =
      !error && this.committed?.state.context.review === null && this.state.context.review !== null;
    if (!error) for (const key of this.inflight.keys()) this.sent.add(key);
    if (!error && this.write.awake !== undefined) this.awakeStored = this.write.awake;
    if (!error) for (const { seq, state } of this.turns) this.snapshots.take(seq, state);
    this.turns = [];
    this.inflight.clear();
    if (error && this.committed) {
      ({ state: this.state, seq: this.seq, lastHash: this.lastHash } = this.committed);
      this.views.restore(this.committed.views);
    }
    this.committed = null;
    const down = error instanceof StoreUnavailable;
    if (down && !error.outcomeKnown) this.doubt();
    for (const o of outcomes) {
      const ack = !error || !o.stored ? o.ack : down ? unavailable() : storeFailed();
      this.guarded('reply', () => o.reply(ack));
    }
    if (reviewed) {
      const month = this.state.context.game.month;
      this.guarded('adjudicated', () => this.deps.adjudicated?.(this.id, month));
    }
    // the batch's changes, one update per audience (acks first: the update follows what they answer)
    if (!error && before) {
      const updates = this.views.updatesSince(before);
      for (const seat of this.joinedDuringBatch) updates.delete(seat);
      this.publish(updates);
    }
    for (const seat of this.joinedDuringBatch) {
      const update = this.views.refresh(seat, this.state, this.seq);
      if (update) this.publish(new Map([[seat, update]]));
    }
    this.joinedDuringBatch.clear();
    if (!error) this.autopilot.step();
    if (this.queue.length) this.deps.journal.mark(this);
  }

  /** The last batch may or may not be stored: nothing more is taken until `resume`. */
  private doubt(): void {
    this.doubtful = true;
    this.awakeStored = null;
    this.autopilot.close();
    this.deps.logger.warn('a commit of unknown outcome; the exercise waits for its log', {
      exercise: this.id,
    });
    this.deps.recheck?.(this);
  }

  /**
   * After a commit of unknown outcome: the state folded from the log as stored now (head in
   * `record`), and every command id stored. The session goes on from there; each audience gets the
   * update from the view it had to the stored one, and timers and bots start again from that state.
   * False if it was not waiting for that (closed meanwhile).
   */
  resume(record: ExerciseRecord, state: ExerciseState, sentIds: string[]): boolean {
    if (this.closed || !this.doubtful || this.committed) return false;
    this.state = state;
    this.seq = record.lastSeq;
    this.lastHash = record.lastHash;
    this.sent.clear();
    for (const key of sentIds) this.sent.add(key);
    this.doubtful = false;
    this.publish(this.views.refreshAll(state, this.seq));
    this.autopilot = new Autopilot(this, this.deps.clock, this.deps.logger);
    this.autopilot.step();
    if (this.queue.length) this.deps.journal.mark(this);
    return true;
  }

  /**
   * Publishes a batch's view updates. Audiences whose update is the same text (same base, same patch:
   * an announcement, a new month) get one packet between them, encoded and kept for connection
   * recovery once; the others get their own.
   */
  private publish(updates: Map<SeatKey, EncodedViewUpdate>): void {
    const bySame = new Map<EncodedViewUpdate, SeatKey[]>();
    for (const [seat, update] of updates) {
      const seats = bySame.get(update);
      if (seats) seats.push(seat);
      else bySame.set(update, [seat]);
    }
    for (const [update, seats] of bySame)
      this.guarded('publish', () => this.deps.publish(this.id, seats, update));
  }

  private guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.deps.logger.error(`${what} failed`, { exercise: this.id, ...errorFields(err) });
    }
  }

  private process(job: Job): void {
    let outcome: Outcome;
    try {
      outcome = this.apply(job);
    } catch (err) {
      this.deps.logger.error('command failed', {
        exercise: this.id,
        type: job.command.type,
        ...errorFields(err),
      });
      outcome = {
        reply: job.reply,
        ack: fail(ErrorCode.Internal, 'The server could not process this command; nothing was changed.'),
        stored: false,
      };
    }
    // Answers keep their order: while a batch waits, even a refusal waits behind it.
    if (this.outcomes.length || outcome.stored) this.outcomes.push(outcome);
    else this.guarded('reply', () => job.reply(outcome.ack));
  }

  private apply(job: Job): Outcome {
    const { sender, clientId, command, reply } = job;
    const refuse = (ack: CommandAck, stored = false): Outcome => ({ reply, ack, stored });
    const key = `${sender.key}\n${clientId}`;
    const pending = this.inflight.get(key);
    const stored =
      pending || !this.sent.has(key) ? undefined : this.deps.store.findSent(this.id, sender.key, clientId);
    const prior =
      pending ??
      (stored && { command: JSON.parse(stored.command), ack: JSON.parse(stored.ack) as CommandAck });
    if (prior) {
      // The log keeps the command as it was sent; compare canonical forms (key order is not meaning).
      if (canonicalJSON(prior.command) !== canonicalJSON(command))
        return refuse(
          fail(ErrorCode.BadPayload, 'This command id was already used for another command.', 'id'),
        );
      // A retry: the same ack, once the original is stored.
      return refuse(prior.ack, pending !== undefined);
    }
    if (job.expectedVersion !== null && sender.seat && !SOCIAL.has(command.type)) {
      const version = this.views.get(sender.seat, this.state, this.seq).version;
      if (job.expectedVersion < version)
        return refuse(
          fail(
            ErrorCode.Conflict,
            `Your view changed since you decided (now version ${version}, you saw ${job.expectedVersion}). Look again and resend.`,
            'expectedVersion',
          ),
        );
    }
    const entry: LoggedCommand = {
      seq: this.seq + 1,
      at: Math.max(this.deps.clock.now(), this.state.context.lastAt),
      actor: sender.actor,
      command,
    };
    // Commands reach `submit` parsed: by the socket layer's zod schema, or made by the autopilot.
    const result = applyCommand(this.scenario, this.state, entry, { parsed: true });
    if (!result.ok) return refuse(fail(result.code, result.message, result.path || undefined));

    const next = result.state;
    const changes = this.views.changes(next, entry.seq);
    const version = sender.seat
      ? (changes.get(sender.seat)?.version ?? this.views.get(sender.seat, this.state, this.seq).version)
      : entry.seq;
    const ack: CommandAck = { ok: true, seq: entry.seq, version };
    const hash = entryHash(this.lastHash, entry, nativeSha256Hex);
    this.write.entries.push({
      ...entry,
      prevHash: this.lastHash,
      hash,
      sender: sender.key,
      clientId,
      ack: JSON.stringify(ack),
    });
    if (isNewTurn(this.state, next)) this.turns.push({ seq: entry.seq, state: next });
    this.write.finished ||= next.phase === 'finished';
    this.inflight.set(key, { command, ack });
    this.state = next;
    this.seq = entry.seq;
    this.lastHash = hash;
    this.views.apply(changes);
    return { reply, ack, stored: true };
  }
}

/** Every audience of the scenario: the facilitator, each team, the observers and the room display. */
const allSeats = (scenario: Scenario): SeatKey[] => [
  'facilitator',
  ...scenario.teams.map((t): SeatKey => `team:${t.id}`),
  'observer',
  'display',
];

const emptyWrite = (exerciseId: string): ExerciseWrite => ({
  exerciseId,
  entries: [],
  snapshots: [],
  finished: false,
});

/** A snapshot per turn: when the month moves on, and at the end. */
const isNewTurn = (before: ExerciseState, after: ExerciseState) =>
  after.context.game.month !== before.context.game.month ||
  (after.phase === 'finished' && before.phase !== 'finished');
