import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from './cluster/cluster.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { webApp } from './http/web.ts';
import type { Logger } from './logger.ts';
import { Presence } from './realtime/presence.ts';
import { replayRouter } from './replay/routes.ts';
import { AddressLimits } from './security/limits.ts';
import { Realtime, type IoServer } from './realtime/socket.ts';
import type { ScenarioRegistry } from './scenarios/registry.ts';
import { Journal } from './sessions/journal.ts';
import { SessionManager } from './sessions/manager.ts';
import type { Store } from './store/store.ts';
import { inlineWriter, threadWriter, type LogWriter } from './store/writer.ts';
import { createWorkers, TASK_TIMEOUT_MS, type Workers } from './workers/pools.ts';

export interface AppDeps {
  store: Store;
  /** Where log batches are committed; by default as `config.logWriter` says. */
  writer?: LogWriter;
  clock: Clock;
  logger: Logger;
  config: Config;
  scenarios: ScenarioRegistry;
  /** Several nodes (`REDIS_URL`): leases, forwarding and the Redis adapter. Its owner starts and closes it. */
  cluster?: Cluster | null;
}

export interface App {
  http: http.Server;
  io: IoServer;
  sessions: SessionManager;
  /** The worker threads (uploads, imports, reports, forks, look-aheads); closed by `close`. */
  workers: Workers;
  /** Resolves, with how many are live, once the exercises that boot loads are loaded. */
  booted: Promise<number>;
  /** Starts listening; resolves with the port actually bound (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Closes every socket and the HTTP server, stops timers and bots, stores what was accepted, stops
   * the worker threads and closes the log writer. The store stays open (its owner closes it).
   */
  close(): Promise<void>;
}

/**
 * The composition root. Builds the server from its dependencies and starts rebuilding the unfinished
 * exercises that need running unwatched (re-arming their deadlines and bots); the others load when
 * first asked for.
 */
export function createApp(deps: AppDeps): App {
  const { config, logger, store, clock } = deps;
  const cluster = deps.cluster ?? null;
  const local =
    deps.writer ??
    (config.logWriter === 'thread' && store.kind === 'sqlite'
      ? threadWriter(config.dataDir)
      : inlineWriter(store));
  const writer = cluster ? cluster.fence(local) : local;
  const httpServer = http.createServer();
  let realtime: Realtime | null = null;
  const workers = createWorkers();
  // with several nodes, summed over them: the facilitator's panel, and whether an exercise is watched
  const presence = new Presence(store, cluster?.presence ?? null);
  const sessions = new SessionManager(
    store,
    {
      store,
      clock,
      logger,
      journal: new Journal(writer, logger, { minIntervalMs: config.commitIntervalMs }),
      lingerMs: config.recoveryWindowMs + 10_000,
      publish: (exerciseId, seats, update) => realtime?.publish(exerciseId, seats, update),
      adjudicated: (exerciseId, month) => realtime?.adjudicated(exerciseId, month),
      watchAll: cluster !== null,
      // on the loads thread: a snapshot is bookkeeping of the same kind as folding a log
      hashSnapshot: (text) => workers.loads.call('hashSnapshot', { text }, TASK_TIMEOUT_MS.hashSnapshot),
    },
    logger,
    workers.loads,
    cluster,
    { sweepMs: config.idleSweepMs, watched: (id) => presence.watched(id) },
  );
  const api = {
    ...deps,
    sessions,
    presence,
    workers,
    limits: new AddressLimits(config.limits),
    startedAt: clock.now(),
  };
  const web = webApp(api, [replayRouter(api)]);
  httpServer.on('request', web);
  realtime = new Realtime(httpServer, { ...deps, sessions, presence });
  const rt = realtime;
  cluster?.attach(sessions, (f) => rt.answerForwarded(f));
  // The exercises that need running unwatched load in the background (each on first use otherwise):
  // the server listens at once, and whoever asks for one meanwhile waits for that one only.
  const booted = sessions.boot().then((live) => {
    logger.info('exercises rebuilt', { live });
    return live;
  });

  return {
    http: httpServer,
    io: realtime.io,
    sessions,
    workers,
    booted,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    async close() {
      cluster?.stopping();
      await realtime.close();
      await sessions.closeAll();
      await workers.close();
      await writer.close();
    },
  };
}
