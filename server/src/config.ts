import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from './shared.ts';

/** Everything the server can be told from outside. `main.ts` builds it from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Folder holding the SQLite database. */
  dataDir: string;
  /** PostgreSQL instead of SQLite (`postgres://…`); null: SQLite in `dataDir`. */
  databaseUrl: string | null;
  /**
   * PostgreSQL: how long any request to the database may take (ms). A commit not answered in time is
   * refused to its clients as `server/unavailable` and its outcome checked against the log.
   */
  databaseTimeoutMs: number;
  /** Several nodes (`redis://…`, needs `databaseUrl`): the Redis adapter, leases, forwarding. */
  redisUrl: string | null;
  /** This node's address for the other nodes (`http://10.0.0.5:3000`); default `http://HOST:PORT`. */
  nodeUrl: string | null;
  /** Prefix of this cluster's Redis keys and channels: several clusters may share one Redis. */
  clusterName: string;
  /** How long an exercise's lease lasts without renewal (ms): a dead owner's exercises move within it. */
  leaseMs: number;
  /**
   * Several nodes: how long a node told to stop answers `/api/ready` with 503 while still running its
   * exercises (ms), so that the load balancer's checks see it and send it no one new before it closes.
   */
  drainMs: number;
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
  /** How often exercises nobody watches are looked at (ms); one found dormant at two sweeps in a row is unloaded. */
  idleSweepMs: number;
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
   * Balance checks of a scenario running at once per address and on the server. They share the
   * look-ahead budget: started from it, and counted with look-aheads against `lookaheadsPerAddress`.
   */
  balanceChecksPerAddress: number;
  balanceChecksRunning: number;
  /**
   * Sockets open at once with one seat token (one person's tabs and devices; each join makes a new
   * token): every update of the seat is written to each of them, so more would multiply the work.
   */
  socketsPerToken: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const repoRoot = path.resolve(import.meta.dirname, '../..');

export const defaultConfig: Config = {
  port: 3000,
  host: '0.0.0.0',
  dataDir: path.join(repoRoot, 'data'),
  databaseUrl: null,
  databaseTimeoutMs: 5000,
  redisUrl: null,
  nodeUrl: null,
  clusterName: 'arsenal',
  leaseMs: 10_000,
  drainMs: 3000,
  allowedOrigins: [],
  publicUrl: null,
  allowedHosts: [],
  clientDist: path.join(repoRoot, 'client/dist'),
  scenariosDir: path.join(repoRoot, 'shared/scenarios'),
  trustProxy: false,
  recoveryWindowMs: 30_000,
  logWriter: 'inline',
  commitIntervalMs: 10,
  idleSweepMs: 60_000,
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
    balanceChecksPerAddress: 1,
    balanceChecksRunning: 2,
    socketsPerToken: 16,
  },
};

/** A variable set to the empty string counts as unset. */
const unset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const text = optional(z.string());
const folder = optional(z.string().transform((v) => path.resolve(v)));
const url = optional(z.string().transform((v) => v.replace(/\/$/, '')));
const list = optional(
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  ),
);
const whole = (name: string) =>
  optional(
    z
      .string()
      .regex(/^\s*\d+\s*$/, { error: (iss) => `${name} must be a whole number, got "${String(iss.input)}"` })
      .transform(Number),
  );
const positive = (name: string) =>
  optional(
    z
      .string()
      .regex(/^\s*0*[1-9]\d*\s*$/, {
        error: (iss) => `${name} must be a whole number above 0, got "${String(iss.input)}"`,
      })
      .transform(Number),
  );
const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  optional(
    z.enum(values, {
      error: (iss) =>
        `${name} must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}, got "${String(iss.input)}"`,
    }),
  );

