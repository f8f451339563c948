/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Never edit a
 * migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE exercises (
    id             TEXT PRIMARY KEY,
    created_at     INTEGER NOT NULL,
    title          TEXT NOT NULL,
    scenario_id    TEXT NOT NULL,
    -- canonical JSON of the validated scenario, so that a replay never depends on files that may change
    scenario_json  TEXT NOT NULL,
    scenario_hash  TEXT NOT NULL,
    seed           INTEGER NOT NULL,
    bots           TEXT NOT NULL,
    timer          TEXT NOT NULL,
    genesis        TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('live', 'finished')),
    last_seq       INTEGER NOT NULL DEFAULT 0,
    last_hash      TEXT NOT NULL
  );

  CREATE TABLE log (
    exercise_id  TEXT NOT NULL REFERENCES exercises(id),
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    command      TEXT NOT NULL,
    -- who sent it (seat key, or bot:/system) and the id they gave it: a retry finds the stored ack
    sender       TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    ack          TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX log_client_id ON log (exercise_id, sender, client_id);

  CREATE TABLE snapshots (
    exercise_id  TEXT NOT NULL REFERENCES exercises(id),
    seq          INTEGER NOT NULL,
    state        TEXT NOT NULL,
    state_hash   TEXT NOT NULL,
    PRIMARY KEY (exercise_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    exercise_id  TEXT NOT NULL REFERENCES exercises(id),
    seat         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
  );
  CREATE INDEX tokens_exercise ON tokens (exercise_id);

  CREATE TABLE join_codes (
    code_hash    TEXT PRIMARY KEY,
    exercise_id  TEXT NOT NULL REFERENCES exercises(id),
    seat         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
  );
  CREATE INDEX join_codes_seat ON join_codes (exercise_id, seat);
  `,
  // 2: the game state keeps its contracts as a list (was a record keyed by id). Snapshots are caches of
  // folds of the log, so old-format ones are dropped and rebuilt from the log on the next boot.
  `DELETE FROM snapshots;`,
  // 3: scenarios in a table of their own, once per distinct scenario. In the exercises row, the
  // scenario's JSON (kilobytes, on overflow pages) was rewritten by every commit's head update.
  `
  CREATE TABLE scenarios (
    hash  TEXT PRIMARY KEY,
    json  TEXT NOT NULL
  );
  INSERT OR IGNORE INTO scenarios (hash, json) SELECT scenario_hash, scenario_json FROM exercises;
  ALTER TABLE exercises DROP COLUMN scenario_json;
  `,
  // 4: the log in the order it is written. Keyed by exercise (WITHOUT ROWID), each command's row went
  // to its exercise's page, with a page of the command-id index and the exercise's head row: about
  // three scattered pages written, synced and checkpointed per command. Rows now append, so a commit's
  // rows share pages and the (exercise, seq) index is the one scattered write. The head of an
  // exercise's chain is its last entry; a command id is looked up among its exercise's entries (only
  // retries look: the session knows which ids are stored).
  `
  CREATE TABLE log_appended (
    exercise_id  TEXT NOT NULL REFERENCES exercises(id),
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    command      TEXT NOT NULL,
    sender       TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    ack          TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
  );
  INSERT INTO log_appended (exercise_id, seq, at, actor, command, sender, client_id, ack, prev_hash, hash)
    SELECT exercise_id, seq, at, actor, command, sender, client_id, ack, prev_hash, hash FROM log
    ORDER BY exercise_id, seq;
  DROP TABLE log;
  ALTER TABLE log_appended RENAME TO log;
  CREATE UNIQUE INDEX log_seq ON log (exercise_id, seq);
  ALTER TABLE exercises DROP COLUMN last_seq;
  ALTER TABLE exercises DROP COLUMN last_hash;
  `,
  // 5: which unfinished exercises need running without anyone watching (a deadline armed, bots to
  // play): only those are loaded at boot; the others when someone first asks for them. Exercises
  // stored before this column are taken to need it until their next commit says otherwise.
  `ALTER TABLE exercises ADD COLUMN awake INTEGER NOT NULL DEFAULT 1;`,
];
