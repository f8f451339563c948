import net from 'node:net';
import path from 'node:path';
import { LIMITS } from './shared.ts';

/** Everything the server can be told from outside. `main.ts` builds it from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Folder holding the SQLite database. */
  dataDir: string;
  /** PostgreSQL instead of SQLite (`postgres://…`); null: SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Several nodes (`redis://…`, needs `databaseUrl`): the Redis adapter, leases, forwarding. */
  redisUrl: string | null;
  /** This node's address for the other nodes (`http://10.0.0.5:3000`); default `http://HOST:PORT`. */
  nodeUrl: string | null;
  /** Prefix of this cluster's Redis keys and channels: several clusters may share one Redis. */
  clusterName: string;
  /** How long an exercise's lease lasts without renewal (ms): a dead owner's exercises move within it. */
  leaseMs: number;
  /** Origins allowed to call the API and open sockets besides the server's own; `*` allows any. */
  allowedOrigins: string[];
  /** Base of the links handed out (facilitator console, join page); derived from the request when null. */
  publicUrl: string | null;
  /** Host names accepted besides PUBLIC_URL's and the allowed origins' (`*`: any). */
  allowedHosts: string[];
  /** Built client to serve, if the folder holds an index.html. */
  clientDist: string;
  /** Folder of bundled scenarios (`*.yaml`). */
  scenariosDir: string;
  /**
   * Express `trust proxy`: false, a hop count, or the proxies' addresses (so that rate limits see the
   * client's address behind them). Never `true`: that would trust an `X-Forwarded-For` anyone writes.
   */
  trustProxy: false | number | string[];
  /** How long a dropped socket can come back and receive what it missed (ms). */
  recoveryWindowMs: number;
  /** Where log batches are committed: on the event loop, or on a thread of their own. */
  logWriter: 'inline' | 'thread';
  /**
   * Least time between two commits (ms). A command arriving sooner waits for the next commit, with
   * everything else that arrives meanwhile: under load each fsync then stores many commands; when the
   * server is quiet a command is committed at once.
   */
  commitIntervalMs: number;
  logLevel: LogLevel;
  limits: Limits;
}

