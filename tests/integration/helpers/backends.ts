import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { tempDir } from './server.ts';

/**
 * The PostgreSQL server the tests use (`ARSENAL_TEST_PG`; by default the local one, trust auth, as the
 * user running the tests), through a database they may create others from.
 */
export const PG_ADMIN_URL =
  process.env.ARSENAL_TEST_PG ?? `postgres://${os.userInfo().username}@127.0.0.1:5432/postgres`;

/** Where one test's server keeps its data: a data folder, and maybe a PostgreSQL database of its own. */
export interface Place {
  backend: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl: string | null;
  /** The environment that points a server process at this place. */
  env: Record<string, string>;
}

const created: string[] = [];

/** A new, empty database on the test PostgreSQL server (parallel test files never share one). */
export async function freshPgDatabase(): Promise<string> {
  const name = `arsenal_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the databases this test file made (call in `afterAll`). */
export async function dropPgDatabases(): Promise<void> {
  if (!created.length) return;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function newPlace(backend: Place['backend']): Promise<Place> {
  const dataDir = tempDir();
  if (backend === 'sqlite') return { backend, dataDir, databaseUrl: null, env: {} };
  const databaseUrl = await freshPgDatabase();
  return { backend, dataDir, databaseUrl, env: { DATABASE_URL: databaseUrl } };
}

/** Both stores: the store tests run once against each. */
export const BACKENDS: Place['backend'][] = ['sqlite', 'postgres'];

/**
 * Runs one read-only query straight against the place's database, outside the server (`?` for
 * parameters in both dialects).
 */
export async function queryPlace<R>(place: Place, sql: string, params: unknown[] = []): Promise<R[]> {
  if (place.backend === 'sqlite') {
    const db = new Database(path.join(place.dataDir, 'arsenal.db'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as R[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: place.databaseUrl! });
  await client.connect();
  try {
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as R[];
  } finally {
    await client.end();
  }
}

/** Runs statements that change the place's database (tests that damage it on purpose). */
export async function executePlace(place: Place, sql: string, params: unknown[] = []): Promise<void> {
  if (place.backend === 'sqlite') {
    const db = new Database(path.join(place.dataDir, 'arsenal.db'));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  let n = 0;
  const client = new pg.Client({ connectionString: place.databaseUrl! });
  await client.connect();
  try {
    await client.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
  } finally {
    await client.end();
  }
}
