import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { ExerciseState, LogEntry, SeatKey } from '../shared.ts';
import { checkSqlite, CommitMark } from './integrity.ts';
import { MIGRATIONS } from './migrations.ts';
import { threadWriter } from './writer.ts';
import {
  snapshotText,
  toEntry,
  toExercise,
  toToken,
  type ExerciseRow,
  type LogRow,
  type TokenRow,
} from './rows.ts';
import type {
  CodeRecord,
  ExerciseRecord,
  ExerciseWrite,
  NewToken,
  Snapshot,
  Store,
  StoredEntry,
  TokenRecord,
} from './store.ts';

/**
 * Opens (creating if needed) `arsenal.db` in `dataDir`, in WAL mode with fsync on every commit. With
 * `checkpoints` (the default) a thread of its own copies the WAL into the database every second, so
 * that commits on this connection do not stop for checkpoints; a large WAL (40 MB) is still
 * checkpointed here as a backstop. With `check` (the default) the file's integrity and the commit mark
 * are checked first (`integrity.ts`): a damaged database or a lost WAL throws `StoreIntegrityError`.
 */
export function openSqliteStore(
  dataDir: string,
  opts: { checkpoints?: boolean; check?: boolean } = {},
): SqliteStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'arsenal.db');
  const mark = new CommitMark(dataDir);
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    if (opts.check !== false) checkSqlite(db, mark);
  } catch (err) {
    db?.close();
    mark.close();
    throw err;
  }
  const checkpointer = opts.checkpoints === false ? null : startCheckpointer(file);
  if (checkpointer) db.pragma('wal_autocheckpoint = 10000');
  return new SqliteStore(db, checkpointer, mark, dataDir);
}