/** Rate limits: a burst, then a sustained rate. Keyed by client address, except events (per socket). */
export interface Limits {
  createBurst: number;
  createsPerMinute: number;
  joinBurst: number;
  joinsPerMinute: number;
  /** Wrong join codes tolerated per address: the guard against guessing. */
  badCodeBurst: number;
  badCodesPerMinute: number;
  handshakeBurst: number;
  handshakesPerSecond: number;
  eventBurst: number;
  eventsPerSecond: number;
  /** Events per seat token (all its sockets together), and per exercise (all its seats). */
  tokenEventBurst: number;
  tokenEventsPerSecond: number;
  exerciseEventBurst: number;
  exerciseEventsPerSecond: number;
  /** Messages and notes (the commands that only grow the log) per token. */
  messageBurst: number;
  messagesPerMinute: number;
  /** Look-ahead jobs started per address; running at once per exercise and per address. */
  lookaheadBurst: number;
  lookaheadsPerMinute: number;
  lookaheadsPerExercise: number;
  lookaheadsPerAddress: number;
  /**
   * Sockets open at once with one seat token (one person's tabs and devices; each join makes a new
   * token): every update of the seat is written to each of them, so more would multiply the work.
   */
  socketsPerToken: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export const defaultConfig: Config = {
  port: 3000,
  host: '0.0.0.0',
  dataDir: path.join(repoRoot, 'data'),
  databaseUrl: null,
  redisUrl: null,
  nodeUrl: null,
  clusterName: 'arsenal',
  leaseMs: 10_000,
  allowedOrigins: [],
  publicUrl: null,
  allowedHosts: [],
  clientDist: path.join(repoRoot, 'client/dist'),
  scenariosDir: path.join(repoRoot, 'shared/scenarios'),
  trustProxy: false,
  recoveryWindowMs: 30_000,
  logWriter: 'inline',
  commitIntervalMs: 10,
  logLevel: 'info',
  limits: {
    createBurst: 10,
    createsPerMinute: 10,
    // a classroom behind one address joins at once
    joinBurst: 60,
    joinsPerMinute: 60,
    badCodeBurst: 10,
    badCodesPerMinute: 5,
    handshakeBurst: 200,
    handshakesPerSecond: 20,
    eventBurst: LIMITS.eventBurst,
    eventsPerSecond: LIMITS.eventsPerSecond,
    tokenEventBurst: 120,
    tokenEventsPerSecond: 30,
    exerciseEventBurst: 600,
    exerciseEventsPerSecond: 150,
    messageBurst: 30,
    messagesPerMinute: 30,
    lookaheadBurst: 5,
    lookaheadsPerMinute: 5,
    lookaheadsPerExercise: 1,
    lookaheadsPerAddress: 2,
    socketsPerToken: 16,
  },
};

/** Reads the environment variables listed in the README; anything unset keeps its default. */
export function configFromEnv(env: NodeJS.ProcessEnv, base: Config = defaultConfig): Config {
  const list = (v: string | undefined) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim().replace(/\/$/, ''))
          .filter(Boolean);
  const int = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${v}"`);
    return n;
  };
  const trust = env.TRUST_PROXY;
  const level = env.LOG_LEVEL as LogLevel | undefined;
  if (level && !['debug', 'info', 'warn', 'error', 'silent'].includes(level))
    throw new Error(`LOG_LEVEL must be debug, info, warn, error or silent, got "${level}"`);
  return {
    port: int('PORT', env.PORT, base.port),
    host: env.HOST || base.host,
    dataDir: env.DATA_DIR ? path.resolve(env.DATA_DIR) : base.dataDir,
    databaseUrl: env.DATABASE_URL || base.databaseUrl,
    redisUrl: env.REDIS_URL || base.redisUrl,
    nodeUrl: env.NODE_URL ? env.NODE_URL.replace(/\/$/, '') : base.nodeUrl,
    clusterName: env.CLUSTER_NAME || base.clusterName,
    leaseMs: int('LEASE_MS', env.LEASE_MS, base.leaseMs),
    allowedOrigins: list(env.ALLOWED_ORIGINS) ?? base.allowedOrigins,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/$/, '') : base.publicUrl,
    clientDist: env.CLIENT_DIST ? path.resolve(env.CLIENT_DIST) : base.clientDist,
    scenariosDir: env.SCENARIOS_DIR ? path.resolve(env.SCENARIOS_DIR) : base.scenariosDir,
    allowedHosts: list(env.ALLOWED_HOSTS) ?? base.allowedHosts,
    trustProxy: trust === undefined || trust === '' ? base.trustProxy : trustFrom(trust),
    recoveryWindowMs: int('RECOVERY_WINDOW_MS', env.RECOVERY_WINDOW_MS, base.recoveryWindowMs),
    logWriter: writerFrom(env.LOG_WRITER) ?? base.logWriter,
    commitIntervalMs: int('COMMIT_INTERVAL_MS', env.COMMIT_INTERVAL_MS, base.commitIntervalMs),
    logLevel: level ?? base.logLevel,
    limits: base.limits,
  };
}

/** A hop count, or a list of proxy addresses or subnets (and express's names for address ranges). */
function trustFrom(v: string): Config['trustProxy'] {
  if (/^\d+$/.test(v)) return Number(v);
  const names = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.find((item) => {
    if (names.has(item)) return false;
    const [addr, bits, more] = item.split('/');
    if (more !== undefined || !addr || net.isIP(addr) === 0) return true;
    return bits !== undefined && !/^\d{1,3}$/.test(bits);
  });
  if (bad !== undefined || !items.length)
    throw new Error(
      `TRUST_PROXY must be a hop count or the proxies' addresses (e.g. 1, or 10.0.0.2,10.0.1.0/24), got "${v}"`,
    );
  return items;
}

function writerFrom(v: string | undefined): Config['logWriter'] | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === 'inline' || v === 'thread') return v;
  throw new Error(`LOG_WRITER must be inline or thread, got "${v}"`);
}
