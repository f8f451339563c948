// The PostgreSQL connection's thread: plain JavaScript (no TypeScript loader needed), a `pg` pool that
// runs what the main thread asks. Two doors: `sync` requests come on their own port and are answered
// with a wake-up of the main thread waiting on a shared flag (the Store interface is synchronous);
// `async` requests come on the parent port and are answered without anyone waiting (log commits, so
// the event loop never waits for PostgreSQL's fsync).
import { clearTimeout, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

// int8 columns (timestamps in ms, seeds) as numbers: every one of them is below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const { url, syncPort, flag, poolSize, timeoutMs } = workerData;
const signal = new Int32Array(flag);
// The deadline bounds each request as a whole (waiting for a connection, every statement); PostgreSQL
// is also told to cancel a statement that runs longer (a lock wait, a slow disk).
const pool = new pg.Pool({
  connectionString: url,
  max: poolSize,
  connectionTimeoutMillis: timeoutMs,
  statement_timeout: timeoutMs,
});
/** The code of an answer that did not come within the deadline (the bridge's `PG_TIMEOUT`). */
const TIMEOUT = 'arsenal/timeout';
// A connection that the server drops (restart, admin kill) must not kill the thread: idle ones are
// reported on the pool, and one in use on its client, even after its query failed (pg emits `error` on
// the client when the socket ends, and an unheard `error` would be an uncaught exception here).
// The broken client is dropped from the pool when released.
pool.on('error', () => undefined);
pool.on('connect', (client) => client.on('error', () => undefined));

/**
 * Runs one request: `{statements: [{sql, params}], tx}`. With `tx`, all statements run in one
 * transaction (a failure rolls back all of them). Returns the rows of each statement.
 *
 * A database that accepts connections but never answers is given `timeoutMs` for the whole request:
 * then the request fails with `TIMEOUT` and its connection is destroyed (a hung socket is never
 * used again, and what it was doing is left to PostgreSQL: a transaction whose COMMIT it had not read
 * yet rolls back; one it had may still commit, which is why the store treats a timed-out commit as
 * unknown).
 */
function run(request) {
  const state = { expired: false, client: null };
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      state.expired = true;
      state.client?.connection.stream.destroy();
      reject(
        Object.assign(new Error(`the database did not answer within ${timeoutMs} ms`), { code: TIMEOUT }),
      );
    }, timeoutMs);
  });
  const work = runOn(request, state);
  // once the deadline has answered, the request's own end (a failure of the destroyed socket) is moot
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

async function runOn({ statements, tx }, state) {
  const client = await pool.connect();
  if (state.expired) {
    client.release();
    throw new Error('expired');
  }
  state.client = client;
  let broken = false;
  try {
    if (tx) await client.query('BEGIN');
    const results = [];
    for (const s of statements) results.push((await client.query(s.sql, s.params)).rows);
    if (tx) await client.query('COMMIT');
    return results;
  } catch (err) {
    if (tx && !state.expired) await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken || state.expired);
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