/** The proxies to trust: a hop count, or addresses and subnets (and express's names for address ranges). */
const trustProxy = optional(
  z.string().transform((v, ctx): Config['trustProxy'] => {
    if (/^\d+$/.test(v)) return Number(v);
    const items = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!items.length || items.some((item) => !proxyAddress(item))) {
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY must be a hop count or the proxies' addresses (e.g. 1, or 10.0.0.2,10.0.1.0/24), got "${v}"`,
      });
      return z.NEVER;
    }
    return items;
  }),
);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function proxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [addr, bits, more] = item.split('/');
  if (more !== undefined || !addr || net.isIP(addr) === 0) return false;
  return bits === undefined || /^\d{1,3}$/.test(bits);
}

/**
 * The environment variables the README lists (_Configuration_), each parsed and checked here; anything
 * unset (or empty) keeps its default. Unknown variables are ignored: the environment holds much else.
 */
export const envSchema = z
  .object({
    PORT: whole('PORT'),
    HOST: text,
    DATA_DIR: folder,
    DATABASE_URL: text,
    DATABASE_TIMEOUT_MS: positive('DATABASE_TIMEOUT_MS'),
    REDIS_URL: text,
    NODE_URL: url,
    CLUSTER_NAME: text,
    LEASE_MS: whole('LEASE_MS'),
    DRAIN_MS: whole('DRAIN_MS'),
    ALLOWED_ORIGINS: list,
    PUBLIC_URL: url,
    CLIENT_DIST: folder,
    SCENARIOS_DIR: folder,
    ALLOWED_HOSTS: list,
    TRUST_PROXY: trustProxy,
    RECOVERY_WINDOW_MS: whole('RECOVERY_WINDOW_MS'),
    LOG_WRITER: oneOf('LOG_WRITER', ['inline', 'thread']),
    COMMIT_INTERVAL_MS: whole('COMMIT_INTERVAL_MS'),
    IDLE_SWEEP_MS: whole('IDLE_SWEEP_MS'),
    LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS),
  })
  .refine((e) => !e.REDIS_URL || e.DATABASE_URL, {
    message: 'REDIS_URL (several nodes) needs DATABASE_URL (PostgreSQL) too',
    path: ['REDIS_URL'],
  });

/** Bad configuration: what is wrong with which variables. The server does not start. */
export class ConfigError extends Error {}

/** The configuration from the environment (`envSchema`) over `base`; throws `ConfigError` on bad values. */
export function configFromEnv(env: Record<string, string | undefined>, base: Config = defaultConfig): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  return {
    port: e.PORT ?? base.port,
    host: e.HOST ?? base.host,
    dataDir: e.DATA_DIR ?? base.dataDir,
    databaseUrl: e.DATABASE_URL ?? base.databaseUrl,
    databaseTimeoutMs: e.DATABASE_TIMEOUT_MS ?? base.databaseTimeoutMs,
    redisUrl: e.REDIS_URL ?? base.redisUrl,
    nodeUrl: e.NODE_URL ?? base.nodeUrl,
    clusterName: e.CLUSTER_NAME ?? base.clusterName,
    leaseMs: e.LEASE_MS ?? base.leaseMs,
    drainMs: e.DRAIN_MS ?? base.drainMs,
    allowedOrigins: e.ALLOWED_ORIGINS ?? base.allowedOrigins,
    publicUrl: e.PUBLIC_URL ?? base.publicUrl,
    clientDist: e.CLIENT_DIST ?? base.clientDist,
    scenariosDir: e.SCENARIOS_DIR ?? base.scenariosDir,
    allowedHosts: e.ALLOWED_HOSTS ?? base.allowedHosts,
    trustProxy: e.TRUST_PROXY ?? base.trustProxy,
    recoveryWindowMs: e.RECOVERY_WINDOW_MS ?? base.recoveryWindowMs,
    logWriter: e.LOG_WRITER ?? base.logWriter,
    commitIntervalMs: e.COMMIT_INTERVAL_MS ?? base.commitIntervalMs,
    idleSweepMs: e.IDLE_SWEEP_MS ?? base.idleSweepMs,
    logLevel: e.LOG_LEVEL ?? base.logLevel,
    limits: base.limits,
  };
}
