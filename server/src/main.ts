import path from 'node:path';
import { createApp } from './app.ts';
import { Cluster } from './cluster/cluster.ts';
import { systemClock } from './clock.ts';
import { ConfigError, configFromEnv, type Config } from './config.ts';
import { errorFields, jsonLogger } from './logger.ts';
import { folderRegistry } from './scenarios/registry.ts';
import { StoreIntegrityError } from './store/integrity.ts';
import { openStore } from './store/store.ts';

/** The only place that reads the environment and listens. Variables: README, "Configuration". */
const config = configOrExit();
const logger = jsonLogger(config.logLevel);

/** Bad configuration is the operator's to fix: say what is wrong, and exit with status 2. */
function configOrExit(): Config {
  try {
    return configFromEnv(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    jsonLogger('error').error('the configuration is not valid; the server does not start', {
      reason: err.message,
    });
    process.exit(2);
  }
}
const store = await openStoreOrExit();

/**
 * A damaged database is a fact about the disk, not a bug: say which store, what the engine said and
 * what to do, and exit with status 2 (a supervisor should not restart in a loop on it).
 */
async function openStoreOrExit(): ReturnType<typeof openStore> {
  try {
    return await openStore(config);
  } catch (err) {
    // A damaged database, or one that lost acknowledged commands: what was found, and exit 3.
    if (err instanceof StoreIntegrityError) {
      logger.error('the database failed its integrity check; not starting', { findings: err.findings });
      process.exit(3);
    }
    logger.error('the database cannot be opened; the server does not start', {
      file: config.databaseUrl ? '(DATABASE_URL)' : path.join(config.dataDir, 'arsenal.db'),
      reason: err instanceof Error ? err.message.split('\n')[0] : String(err),
      hint: 'restore arsenal.db (with arsenal.db-wal if present) from a backup, or move it aside to start empty',
    });
    process.exit(2);
  }
}
const cluster =
  config.redisUrl && config.databaseUrl
    ? await Cluster.connect({
        redisUrl: config.redisUrl,
        databaseUrl: config.databaseUrl,
        leaseMs: config.leaseMs,
        nodeUrl: config.nodeUrl,
        name: config.clusterName,
        logger,
      })
    : null;
const app = createApp({
  store,
  cluster,
  clock: systemClock,
  logger,
  config,
  scenarios: folderRegistry(config.scenariosDir, logger),
});
const port = await app.listen(config.port, config.host);
await cluster?.start(port, config.host);
logger.info('listening', {
  port,
  host: config.host,
  store: store.kind,
  dataDir: config.dataDir,
  ...(cluster ? { node: cluster.node } : {}),
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping', { signal });
  // Draining a node of several: first not ready (503) for DRAIN_MS while it still runs its exercises,
  // so that the load balancer's checks see it and send it no one new; then the sockets closed (their
  // clients reconnect to another node), what was accepted stored, the leases given up for others.
  if (cluster) {
    cluster.drain();
    logger.info('draining', { ms: config.drainMs });
    await new Promise((resolve) => setTimeout(resolve, config.drainMs));
  }
  await app.close();
  await cluster?.close();
  store.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// A bug, not bad input (input never throws past its handler): log it and stop; the log on disk is whole.
process.on('uncaughtException', (err) => {
  logger.error('uncaught exception', errorFields(err));
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  logger.error('unhandled rejection', errorFields(err));
});
