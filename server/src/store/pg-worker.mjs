// The PostgreSQL connection's thread: plain JavaScript (no TypeScript loader needed), a `pg` pool that
// runs what the main thread asks. Two doors: `sync` requests come on their own port and are answered
// with a wake-up of the main thread waiting on a shared flag (the Store interface is synchronous);
// `async` requests come on the parent port and are answered without anyone waiting (log commits, so
// the event loop never waits for PostgreSQL's fsync).
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

// int8 columns (timestamps in ms, seeds) as numbers: every one of them is below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const { url, syncPort, flag, poolSize } = workerData;
const signal = new Int32Array(flag);
const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
// A connection that the server drops (restart, admin kill) must not kill the thread: idle ones are
// reported on the pool, and one in use on its client, even after its query failed (pg emits `error` on
// the client when the socket ends, and an unheard `error` would be an uncaught exception here).
// The broken client is dropped from the pool when released.
pool.on('error', () => undefined);
pool.on('connect', (client) => client.on('error', () => undefined));

/**
 * Runs one request: `{statements: [{sql, params}], tx}`. With `tx`, all statements run in one
 * transaction (a failure rolls back all of them). Returns the rows of each statement.
 */
async function run({ statements, tx }) {
  const client = await pool.connect();
  let broken = false;
  try {
    if (tx) await client.query('BEGIN');
    const results = [];
    for (const s of statements) results.push((await client.query(s.sql, s.params)).rows);
    if (tx) await client.query('COMMIT');
    return results;
  } catch (err) {
    if (tx) await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

const failure = (err) => ({
  message: err instanceof Error ? err.message : String(err),
  code: typeof err?.code === 'string' ? err.code : null,
});

syncPort.on('message', async ({ id, request }) => {
  let answer;
  try {
    answer = { id, rows: await run(request) };
  } catch (err) {
    answer = { id, error: failure(err) };
  }
  syncPort.postMessage(answer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});

parentPort.on('message', async (msg) => {
  if (msg === 'close') {
    await pool.end().catch(() => undefined);
    syncPort.close();
    parentPort.close();
    return;
  }
  const { id, request } = msg;
  try {
    parentPort.postMessage({ id, rows: await run(request) });
  } catch (err) {
    parentPort.postMessage({ id, error: failure(err) });
  }
});
