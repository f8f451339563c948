import { PgBridge, type Statement } from '../store/pg-bridge.ts';

/** Where a lease's owner can be reached. */
export interface Owner {
  node: string;
  url: string;
}

/** A claim's outcome: the new lease's token, or the live owner (null if the exercise does not exist). */
export type Claim = { token: number } | { token: null; owner: Owner | null };

export interface Orphans {
  /** Unowned unfinished exercises, oldest first. */
  ids: string[];
  /** Live leases of unfinished exercises held by this node, and by all nodes. */
  mine: number;
  held: number;
  /** Other nodes holding at least one live lease. */
  others: number;
}

function toClaim(row: Record<string, unknown> | undefined): Claim {
  if (row?.token !== null && row?.token !== undefined) return { token: Number(row.token) };
  const owner = row?.node ? { node: String(row.node), url: String(row.node_url) } : null;
  return { token: null, owner };
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
   * Takes the exercise's lease if it is free or has expired; else says who holds it. One round trip,
   * and no wait when another node holds a live lease (its row is only read, never locked): only an
   * expired lease's row is locked, behind any batch its last owner is still storing under it.
   */
  claim(exerciseId: string): Claim {
    const [rows] = this.db.runSync({ statements: [this.claimStatement(exerciseId)], tx: false });
    return toClaim(rows?.[0]);
  }

  /** `claim` without blocking the event loop. */
  async claimAsync(exerciseId: string): Promise<Claim> {
    const [rows] = await this.db.run({ statements: [this.claimStatement(exerciseId)], tx: false });
    return toClaim(rows?.[0]);
  }

  private claimStatement(exerciseId: string): Statement {
    return this.statement(
      `WITH live AS (
          SELECT node, node_url FROM leases WHERE exercise_id = $1 AND expires_at > clock_timestamp()
        ), took AS (
          INSERT INTO leases AS l (exercise_id, node, node_url, token, expires_at)
          SELECT id, $2, $3, nextval('lease_token'), ${TTL} FROM exercises
            WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM live)
          ON CONFLICT (exercise_id) DO UPDATE SET node = excluded.node, node_url = excluded.node_url,
            token = excluded.token, expires_at = excluded.expires_at
          WHERE l.expires_at < clock_timestamp()
          RETURNING token
        )
        SELECT (SELECT token FROM took) AS token, live.node, live.node_url
          FROM (SELECT 1) AS one LEFT JOIN live ON true`,
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

  /** Of these exercises and tokens, the exercises whose lease is still live under that token. */
  async holding(pairs: [string, number][]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const [rows] = await this.db.run({
      statements: [
        {
          sql: `SELECT l.exercise_id FROM leases l JOIN unnest($1::text[], $2::bigint[]) AS t(id, token)
            ON l.exercise_id = t.id AND l.token = t.token WHERE l.expires_at > clock_timestamp()`,
          params: [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        },
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

  /**
   * Gives leases up for exercises unloaded while dormant: free for the next claim, but marked (no
   * node) so that no orphan scan takes them back; they load again when someone asks.
   */
  async letGo(tokens: number[]): Promise<void> {
    if (!tokens.length) return;
    await this.db.run({
      statements: [
        {
          sql: `UPDATE leases SET node = '', node_url = '', expires_at = clock_timestamp() - interval '1 millisecond'
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

  /**
   * Unfinished exercises whose lease is free or expired (the ones a node should take over), but not
   * those let go while dormant (`letGo`: they wait until someone asks for them), with how
   * many live leases this node and all nodes hold, and how many other nodes hold any.
   */
  async orphans(limit: number): Promise<Orphans> {
    const [rows, counts] = await this.db.run({
      statements: [
        {
          sql: `SELECT e.id FROM exercises e LEFT JOIN leases l ON l.exercise_id = e.id
            WHERE e.status = 'live'
              AND (l.exercise_id IS NULL OR (l.expires_at < clock_timestamp() AND l.node <> ''))
            ORDER BY e.created_at, e.id LIMIT $1`,
          params: [limit],
        },
        {
          sql: `SELECT count(*) FILTER (WHERE l.node = $1) AS mine, count(*) AS held,
              count(DISTINCT l.node) FILTER (WHERE l.node <> $1) AS others
            FROM leases l JOIN exercises e ON e.id = l.exercise_id
            WHERE e.status = 'live' AND l.expires_at > clock_timestamp()`,
          params: [this.self.node],
        },
      ],
      tx: false,
    });
    const c = counts?.[0] ?? {};
    return {
      ids: (rows ?? []).map((r) => String(r.id)),
      mine: Number(c.mine ?? 0),
      held: Number(c.held ?? 0),
      others: Number(c.others ?? 0),
    };
  }

  close(): void {
    this.db.close();
  }
}