function startCheckpointer(file: string): Worker {
  const worker = new Worker(new URL('./checkpointer.mjs', import.meta.url), {
    workerData: { file, everyMs: 1000 },
  });
  worker.unref();
  return worker;
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length)
    throw new Error(`database schema ${current} is newer than this server knows`);
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The head of exercise `e`'s chain: its last entry's seq and hash, or 0 and the genesis. */
const HEAD = `COALESCE((SELECT seq FROM log WHERE exercise_id = e.id ORDER BY seq DESC LIMIT 1), 0) AS last_seq,
  COALESCE((SELECT hash FROM log WHERE exercise_id = e.id ORDER BY seq DESC LIMIT 1), e.genesis) AS last_hash`;

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly q;

  /** The thread that commits copied logs (`createCopy`), started on first use. */
  private copier: ReturnType<typeof threadWriter> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpointer: Worker | null,
    private readonly mark: CommitMark,
    private readonly dataDir: string,
  ) {
    this.q = {
      insertScenario: db.prepare('INSERT OR IGNORE INTO scenarios (hash, json) VALUES (?, ?)'),
      insertExercise: db.prepare(
        `INSERT INTO exercises (id, created_at, title, scenario_id, scenario_hash, seed, bots, timer, genesis, status, awake)
         VALUES (@id, @createdAt, @title, @scenarioId, @scenarioHash, @seed, @bots, @timer, @genesis, @status, 0)`,
      ),
      getExercise: db.prepare<[string], ExerciseRow>(
        `SELECT e.*, s.json AS scenario_json, ${HEAD} FROM exercises e JOIN scenarios s ON s.hash = e.scenario_hash WHERE e.id = ?`,
      ),
      liveIds: db.prepare<[], { id: string }>(
        `SELECT id FROM exercises WHERE status = 'live' ORDER BY created_at`,
      ),
      awakeIds: db.prepare<[], { id: string }>(
        `SELECT id FROM exercises WHERE status = 'live' AND awake = 1 ORDER BY created_at`,
      ),
      setAwake: db.prepare<[number, string]>('UPDATE exercises SET awake = ? WHERE id = ?'),
      head: db.prepare<[string], { last_seq: number; last_hash: string }>(
        `SELECT ${HEAD} FROM exercises e WHERE e.id = ?`,
      ),
      insertEntry: db.prepare(
        `INSERT INTO log (exercise_id, seq, at, actor, command, sender, client_id, ack, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      finish: db.prepare(`UPDATE exercises SET status = 'finished' WHERE id = ?`),
      dropSnapshots: db.prepare('DELETE FROM snapshots WHERE exercise_id = ?'),
      insertSnapshot: db.prepare(
        'INSERT OR REPLACE INTO snapshots (exercise_id, seq, state, state_hash) VALUES (?, ?, ?, ?)',
      ),
      sentIds: db.prepare<[string], { sender: string; client_id: string }>(
        'SELECT sender, client_id FROM log WHERE exercise_id = ?',
      ),
      findSent: db.prepare<[string, string, string], { command: string; ack: string }>(
        'SELECT command, ack FROM log WHERE exercise_id = ? AND sender = ? AND client_id = ?',
      ),
      readLog: db.prepare<[string, number], LogRow>(
        'SELECT seq, at, actor, command, prev_hash, hash FROM log WHERE exercise_id = ? AND seq > ? ORDER BY seq',
      ),
      latestSnapshot: db.prepare<[string], { seq: number; state: string; state_hash: string }>(
        'SELECT seq, state, state_hash FROM snapshots WHERE exercise_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      insertToken: db.prepare(
        `INSERT INTO tokens (id, exercise_id, seat, token_hash, label, created_at) VALUES (@id, @exerciseId, @seat, @tokenHash, @label, @createdAt)`,
      ),
      findToken: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?'),
      listTokens: db.prepare<[string], TokenRow>(
        'SELECT * FROM tokens WHERE exercise_id = ? ORDER BY created_at, id',
      ),
      revokeToken: db.prepare<[number, string, string], { id: string }>(
        'UPDATE tokens SET revoked_at = ? WHERE exercise_id = ? AND id = ? AND revoked_at IS NULL RETURNING id',
      ),
      revokeSeat: db.prepare<[number, string, string], { id: string }>(
        'UPDATE tokens SET revoked_at = ? WHERE exercise_id = ? AND seat = ? AND revoked_at IS NULL RETURNING id',
      ),
      insertCode: db.prepare(
        'INSERT INTO join_codes (code_hash, exercise_id, seat, created_at) VALUES (?, ?, ?, ?)',
      ),
      findCode: db.prepare<[string], { exercise_id: string; seat: string }>(
        'SELECT exercise_id, seat FROM join_codes WHERE code_hash = ? AND revoked_at IS NULL',
      ),
      retireCodes: db.prepare(
        'UPDATE join_codes SET revoked_at = ? WHERE exercise_id = ? AND seat = ? AND revoked_at IS NULL',
      ),
    };
  }

  createExercise(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
  ): void {
    this.db.transaction(() => this.insertExercise(rec, tokens, codes))();
  }

  private insertExercise(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
  ): void {
    this.q.insertScenario.run(rec.scenarioHash, rec.scenarioJson);
    // The chain's head is not a column: it is the exercise's last log entry (none yet).
    const { scenarioJson: _json, lastSeq: _seq, lastHash: _hash, ...row } = rec;
    this.q.insertExercise.run({ ...row, bots: JSON.stringify(rec.bots), timer: JSON.stringify(rec.timer) });
    for (const t of tokens) this.q.insertToken.run(t);
    for (const c of codes) this.q.insertCode.run(c.codeHash, rec.id, c.seat, rec.createdAt);
  }

  /** `createCopy` on this connection, in one transaction (the copier thread calls this). */
  createWithLog(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
    write: ExerciseWrite,
  ): void {
    let top = 0;
    this.db.transaction(() => {
      this.insertExercise(rec, tokens, codes);
      top = this.appendOne(write);
    })();
    if (top) this.mark.write(top);
  }

  createCopy(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
    write: ExerciseWrite,
  ): Promise<void> {
    this.copier ??= threadWriter(this.dataDir);
    return this.copier.copy({ rec, tokens, codes, write });
  }

  getExercise(id: string): ExerciseRecord | undefined {
    const row = this.q.getExercise.get(id);
    return row && toExercise(row);
  }

  liveExerciseIds(opts: { awake?: boolean } = {}): string[] {
    return (opts.awake ? this.q.awakeIds : this.q.liveIds).all().map((r) => r.id);
  }

  appendBatch(writes: ExerciseWrite[]): void {
    let top = 0;
    this.db.transaction(() => {
      for (const w of writes) top = Math.max(top, this.appendOne(w));
    })();
    if (top) this.mark.write(top);
  }

  async commit(writes: ExerciseWrite[]): Promise<void> {
    this.appendBatch(writes);
  }

  append(
    exerciseId: string,
    entries: StoredEntry[],
    extra: { snapshot?: Snapshot; finished?: boolean; awake?: boolean } = {},
  ): void {
    const snapshots = extra.snapshot ? [snapshotText(extra.snapshot)] : [];
    const { finished = false, awake } = extra;
    this.appendBatch([
      { exerciseId, entries, snapshots, finished, ...(awake === undefined ? {} : { awake }) },
    ]);
  }

  /** Returns the row id of the last entry inserted (0 if none). */
  private appendOne({ exerciseId, entries, snapshots, finished, awake }: ExerciseWrite): number {
    const head = this.q.head.get(exerciseId);
    if (!head) throw new Error(`no exercise ${exerciseId}`);
    let { last_seq: seq, last_hash: hash } = head;
    let rowid = 0;
    for (const e of entries) {
      if (e.seq !== seq + 1 || e.prevHash !== hash)
        throw new Error(`log of ${exerciseId} does not continue at ${e.seq}`);
      const inserted = this.q.insertEntry.run(
        exerciseId,
        e.seq,
        e.at,
        JSON.stringify(e.actor),
        JSON.stringify(e.command),
        e.sender,
        e.clientId,
        e.ack,
        e.prevHash,
        e.hash,
      );
      rowid = Number(inserted.lastInsertRowid);
      seq = e.seq;
      hash = e.hash;
    }
    for (const snap of snapshots) this.q.insertSnapshot.run(exerciseId, snap.seq, snap.state, snap.stateHash);
    if (finished) this.q.finish.run(exerciseId);
    if (awake !== undefined) this.q.setAwake.run(awake ? 1 : 0, exerciseId);
    return rowid;
  }

  findSent(exerciseId: string, sender: string, clientId: string) {
    return this.q.findSent.get(exerciseId, sender, clientId);
  }

  sentIds(exerciseId: string): string[] {
    return this.q.sentIds.all(exerciseId).map((r) => `${r.sender}\n${r.client_id}`);
  }

  readLog(exerciseId: string, afterSeq = 0): LogEntry[] {
    return this.q.readLog.all(exerciseId, afterSeq).map(toEntry);
  }

  latestSnapshot(exerciseId: string): Snapshot | undefined {
    const row = this.latestSnapshotText(exerciseId);
    return row && { ...row, state: JSON.parse(row.state) as ExerciseState };
  }

  latestSnapshotText(exerciseId: string) {
    const row = this.q.latestSnapshot.get(exerciseId);
    return row && { seq: row.seq, state: row.state, stateHash: row.state_hash };
  }

  replaceSnapshots(exerciseId: string, snap: Snapshot): void {
    this.db.transaction(() => {
      this.q.dropSnapshots.run(exerciseId);
      this.q.insertSnapshot.run(exerciseId, snap.seq, JSON.stringify(snap.state), snap.stateHash);
    })();
  }

  insertToken(token: NewToken): void {
    this.q.insertToken.run(token);
  }

  findToken(tokenHash: string): TokenRecord | undefined {
    const row = this.q.findToken.get(tokenHash);
    return row && toToken(row);
  }

  listTokens(exerciseId: string): TokenRecord[] {
    return this.q.listTokens.all(exerciseId).map(toToken);
  }

  revokeTokens(exerciseId: string, which: { tokenId: string } | { seat: SeatKey }, at: number): string[] {
    const rows =
      'tokenId' in which
        ? this.q.revokeToken.all(at, exerciseId, which.tokenId)
        : this.q.revokeSeat.all(at, exerciseId, which.seat);
    return rows.map((r) => r.id);
  }

  findCode(codeHash: string): CodeRecord | undefined {
    const row = this.q.findCode.get(codeHash);
    return row && { exerciseId: row.exercise_id, seat: row.seat as SeatKey };
  }

  replaceCode(exerciseId: string, seat: SeatKey, codeHash: string, at: number): void {
    this.db.transaction(() => {
      this.q.retireCodes.run(at, exerciseId, seat);
      this.q.insertCode.run(codeHash, exerciseId, seat, at);
    })();
  }

  close(): void {
    void this.copier?.close();
    this.copier = null;
    this.checkpointer?.postMessage('stop');
    if (this.db.open) {
      this.db.close();
      this.mark.close();
    }
  }
}
