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

/** A data folder holding a database at schema version `version`, with one exercise and one snapshot. */
function oldDatabase(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-migrate-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'arsenal.db'));
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`user_version = ${version}`);
  db.prepare(
    `INSERT INTO exercises (id, created_at, title, scenario_id, scenario_json, scenario_hash, seed, bots,
       timer, genesis, status, last_seq, last_hash) VALUES ('x1', 0, 't', 'tutorial', '{}', 'h', 1, '[]',
       '{}', 'g', 'live', 3, 'h3')`,
  ).run();
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
    expect(db.prepare('SELECT id FROM exercises').all()).toEqual([{ id: 'x1' }]);
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
