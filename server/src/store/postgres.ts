import type { ExerciseState, LogEntry, SeatKey } from '../shared.ts';
import { PG_DOWN, PgBridge, PgError, type Request, type Statement } from './pg-bridge.ts';
import { migratePg } from './pg-migrations.ts';
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
import { StoreUnavailable } from './unavailable.ts';

/** The lease-fence refusal (`lease_holds`, see `pg-migrations.ts`): the cluster handles it. */
const LEASE_LOST = 'AR002';

/** The head of exercise `e`'s chain: its last entry's seq and hash, or 0 and the genesis. */
const HEAD = `COALESCE((SELECT seq FROM log WHERE exercise_id = e.id ORDER BY seq DESC LIMIT 1), 0) AS last_seq,
  COALESCE((SELECT hash FROM log WHERE exercise_id = e.id ORDER BY seq DESC LIMIT 1), e.genesis) AS last_hash`;

const INSERT_TOKEN = `INSERT INTO tokens (id, exercise_id, seat, token_hash, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)`;
const INSERT_CODE =
  'INSERT INTO join_codes (code_hash, exercise_id, seat, created_at) VALUES ($1, $2, $3, $4)';

/**
 * Opens the PostgreSQL store at `url` (`DATABASE_URL`), migrating its schema first. Several nodes may
 * share the database: the log's primary key and the chain trigger (see `pg-migrations.ts`) refuse an
 * append that does not continue the stored head.
 */
export async function openPgStore(url: string, opts: { timeoutMs?: number } = {}): Promise<Store> {
  await migratePg(url);
  return new PgStore(new PgBridge(url, opts.timeoutMs));
}

const tokenStatement = (t: NewToken): Statement => ({
  sql: INSERT_TOKEN,
  params: [t.id, t.exerciseId, t.seat, t.tokenHash, t.label, t.createdAt],
});

/** The statements that store a batch: every entry in one insert, then snapshots and ends. */
function batchRequest(writes: ExerciseWrite[]): Request {
  const entries = writes.flatMap((w) => w.entries.map((e) => ({ exerciseId: w.exerciseId, e })));
  const snaps = writes.flatMap((w) => w.snapshots.map((s) => ({ exerciseId: w.exerciseId, s })));
  const finished = writes.filter((w) => w.finished).map((w) => w.exerciseId);
  const awake = writes.filter((w) => w.awake !== undefined);
  const statements: Statement[] = [];
  const fenced = writes.filter((w) => w.fence !== undefined);
  if (fenced.length)
    statements.push({
      sql: 'SELECT lease_holds($1::text[], $2::bigint[])',
      params: [fenced.map((w) => w.exerciseId), fenced.map((w) => w.fence)],
    });
  if (entries.length)
    statements.push({
      sql: `INSERT INTO log (exercise_id, seq, at, actor, command, sender, client_id, ack, prev_hash, hash)
        SELECT x, s, a, ac, c, se, ci, k, p, h FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[],
          $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
          WITH ORDINALITY AS t(x, s, a, ac, c, se, ci, k, p, h, n) ORDER BY n`,
      params: columns(entries, [
        ({ exerciseId }) => exerciseId,
        ({ e }) => e.seq,
        ({ e }) => e.at,
        ({ e }) => JSON.stringify(e.actor),
        ({ e }) => JSON.stringify(e.command),
        ({ e }) => e.sender,
        ({ e }) => e.clientId,
        ({ e }) => e.ack,
        ({ e }) => e.prevHash,
        ({ e }) => e.hash,
      ]),
    });
  if (snaps.length)
    statements.push({
      sql: `INSERT INTO snapshots (exercise_id, seq, state, state_hash)
        SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])
        ON CONFLICT (exercise_id, seq) DO UPDATE SET state = excluded.state, state_hash = excluded.state_hash`,
      params: columns(snaps, [
        ({ exerciseId }) => exerciseId,
        ({ s }) => s.seq,
        ({ s }) => s.state,
        ({ s }) => s.stateHash,
      ]),
    });
  if (finished.length)
    statements.push({
      sql: `UPDATE exercises SET status = 'finished' WHERE id = ANY($1::text[])`,
      params: [finished],
    });
  if (awake.length)
    statements.push({
      sql: `UPDATE exercises e SET awake = t.awake FROM unnest($1::text[], $2::boolean[]) AS t(id, awake)
        WHERE e.id = t.id`,
      params: [awake.map((w) => w.exerciseId), awake.map((w) => w.awake)],
    });
  return { statements, tx: true };
}

