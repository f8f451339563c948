import pg from 'pg';

/**
 * PostgreSQL's schema, migration by migration (`schema_version` records how many have run). It has
 * the SQLite schema's meaning (`migrations.ts`), in PostgreSQL's own terms; its history starts at
 * SQLite's fourth migration. Never edit a migration that has shipped: add a new one.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scenarios (
    hash  text PRIMARY KEY,
    json  text NOT NULL
  );

  CREATE TABLE exercises (
    id             text PRIMARY KEY,
    created_at     bigint NOT NULL,
    title          text NOT NULL,
    scenario_id    text NOT NULL,
    scenario_hash  text NOT NULL REFERENCES scenarios(hash),
    seed           bigint NOT NULL,
    bots           text NOT NULL,
    timer          text NOT NULL,
    genesis        text NOT NULL,
    status         text NOT NULL CHECK (status IN ('live', 'finished'))
  );

  CREATE TABLE log (
    exercise_id  text NOT NULL REFERENCES exercises(id),
    seq          integer NOT NULL,
    at           bigint NOT NULL,
    actor        text NOT NULL,
    command      text NOT NULL,
    sender       text NOT NULL,
    client_id    text NOT NULL,
    ack          text NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  );
  -- Several nodes share this database: a command id is stored once whichever node stores it.
  CREATE UNIQUE INDEX log_client_id ON log (exercise_id, sender, client_id);

  -- The chain is checked by the database itself: an entry is stored only if it continues the stored
  -- head (seq one more, prevHash the head's hash). With the primary key, two writers that both read
  -- the same head cannot both append: the second waits for the first and is then refused.
  CREATE FUNCTION log_continues() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $body$
  DECLARE
    head_seq  integer;
    head_hash text;
  BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM log
      WHERE exercise_id = NEW.exercise_id ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
      head_seq := 0;
      SELECT genesis INTO head_hash FROM exercises WHERE id = NEW.exercise_id;
    END IF;
    IF NEW.seq <> head_seq + 1 OR NEW.prev_hash IS DISTINCT FROM head_hash THEN
      RAISE EXCEPTION 'log of % does not continue at %', NEW.exercise_id, NEW.seq
        USING ERRCODE = 'AR001';
    END IF;
    RETURN NEW;
  END
  $body$;
  CREATE TRIGGER log_continues BEFORE INSERT ON log FOR EACH ROW EXECUTE FUNCTION log_continues();

  CREATE TABLE snapshots (
    exercise_id  text NOT NULL REFERENCES exercises(id),
    seq          integer NOT NULL,
    state        text NOT NULL,
    state_hash   text NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  );

  CREATE TABLE tokens (
    id           text PRIMARY KEY,
    exercise_id  text NOT NULL REFERENCES exercises(id),
    seat         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,
    label        text NOT NULL,
    created_at   bigint NOT NULL,
    revoked_at   bigint
  );
  CREATE INDEX tokens_exercise ON tokens (exercise_id);

  CREATE TABLE join_codes (
    code_hash    text PRIMARY KEY,
    exercise_id  text NOT NULL REFERENCES exercises(id),
    seat         text NOT NULL,
    created_at   bigint NOT NULL,
    revoked_at   bigint
  );
  CREATE INDEX join_codes_seat ON join_codes (exercise_id, seat);
  `,
  `
  -- Several nodes (REDIS_URL): each exercise is owned by one node at a time, for a while. The token
  -- grows with every grant, so a node that lost a lease and got it back holds a new one.
  CREATE SEQUENCE lease_token;
  CREATE TABLE leases (
    exercise_id  text PRIMARY KEY REFERENCES exercises(id),
    node         text NOT NULL,
    node_url     text NOT NULL,
    token        bigint NOT NULL,
    expires_at   timestamptz NOT NULL
  );

  -- The fence: a batch is stored only if, in its own transaction, every exercise in it is still leased
  -- under the token its writer holds. The share lock makes a takeover (an update of the lease) wait for
  -- a batch being stored, and a batch that starts after a takeover sees the new token and is refused.
  CREATE FUNCTION lease_holds(ids text[], tokens bigint[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $body$
  DECLARE
    held integer;
  BEGIN
    PERFORM 1 FROM leases l JOIN unnest(ids, tokens) AS t(id, token)
      ON l.exercise_id = t.id AND l.token = t.token
      WHERE l.expires_at > clock_timestamp()
      FOR SHARE OF l;
    GET DIAGNOSTICS held = ROW_COUNT;
    IF held <> cardinality(ids) THEN
      RAISE EXCEPTION 'this node no longer holds the lease of an exercise in the batch'
        USING ERRCODE = 'AR002';
    END IF;
  END
  $body$;
  `,
  `
  -- Which unfinished exercises need running without anyone watching (SQLite's fifth migration).
  ALTER TABLE exercises ADD COLUMN awake boolean NOT NULL DEFAULT true;
  `,
];

/** An arbitrary constant: the advisory lock that lets one node at a time migrate. */
const MIGRATION_LOCK = 0x4a5e_2025;

/**
 * Brings the database's schema up to date, in one transaction under an advisory lock, so that nodes
 * starting together migrate once. Refuses a schema newer than this server knows.
 */
export async function migratePg(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    if (!rows.length) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length)
      throw new Error(`database schema ${current} is newer than this server knows`);
    for (let v = current; v < PG_MIGRATIONS.length; v++) await client.query(PG_MIGRATIONS[v]!);
    await client.query('UPDATE schema_version SET version = $1', [PG_MIGRATIONS.length]);
    await client.query('COMMIT');
    return PG_MIGRATIONS.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
