// The WAL checkpointer's thread: plain JavaScript (no TypeScript loader needed), one connection that
// copies the write-ahead log into the database every second without blocking writers (PASSIVE), so
// that the server's own commits never pay for a checkpoint on the event loop.
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the next round tries again; the server's own backstop checkpoint still applies.
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
