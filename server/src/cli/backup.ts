/**
 * `npm run backup -- [DEST]`: an online, consistent copy of the SQLite database while the server runs.
 *
 * Reads `DATA_DIR` like the server. `VACUUM INTO` writes one self-contained file (the database and
 * everything its write-ahead log holds, as of one read transaction: no commit half in), by default
 * `DATA_DIR/backups/arsenal-<time>.db`; the copy is then opened and checked: the file's integrity and
 * every exercise's hash chain. Prints what it holds. Exit code: 0 copied and verified, 1 the copy does
 * not verify, 2 usage error or nothing to copy. With `DATABASE_URL` (PostgreSQL) it says to use
 * `pg_dump`, PostgreSQL's own consistent online backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyChain } from '@arsenal/shared/protocol';
import { configFromEnv } from '../config.ts';
import { nativeSha256Hex } from '../security/secrets.ts';
import { toEntry, type LogRow } from '../store/rows.ts';

const EXIT = { ok: 0, broken: 1, usage: 2 } as const;

function main(args: string[]): number {
  const config = configFromEnv(process.env);
  if (config.databaseUrl) {
    console.error('DATABASE_URL is set: back PostgreSQL up with pg_dump, e.g.');
    console.error('  pg_dump --format=custom --file=arsenal.dump "$DATABASE_URL"');
    return EXIT.usage;
  }
  const source = path.join(config.dataDir, 'arsenal.db');
  if (!fs.existsSync(source)) {
    console.error(`no database at ${source} (set DATA_DIR)`);
    return EXIT.usage;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = path.resolve(args[0] ?? path.join(config.dataDir, 'backups', `arsenal-${stamp}.db`));
  if (fs.existsSync(dest)) {
    console.error(`${dest} exists already`);
    return EXIT.usage;
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const db = new Database(source, { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(dest);
  } finally {
    db.close();
  }
  const problems = verifyCopy(dest);
  for (const p of problems) console.error(p);
  return problems.length ? EXIT.broken : EXIT.ok;
}

/** Opens the copy and checks it; the problems found (none: it is good). Prints what it holds. */
function verifyCopy(file: string): string[] {
  const copy = new Database(file, { readonly: true });
  try {
    const check = (copy.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (check.join() !== 'ok') return check.map((c) => `integrity: ${c}`);
    const exercises = copy
      .prepare<[], { id: string; genesis: string }>('SELECT id, genesis FROM exercises')
      .all();
    const read = copy.prepare<[string], LogRow>(
      'SELECT seq, at, actor, command, prev_hash, hash FROM log WHERE exercise_id = ? ORDER BY seq',
    );
    const problems: string[] = [];
    let entries = 0;
    for (const ex of exercises) {
      const log = read.all(ex.id).map(toEntry);
      entries += log.length;
      const chain = verifyChain(ex.genesis, log, nativeSha256Hex);
      if (!chain.ok) problems.push(`exercise ${ex.id}: hash chain breaks at entry ${chain.index}`);
    }
    const bytes = fs.statSync(file).size;
    console.log(
      `${file}: ${exercises.length} exercises, ${entries} log entries, ${bytes} bytes, chains verified`,
    );
    return problems;
  } finally {
    copy.close();
  }
}

process.exitCode = main(process.argv.slice(2));
