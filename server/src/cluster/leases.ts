import { PgBridge, type Statement } from '../store/pg-bridge.ts';

/** Where a lease's owner can be reached. */
export interface Owner {
  node: string;
  url: string;
}

const TTL = `clock_timestamp() + make_interval(secs => $TTL / 1000.0)`;

/**
 * The exercise leases in PostgreSQL (table `leases`, see `pg-migrations.ts`). Every time is the
 * database's clock, so that the nodes' clocks never have to agree. A lease is granted only when free
 * or expired, always under a new token; renewing keeps the token; the log's fence (`lease_holds`)
 * refuses a batch whose token is no longer the lease's.
 */
export class Leases {
  private readonly db: PgBridge;

  constructor(
    url: string,
    private readonly self: Owner,
    private readonly ttlMs: number,
  ) {
    // A pool of its own: renewals never wait behind log commits.
    this.db = new PgBridge(url, Math.max(1000, Math.floor(ttlMs / 2)), 2);
  }

  /** The address other nodes forward to, known once this node listens. */
  setUrl(url: string): void {
    this.self.url = url;
  }

  private statement(sql: string, params: unknown[]): Statement {
    const n = params.length + 1;
    return { sql: sql.replaceAll('$TTL', `$${n}`), params: [...params, this.ttlMs] };
  }

  /**
   * Takes the exercise's lease if it is free or has expired (synchronous: a socket or request for an
   * exercise nobody owns waits for it); its token, or null if a live node holds it.
   */
  claim(exerciseId: string): number | null {
    const [rows] = this.db.runSync({ statements: [this.claimStatement(exerciseId)], tx: false });
    const token = rows?.[0]?.token;
    return token === undefined ? null : Number(token);
  }

  private claimStatement(exerciseId: string): Statement {
    return this.statement(
      `INSERT INTO leases AS l (exercise_id, node, node_url, token, expires_at)
        SELECT id, $2, $3, nextval('lease_token'), ${TTL} FROM exercises WHERE id = $1
        ON CONFLICT (exercise_id) DO UPDATE SET node = excluded.node, node_url = excluded.node_url,
          token = excluded.token, expires_at = excluded.expires_at
        WHERE l.expires_at < clock_timestamp()
        RETURNING token`,
      [exerciseId, this.self.node, this.self.url],
    );
  }

  /** Extends the leases held under these tokens; the exercises still held (the others are lost). */
  async renew(tokens: number[]): Promise<Set<string>> {
    if (!tokens.length) return new Set();
    const [rows] = await this.db.run({
      statements: [
        this.statement(
          `UPDATE leases SET expires_at = ${TTL}
            WHERE node = $1 AND token = ANY($2::bigint[]) AND expires_at > clock_timestamp()
            RETURNING exercise_id`,
          [this.self.node, tokens],
        ),
      ],
      tx: false,
    });
    return new Set((rows ?? []).map((r) => String(r.exercise_id)));
  }

  /** Gives leases up at once (draining): another node may take them from now on. */
  async release(tokens: number[]): Promise<void> {
    if (!tokens.length) return;
    await this.db.run({
      statements: [
        {
          sql: `UPDATE leases SET expires_at = clock_timestamp() - interval '1 millisecond'
            WHERE node = $1 AND token = ANY($2::bigint[])`,
          params: [this.self.node, tokens],
        },
      ],
      tx: false,
    });
  }

  /** The live owner of an exercise, if any. */
  owner(exerciseId: string): Owner | null {
    const [rows] = this.db.runSync({
      statements: [
        {
          sql: 'SELECT node, node_url FROM leases WHERE exercise_id = $1 AND expires_at > clock_timestamp()',
          params: [exerciseId],
        },
      ],
      tx: false,
    });
    const row = rows?.[0];
    return row ? { node: String(row.node), url: String(row.node_url) } : null;
  }

  /** Unfinished exercises whose lease is free or expired: the ones a node should take over. */
  async orphans(limit: number): Promise<string[]> {
    const [rows] = await this.db.run({
      statements: [
        {
          sql: `SELECT e.id FROM exercises e LEFT JOIN leases l ON l.exercise_id = e.id
            WHERE e.status = 'live' AND (l.exercise_id IS NULL OR l.expires_at < clock_timestamp())
            ORDER BY e.created_at, e.id LIMIT $1`,
          params: [limit],
        },
      ],
      tx: false,
    });
    return (rows ?? []).map((r) => String(r.id));
  }

  close(): void {
    this.db.close();
  }
}
