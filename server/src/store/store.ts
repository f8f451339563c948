import type { ExerciseState, LogEntry, TimerDefaults, SeatKey } from '../shared.ts';

/** An exercise as stored. The scenario is the validated object, kept as canonical JSON. */
export interface ExerciseRecord {
  id: string;
  createdAt: number;
  title: string;
  scenarioId: string;
  scenarioJson: string;
  scenarioHash: string;
  seed: number;
  bots: string[];
  timer: TimerDefaults;
  genesis: string;
  status: 'live' | 'finished';
  /** The head of the chain: the last entry's seq and hash (0 and the genesis before the first). */
  lastSeq: number;
  lastHash: string;
}

/** A log entry plus who sent it under which id, and the ack they were given (for retries). */
export interface StoredEntry extends LogEntry {
  sender: string;
  clientId: string;
  ack: string;
}

/** What one exercise appends in a batch: log entries, maybe snapshots, maybe the end. */
export interface ExerciseWrite {
  exerciseId: string;
  entries: StoredEntry[];
  snapshots: SnapshotText[];
  finished: boolean;
  /**
   * Whether the exercise needs running without anyone watching (a deadline armed, bots to play), when
   * that changes: boot loads only those (`liveExerciseIds({ awake: true })`).
   */
  awake?: boolean;
  /**
   * Several nodes: the lease token the writing node holds for this exercise. PostgreSQL stores the
   * write only if the lease is still held under it, in the same transaction (SQLite has one node).
   */
  fence?: number;
}

export interface Snapshot {
  seq: number;
  state: ExerciseState;
  stateHash: string;
}

/**
 * A snapshot as a write carries it: the state as JSON text. A session serialises the state once and a
 * worker thread hashes that text (`hashSnapshot`): the event loop never walks a big state twice.
 */
export interface SnapshotText {
  seq: number;
  /** `JSON.stringify` of the state. */
  state: string;
  stateHash: string;
}

export interface TokenRecord {
  id: string;
  exerciseId: string;
  seat: SeatKey;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface NewToken extends Omit<TokenRecord, 'revokedAt'> {
  tokenHash: string;
}

export interface CodeRecord {
  exerciseId: string;
  seat: SeatKey;
}

/**
 * The durable side of the server, on SQLite (`sqlite.ts`, the default) or PostgreSQL (`postgres.ts`,
 * `DATABASE_URL`), with the same semantics. Every method but `commit` is synchronous and each write
 * is one transaction.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  createExercise(rec: ExerciseRecord, tokens: NewToken[], codes: { codeHash: string; seat: SeatKey }[]): void;
  /**
   * A new exercise with its whole log (a fork, an import) in one transaction, off the event loop:
   * SQLite commits it on a thread with its own connection, PostgreSQL on the database thread. The
   * write's chain must start at the record's genesis.
   */
  createCopy(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
    write: ExerciseWrite,
  ): Promise<void>;
  getExercise(id: string): ExerciseRecord | undefined;
  /** Unfinished exercises, oldest first; with `awake`, only those that need running unwatched. */
  liveExerciseIds(opts?: { awake?: boolean }): string[];
  /** Appends the writes of several exercises in one transaction, checking that each chain continues. */
  appendBatch(writes: ExerciseWrite[]): void;
  /** The same, resolving once the batch is durable; PostgreSQL's does not block the event loop. */
  commit(writes: ExerciseWrite[]): Promise<void>;
  /** One exercise's entries (and a snapshot, and its end) in one transaction. */
  append(
    exerciseId: string,
    entries: StoredEntry[],
    extra?: { snapshot?: Snapshot; finished?: boolean; awake?: boolean },
  ): void;
  /** The canonical command and ack stored under a sender's command id. */
  findSent(
    exerciseId: string,
    sender: string,
    clientId: string,
  ): { command: string; ack: string } | undefined;
  /** Every `sender + "\n" + clientId` stored for the exercise: which command ids were used already. */
  sentIds(exerciseId: string): string[];
  readLog(exerciseId: string, afterSeq?: number): LogEntry[];
  latestSnapshot(exerciseId: string): Snapshot | undefined;
  /** The same, its state as stored (JSON text): for a worker to parse and check. */
  latestSnapshotText(exerciseId: string): { seq: number; state: string; stateHash: string } | undefined;
  /** Replaces the exercise's snapshots by this one (a snapshot found not to match its log). */
  replaceSnapshots(exerciseId: string, snapshot: Snapshot): void;
  insertToken(token: NewToken): void;
  findToken(tokenHash: string): TokenRecord | undefined;
  listTokens(exerciseId: string): TokenRecord[];
  /** Revokes live tokens matching the filter; the ids revoked. */
  revokeTokens(exerciseId: string, which: { tokenId: string } | { seat: SeatKey }, at: number): string[];
  findCode(codeHash: string): CodeRecord | undefined;
  /** Retires the seat's live codes and stores a new one. */
  replaceCode(exerciseId: string, seat: SeatKey, codeHash: string, at: number): void;
  close(): void;
}

/** The store the configuration names: PostgreSQL with `DATABASE_URL`, else SQLite in `DATA_DIR`. */
export async function openStore(config: {
  dataDir: string;
  databaseUrl: string | null;
  databaseTimeoutMs?: number;
}): Promise<Store> {
  if (config.databaseUrl)
    return (await import('./postgres.ts')).openPgStore(config.databaseUrl, {
      timeoutMs: config.databaseTimeoutMs,
    });
  return (await import('./sqlite.ts')).openSqliteStore(config.dataDir);
}
