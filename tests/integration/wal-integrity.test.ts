import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@arsenal/shared/protocol';
import { StoreIntegrityError } from '../../server/src/store/integrity.ts';
import { openSqliteStore } from '../../server/src/store/sqlite.ts';
import type { ExerciseRecord, StoredEntry } from '../../server/src/store/store.ts';
import { spawnServer, type ChildServer } from './helpers/child.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { REPO, tempDir } from './helpers/server.ts';

/**
 * Committed rows live in SQLite's write-ahead log until a checkpoint copies them into `arsenal.db`.
 * A WAL deleted, damaged, or left out of a copy loses acknowledged commands; the server detects it at
 * boot (the commit mark) and refuses to start, as it does on a damaged database file. `npm run backup`
 * makes a consistent copy while the server writes.
 */

const record: ExerciseRecord = {
  id: 'x1',
  createdAt: 1,
  title: 'T',
  scenarioId: 'tutorial',
  scenarioJson: '{}',
  scenarioHash: 'sh',
  seed: 1,
  bots: [],
  timer: { planningMinutes: 0, extendMinutes: 5, autoStart: false },
  genesis: 'g',
  status: 'live',
  lastSeq: 0,
  lastHash: 'g',
};
const entry = (seq: number): StoredEntry => ({
  seq,
  at: seq,
  actor: { role: 'facilitator' },
  command: { type: 'message', to: 'all', text: `m${seq}` },
  sender: 'facilitator/t',
  clientId: `c${seq}`,
  ack: '{}',
  prevHash: seq === 1 ? 'g' : `h${seq - 1}`,
  hash: `h${seq}`,
});

/** A data folder whose first 10 entries were checkpointed into arsenal.db and 20 more are in the WAL. */
function walHolding20(): { dir: string; close(): void } {
  const dir = tempDir('arsenal-wal-');
  const store = openSqliteStore(dir, { checkpoints: false });
  store.createExercise(record, [], []);
  for (let s = 1; s <= 10; s++) store.append('x1', [entry(s)]);
  const other = new Database(path.join(dir, 'arsenal.db'));
  other.pragma('wal_checkpoint(TRUNCATE)');
  other.close();
  for (let s = 11; s <= 30; s++) store.append('x1', [entry(s)]);
  return { dir, close: () => store.close() };
}

/** What a crash (or a file copy) leaves of the folder at this moment, minus the files left out. */
function copyFolder(from: string, files: string[]): string {
  const to = tempDir('arsenal-copy-');
  for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

const MARK = 'arsenal.db-committed';
let child: ChildServer | null = null;
afterAll(() => void child?.proc.kill('SIGKILL'));

async function bootFails(dataDir: string): Promise<{ code: number | null; logs: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let logs = '';
  proc.stderr.on('data', (c: Buffer) => (logs += c.toString()));
  const code = await new Promise<number | null>((r) => proc.once('exit', r));
  return { code, logs };
}

describe('a lost or damaged write-ahead log', () => {
  it('is detected at boot with the number of entries lost, and the server refuses to start', async () => {
    const live = walHolding20();
    try {
      const withoutWal = copyFolder(live.dir, ['arsenal.db', MARK]);
      const damaged = copyFolder(live.dir, ['arsenal.db', 'arsenal.db-wal', MARK]);
      const intact = copyFolder(live.dir, ['arsenal.db', 'arsenal.db-wal', MARK]);
      const wal = path.join(damaged, 'arsenal.db-wal');
      const fd = fs.openSync(wal, 'r+');
      fs.writeSync(fd, crypto.randomBytes(64), 0, 64, Math.floor(fs.statSync(wal).size / 2));
      fs.closeSync(fd);

      expect(() => openSqliteStore(withoutWal, { checkpoints: false })).toThrow(/20 log entries are lost/);
      let lost = '';
      try {
        openSqliteStore(damaged, { checkpoints: false }).close();
      } catch (err) {
        expect(err).toBeInstanceOf(StoreIntegrityError);
        lost = (err as Error).message;
      }
      // SQLite keeps the frames before the damaged one: some of the 20, never all.
      expect(lost).toMatch(/\b([1-9]|1\d|20) log entries are lost/);
      const store = openSqliteStore(intact, { checkpoints: false });
      expect(store.readLog('x1')).toHaveLength(30);
      store.close();

      const boot = await bootFails(withoutWal);
      expect(boot.code).toBe(3);
      expect(boot.logs).toContain('the database failed its integrity check');
      expect(boot.logs).toContain('20 log entries are lost');
    } finally {
      live.close();
    }
  });

  it('a database whose pages were overwritten stops boot with what quick_check found', async () => {
    const live = walHolding20();
    live.close();
    const file = path.join(live.dir, 'arsenal.db');
    const pages = fs.statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(2);
    // Every page but the first (the header and the schema, so the file still opens) is noise.
    const fd = fs.openSync(file, 'r+');
    for (let p = 1; p < pages; p++) fs.writeSync(fd, crypto.randomBytes(4096), 0, 4096, p * 4096);
    fs.closeSync(fd);
    const boot = await bootFails(live.dir);
    expect(boot.code).toBe(3);
    expect(boot.logs).toContain('the database failed its integrity check');
  });
});

describe('npm run backup', () => {
  it('copies a database consistently while the server is writing to it', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('arsenal-backup-');
    child = await spawnServer(dataDir);
    const http = new Http(child.url);
    const created = await http.create({ scenarioId: 'tutorial', seed: 9, bots: ['army', 'autoco', 'dga'] });
    const fac = await SeatClient.connect(child.url, created.facilitator.token);
    let writing = true;
    const notes = (async () => {
      for (let i = 0; writing; i++) await fac.send({ type: 'note', kind: 'note', text: `n${i}` });
    })();
    await fac.until(() => fac.version >= 20, 'some notes stored');
    const dest = path.join(tempDir('arsenal-dest-'), 'copy.db');
    const run = spawn('npm', ['run', '--silent', 'backup', '--', dest], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    run.stdout.on('data', (c: Buffer) => (out += c.toString()));
    run.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => run.once('exit', r));
    writing = false;
    await notes;
    fac.close();
    expect(code, out).toBe(0);
    expect(out).toMatch(/1 exercises, \d+ log entries, \d+ bytes, chains verified/);

    // The copy is a data folder of its own: the server's store opens it, and its log is a prefix of
    // the live one (nothing half-written, nothing invented).
    const restored = tempDir('arsenal-restored-');
    fs.copyFileSync(dest, path.join(restored, 'arsenal.db'));
    const copy = openSqliteStore(restored, { checkpoints: false });
    const liveDb = new Database(path.join(dataDir, 'arsenal.db'), { readonly: true });
    try {
      const rec = copy.getExercise(created.exerciseId)!;
      const log = copy.readLog(created.exerciseId);
      expect(log.length).toBeGreaterThanOrEqual(20);
      expect(verifyChain(rec.genesis, log).ok).toBe(true);
      const liveHashes = liveDb
        .prepare<[string], { hash: string }>('SELECT hash FROM log WHERE exercise_id = ? ORDER BY seq')
        .all(created.exerciseId)
        .map((r) => r.hash);
      expect(liveHashes.slice(0, log.length)).toEqual(log.map((e) => e.hash));
    } finally {
      copy.close();
      liveDb.close();
    }
  });
});