/** The statements that store a new exercise with its seats. */
function createStatements(
  rec: ExerciseRecord,
  tokens: NewToken[],
  codes: { codeHash: string; seat: SeatKey }[],
): Statement[] {
  return [
    {
      sql: 'INSERT INTO scenarios (hash, json) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      params: [rec.scenarioHash, rec.scenarioJson],
    },
    {
      sql: `INSERT INTO exercises (id, created_at, title, scenario_id, scenario_hash, seed, bots, timer, genesis, status, awake)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false)`,
      params: [
        rec.id,
        rec.createdAt,
        rec.title,
        rec.scenarioId,
        rec.scenarioHash,
        rec.seed,
        JSON.stringify(rec.bots),
        JSON.stringify(rec.timer),
        rec.genesis,
        rec.status,
      ],
    },
    ...tokens.map(tokenStatement),
    ...codes.map((c) => ({ sql: INSERT_CODE, params: [c.codeHash, rec.id, c.seat, rec.createdAt] })),
  ];
}

function columns<T>(items: T[], pick: ((item: T) => unknown)[]): unknown[][] {
  return pick.map((f) => items.map(f));
}

class PgStore implements Store {
  readonly kind = 'postgres';

  constructor(private readonly db: PgBridge) {}

  private rows<R>(sql: string, params: unknown[] = []): R[] {
    return this.db.runSync({ statements: [{ sql, params }], tx: false })[0] as R[];
  }

  private tx(statements: Statement[]): void {
    this.db.runSync({ statements, tx: true });
  }

  createExercise(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
  ): void {
    this.tx(createStatements(rec, tokens, codes));
  }

  async createCopy(
    rec: ExerciseRecord,
    tokens: NewToken[],
    codes: { codeHash: string; seat: SeatKey }[],
    write: ExerciseWrite,
  ): Promise<void> {
    const batch = batchRequest([write]);
    await this.db.run({
      statements: [...createStatements(rec, tokens, codes), ...batch.statements],
      tx: true,
    });
  }

  getExercise(id: string): ExerciseRecord | undefined {
    const [row] = this.rows<ExerciseRow>(
      `SELECT e.*, s.json AS scenario_json, ${HEAD} FROM exercises e JOIN scenarios s ON s.hash = e.scenario_hash WHERE e.id = $1`,
      [id],
    );
    return row && toExercise(row);
  }

  liveExerciseIds(opts: { awake?: boolean } = {}): string[] {
    return this.rows<{ id: string }>(
      `SELECT id FROM exercises WHERE status = 'live' ${opts.awake ? 'AND awake' : ''} ORDER BY created_at, id`,
    ).map((r) => r.id);
  }

  appendBatch(writes: ExerciseWrite[]): void {
    const request = batchRequest(writes);
    if (request.statements.length) this.db.runSync(request);
  }

