import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/src/store/migrations.ts';
import { openSqliteStore } from '../../server/src/store/sqlite.ts';
import type { StoredEntry } from '../../server/src/store/store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const EXERCISE_COLUMNS = `id, created_at, title, scenario_id, scenario_hash, seed, bots, timer, genesis,
  status`;

/** x1's log: three entries chained from the genesis `g`. */
const LOG = [1, 2, 3].map((seq) => ({
  seq,
  at: 1000 * seq,
  actor: '{"role":"facilitator"}',
  command: `{"type":"message","to":"all","text":"m${seq}"}`,
  sender: 'facilitator',
  client_id: `c${seq}`,
  ack: `{"ok":true,"seq":${seq},"version":${seq}}`,
  prev_hash: seq === 1 ? 'g' : `h${seq - 1}`,
  hash: `h${seq}`,
}));

/**
 * A data folder holding a database at schema version `version`, with exercises x1 (three log entries)
 * and x2 (none), of the same scenario, and one snapshot of x1, written as that version of the server
 * wrote them.
 */
function oldDatabase(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-migrate-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'arsenal.db'));
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`user_version = ${version}`);
  const scenarioJson = JSON.stringify({ meta: { id: 'tutorial' }, filler: 'x'.repeat(20_000) });
  for (const id of ['x1', 'x2']) {
    // Until schema 4 the exercise row kept the head of its chain.
    const [columns, values] =
      version < 4
        ? [
            `${EXERCISE_COLUMNS}, last_seq, last_hash`,
            `'${id}', 0, 't', 'tutorial', 'sh1', 1, '[]', '{}', 'g', 'live', ${id === 'x1' ? "3, 'h3'" : "0, 'g'"}`,
          ]
        : [EXERCISE_COLUMNS, `'${id}', 0, 't', 'tutorial', 'sh1', 1, '[]', '{}', 'g', 'live'`];
    if (version < 3)
      db.prepare(`INSERT INTO exercises (${columns}, scenario_json) VALUES (${values}, ?)`).run(scenarioJson);
    else {
      db.prepare(`INSERT OR IGNORE INTO scenarios (hash, json) VALUES ('sh1', ?)`).run(scenarioJson);
      db.exec(`INSERT INTO exercises (${columns}) VALUES (${values})`);
    }
  }
  const insert = db.prepare(
    `INSERT INTO log (exercise_id, seq, at, actor, command, sender, client_id, ack, prev_hash, hash)
     VALUES ('x1', @seq, @at, @actor, @command, @sender, @client_id, @ack, @prev_hash, @hash)`,
  );
  for (const row of LOG) insert.run(row);
  db.prepare(`INSERT INTO snapshots (exercise_id, seq, state, state_hash) VALUES ('x1', 3, ?, 'sh')`).run(
    JSON.stringify({ phase: 'planning', context: { game: { contracts: { c1: {} } } } }),
  );
  db.close();
  return dir;
}

describe('schema migrations', () => {
  it('drop the snapshots of the old state format (contracts keyed by id) and keep the exercises', () => {
    const dir = oldDatabase(1);
    const store = openSqliteStore(dir, { checkpoints: false });
    try {
      expect(store.latestSnapshot('x1')).toBeUndefined();
    } finally {
      store.close();
    }
    const db = new Database(path.join(dir, 'arsenal.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT id FROM exercises ORDER BY id').all()).toEqual([{ id: 'x1' }, { id: 'x2' }]);
    db.close();
  });

  it('move each distinct scenario into a table of its own, out of the row every commit rewrites', () => {
    const dir = oldDatabase(2);
    const store = openSqliteStore(dir, { checkpoints: false });
    try {
      const [a, b] = [store.getExercise('x1')!, store.getExercise('x2')!];
      expect(JSON.parse(a.scenarioJson)).toMatchObject({ meta: { id: 'tutorial' } });
      expect(b.scenarioJson).toBe(a.scenarioJson);
      expect(a.scenarioHash).toBe('sh1');
    } finally {
      store.close();
    }
    const db = new Database(path.join(dir, 'arsenal.db'), { readonly: true });
    expect(db.prepare('SELECT hash FROM scenarios').all()).toEqual([{ hash: 'sh1' }]);
    const columns = db.prepare('PRAGMA table_info(exercises)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('scenario_json');
    db.close();
  });

  it('keep the log in the order it is written, each chain and its head, and find command ids', () => {
    const dir = oldDatabase(3);
    const store = openSqliteStore(dir, { checkpoints: false });
    try {
      expect(store.readLog('x1').map((e) => [e.seq, e.prevHash, e.hash])).toEqual(
        LOG.map((r) => [r.seq, r.prev_hash, r.hash]),
      );
      expect(store.readLog('x1', 2).map((e) => e.command)).toEqual([
        { type: 'message', to: 'all', text: 'm3' },
      ]);
      expect(store.getExercise('x1')).toMatchObject({ lastSeq: 3, lastHash: 'h3' });
      expect(store.getExercise('x2')).toMatchObject({ lastSeq: 0, lastHash: 'g' });
      expect(store.findSent('x1', 'facilitator', 'c2')?.ack).toBe(LOG[1]!.ack);
      expect(store.sentIds('x1').sort()).toEqual(['facilitator\nc1', 'facilitator\nc2', 'facilitator\nc3']);
      // The chain continues from its head, and only from there.
      const entry: StoredEntry = {
        seq: 4,
        at: 4000,
        actor: { role: 'facilitator' },
        command: { type: 'message', to: 'all', text: 'm4' },
        sender: 'facilitator',
        clientId: 'c4',
        ack: '{"ok":true,"seq":4,"version":4}',
        prevHash: 'h3',
        hash: 'h4',
      };
      expect(() => store.append('x1', [{ ...entry, seq: 5 }])).toThrow(/does not continue/);
      expect(() => store.append('x1', [{ ...entry, prevHash: 'h2' }])).toThrow(/does not continue/);
      store.append('x1', [entry]);
      expect(store.getExercise('x1')).toMatchObject({ lastSeq: 4, lastHash: 'h4' });
    } finally {
      store.close();
    }
    const db = new Database(path.join(dir, 'arsenal.db'), { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(exercises)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('last_seq');
    expect(columns).not.toContain('last_hash');
    const indexes = (db.prepare('PRAGMA index_list(log)').all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(['log_seq']);
    db.close();
  });

  it('keep snapshots written in the current format', () => {
    const dir = oldDatabase(MIGRATIONS.length);
    const store = openSqliteStore(dir, { checkpoints: false });
    try {
      expect(store.latestSnapshot('x1')?.seq).toBe(3);
    } finally {
      store.close();
    }
  });

  it('refuse a database newer than the server', () => {
    const dir = oldDatabase(MIGRATIONS.length);
    const db = new Database(path.join(dir, 'arsenal.db'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(dir, { checkpoints: false })).toThrow(/newer than this server/);
  });
});
