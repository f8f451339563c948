import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/src/store/migrations.ts';
import { openSqliteStore } from '../../server/src/store/store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const EXERCISE_COLUMNS = `id, created_at, title, scenario_id, scenario_hash, seed, bots, timer, genesis,
  status, last_seq, last_hash`;

/**
 * A data folder holding a database at schema version `version`, with exercises x1 and x2 (the same
 * scenario) and one snapshot of x1, written as that version of the server wrote them.
 */
function oldDatabase(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-migrate-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'arsenal.db'));
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`user_version = ${version}`);
  const scenarioJson = JSON.stringify({ meta: { id: 'tutorial' }, filler: 'x'.repeat(20_000) });
  for (const id of ['x1', 'x2']) {
    const values = `'${id}', 0, 't', 'tutorial', 'sh1', 1, '[]', '{}', 'g', 'live', 3, 'h3'`;
    if (version < 3)
      db.prepare(`INSERT INTO exercises (${EXERCISE_COLUMNS}, scenario_json) VALUES (${values}, ?)`).run(
        scenarioJson,
      );
    else {
      db.prepare(`INSERT OR IGNORE INTO scenarios (hash, json) VALUES ('sh1', ?)`).run(scenarioJson);
      db.exec(`INSERT INTO exercises (${EXERCISE_COLUMNS}) VALUES (${values})`);
    }
  }
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