  async commit(writes: ExerciseWrite[]): Promise<void> {
    const request = batchRequest(writes);
    if (!request.statements.length) return;
    try {
      await this.db.run(request);
    } catch (err) {
      if (!(err instanceof PgError) || err.code === LEASE_LOST) throw err;
      throw new StoreUnavailable(err.message, err.code === PG_DOWN);
    }
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

  findSent(exerciseId: string, sender: string, clientId: string) {
    return this.rows<{ command: string; ack: string }>(
      'SELECT command, ack FROM log WHERE exercise_id = $1 AND sender = $2 AND client_id = $3',
      [exerciseId, sender, clientId],
    )[0];
  }

  sentIds(exerciseId: string): string[] {
    return this.rows<{ sender: string; client_id: string }>(
      'SELECT sender, client_id FROM log WHERE exercise_id = $1',
      [exerciseId],
    ).map((r) => `${r.sender}\n${r.client_id}`);
  }

  readLog(exerciseId: string, afterSeq = 0): LogEntry[] {
    return this.rows<LogRow>(
      'SELECT seq, at, actor, command, prev_hash, hash FROM log WHERE exercise_id = $1 AND seq > $2 ORDER BY seq',
      [exerciseId, afterSeq],
    ).map(toEntry);
  }

  latestSnapshot(exerciseId: string): Snapshot | undefined {
    const row = this.latestSnapshotText(exerciseId);
    return row && { ...row, state: JSON.parse(row.state) as ExerciseState };
  }

  latestSnapshotText(exerciseId: string) {
    const [row] = this.rows<{ seq: number; state: string; state_hash: string }>(
      'SELECT seq, state, state_hash FROM snapshots WHERE exercise_id = $1 ORDER BY seq DESC LIMIT 1',
      [exerciseId],
    );
    return row && { seq: row.seq, state: row.state, stateHash: row.state_hash };
  }

  replaceSnapshots(exerciseId: string, snap: Snapshot): void {
    this.tx([
      { sql: 'DELETE FROM snapshots WHERE exercise_id = $1', params: [exerciseId] },
      {
        sql: 'INSERT INTO snapshots (exercise_id, seq, state, state_hash) VALUES ($1, $2, $3, $4)',
        params: [exerciseId, snap.seq, JSON.stringify(snap.state), snap.stateHash],
      },
    ]);
  }

  insertToken(token: NewToken): void {
    this.tx([tokenStatement(token)]);
  }

  findToken(tokenHash: string): TokenRecord | undefined {
    const [row] = this.rows<TokenRow>('SELECT * FROM tokens WHERE token_hash = $1', [tokenHash]);
    return row && toToken(row);
  }

  listTokens(exerciseId: string): TokenRecord[] {
    return this.rows<TokenRow>('SELECT * FROM tokens WHERE exercise_id = $1 ORDER BY created_at, id', [
      exerciseId,
    ]).map(toToken);
  }

  revokeTokens(exerciseId: string, which: { tokenId: string } | { seat: SeatKey }, at: number): string[] {
    const [column, value] = 'tokenId' in which ? ['id', which.tokenId] : ['seat', which.seat];
    return this.rows<{ id: string }>(
      `UPDATE tokens SET revoked_at = $1 WHERE exercise_id = $2 AND ${column} = $3 AND revoked_at IS NULL RETURNING id`,
      [at, exerciseId, value],
    ).map((r) => r.id);
  }

  findCode(codeHash: string): CodeRecord | undefined {
    const [row] = this.rows<{ exercise_id: string; seat: string }>(
      'SELECT exercise_id, seat FROM join_codes WHERE code_hash = $1 AND revoked_at IS NULL',
      [codeHash],
    );
    return row && { exerciseId: row.exercise_id, seat: row.seat as SeatKey };
  }

  replaceCode(exerciseId: string, seat: SeatKey, codeHash: string, at: number): void {
    this.tx([
      {
        sql: 'UPDATE join_codes SET revoked_at = $1 WHERE exercise_id = $2 AND seat = $3 AND revoked_at IS NULL',
        params: [at, exerciseId, seat],
      },
      { sql: INSERT_CODE, params: [codeHash, exerciseId, seat, at] },
    ]);
  }

  close(): void {
    this.db.close();
  }
}
