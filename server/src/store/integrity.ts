import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** The database cannot be trusted as it is: the server refuses to start on it. */
export class StoreIntegrityError extends Error {
  constructor(
    message: string,
    readonly findings: string[],
  ) {
    super(`${message}: ${findings.join('; ')}`);
  }
}

/** Next to `arsenal.db`: how many log rows had been committed, as the last run last saw it. */
export const MARK_FILE = 'arsenal.db-committed';
const WIDTH = 20;

/**
 * The commit mark: after every commit, the log's highest row id is written in place into a small file
 * beside the database (one write to the page cache, no fsync). Committed rows live in the WAL until a
 * checkpoint copies them into the database, so a WAL deleted, damaged or left out of a copy takes
 * acknowledged commands with it, silently: SQLite opens what remains. At the next boot the log then
 * ends below the mark, and the loss is reported instead of served.
 */
export class CommitMark {
  private readonly fd: number;

  constructor(dataDir: string) {
    this.fd = fs.openSync(path.join(dataDir, MARK_FILE), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
  }

  /** The highest log row id committed by an earlier run, or null if never written. */
  read(): number | null {
    const buf = Buffer.alloc(WIDTH);
    const n = fs.readSync(this.fd, buf, 0, WIDTH, 0);
    const text = buf.subarray(0, n).toString('latin1').trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  }

  write(rowid: number): void {
    fs.writeSync(this.fd, String(rowid).padStart(WIDTH, '0'), 0, 'latin1');
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** The log's highest row id (rows are never deleted, so it only grows). */
export function highestLogRow(db: Database.Database): number {
  const row = db.prepare<[], { top: number | null }>('SELECT max(rowid) AS top FROM log').get();
  return row?.top ?? 0;
}

/**
 * What can be detected at boot: the database file's structure (`PRAGMA quick_check`: pages, b-trees,
 * indexes, NOT NULL and CHECK constraints) and a log that ends before the commit mark (a WAL lost or
 * damaged, or a copy of `arsenal.db` without its `-wal`). Commits of the last moment before a crash
 * whose mark was not yet written, and a mark lost with the WAL, cannot be detected. Each exercise's
 * hash chain is verified when it is loaded (it then stays offline if it does not verify).
 */
export function checkSqlite(db: Database.Database, mark: CommitMark): void {
  const problems = quickCheck(db);
  if (problems.length) throw new StoreIntegrityError('the database file is damaged', problems.slice(0, 10));
  const committed = mark.read();
  const stored = highestLogRow(db);
  if (committed !== null && stored < committed)
    throw new StoreIntegrityError('acknowledged commands are missing from the database', [
      `the log ends at row ${stored}, but row ${committed} had been committed`,
      `${committed - stored} log entries are lost: the write-ahead log (arsenal.db-wal) was deleted or damaged, or arsenal.db was copied without it`,
      `restore the data folder from a backup (npm run backup), or, to start with what is left, delete ${MARK_FILE}`,
    ]);
  mark.write(stored);
}

/** `PRAGMA quick_check`'s findings (none: whole); a check that cannot even run is one finding. */
function quickCheck(db: Database.Database): string[] {
  try {
    return (db.pragma('quick_check') as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((r) => r !== 'ok');
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}
