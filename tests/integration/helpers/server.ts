import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../server/src/app.ts';
import { systemClock, type Clock } from '../../../server/src/clock.ts';
import { defaultConfig, type Config } from '../../../server/src/config.ts';
import { jsonLogger } from '../../../server/src/logger.ts';
import { folderRegistry } from '../../../server/src/scenarios/registry.ts';
import { openStore, type Store } from '../../../server/src/store/store.ts';
import type { LogWriter } from '../../../server/src/store/writer.ts';

export const REPO = path.resolve(import.meta.dirname, '../../..');

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  dataDir: string;
  /** Log lines the server wrote (JSON), for checking that nothing secret is logged and nothing failed. */
  logs: string[];
  close(): Promise<void>;
}

export function tempDir(prefix = 'arsenal-it-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The real server, in this process, on a free port, with a real SQLite file (or the PostgreSQL
 * database of `config.databaseUrl`).
 */
export async function startServer(
  opts: {
    dataDir?: string;
    /** PostgreSQL instead of SQLite (its own database, see `backends.ts`). */
    databaseUrl?: string | null;
    config?: Partial<Config>;
    clock?: Clock;
    /** Replaces the log writer (`config.logWriter`'s, inline by default), e.g. to make the store fail. */
    writer?: (store: Store) => LogWriter;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const logs: string[] = [];
  const config: Config = {
    ...defaultConfig,
    dataDir,
    clientDist: path.join(dataDir, 'no-client'),
    logLevel: 'warn',
    databaseUrl: opts.databaseUrl ?? null,
    ...opts.config,
  };
  const logger = jsonLogger(config.logLevel, (line) => void logs.push(line));
  const store = await openStore(config);
  const app = createApp({
    store,
    writer: opts.writer?.(store),
    clock: opts.clock ?? systemClock,
    logger,
    config,
    scenarios: folderRegistry(config.scenariosDir, logger),
  });
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    dataDir,
    logs,
    async close() {
      await app.close();
      store.close();
    },
  };
}
