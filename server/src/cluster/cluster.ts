import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { ErrorCode, type AckError } from '../shared.ts';
import { HttpFailure } from '../http/failure.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { SocketData } from '../realtime/socket.ts';
import type { Ownership, SessionManager } from '../sessions/manager.ts';
import type { LogWriter } from '../store/writer.ts';
import { Bus } from './bus.ts';
import { Leases, type Owner } from './leases.ts';

type Redis = ReturnType<typeof createClient>;

export interface ClusterOptions {
  redisUrl: string;
  databaseUrl: string;
  /** How long a lease lasts without renewal (ms): the longest an exercise waits for a new owner. */
  leaseMs: number;
  /** This node's own address for the others (HTTP requests forwarded to it); else `http://host:port`. */
  nodeUrl: string | null;
  /** Prefix of the Redis keys and channels. */
  name: string;
  logger: Logger;
}

/** A socket's event, sent by the node the socket is connected to, to the exercise's owner. */
export interface Forwarded {
  data: SocketData;
  event: string;
  payload: unknown;
}

/** Exercises taken over per scan: a node that restarts with many orphans does not stall for all of them. */
const SCAN_LIMIT = 200;
/** How long a forwarded event waits for the owner; the client's own ack timeout is longer. */
const FORWARD_TIMEOUT_MS = 5000;
/** How long a looked-up owner is trusted before it is looked up again. */
const OWNER_CACHE_MS = 1000;
/** Marks a request forwarded by another node: it is answered here, never forwarded again. */
const FORWARDED_HEADER = 'x-arsenal-forwarded-by';

const busy = (message: string): AckError => ({ ok: false, code: ErrorCode.Busy, message });

/**
 * One node of several (`REDIS_URL`). Exercises are owned through leases in PostgreSQL (`leases.ts`):
 * this node runs the sessions whose lease it holds, renews them every third of the lease, lets go of
 * any it lost, and takes over the unfinished exercises whose lease expired (their owner died). Log
 * batches carry the lease token (`fence`), so a node that lost a lease cannot append however late it
 * notices. Broadcasts and connection-state recovery go through the socket.io Redis Streams adapter;
 * socket events and HTTP requests for an exercise owned elsewhere are forwarded to its owner.
 */
export class Cluster implements Ownership {
  readonly node = randomUUID();
  private url = '';
  private readonly leases: Leases;
  private readonly bus: Bus;
  private readonly held = new Map<string, { token: number; until: number }>();
  private readonly owners = new Map<string, { owner: Owner | null; at: number }>();
  private sessions: SessionManager | null = null;
  private handler: ((f: Forwarded) => Promise<unknown>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private draining = false;

  private constructor(
    private readonly opts: ClusterOptions,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    this.leases = new Leases(opts.databaseUrl, { node: this.node, url: '' }, opts.leaseMs);
    this.bus = new Bus(pub, sub, `${opts.name}:node:${this.node}`, (body) => this.onForwarded(body));
  }

  /** Connects to Redis (the adapter's client, and a subscriber for forwarded events). */
  static async connect(opts: ClusterOptions): Promise<Cluster> {
    const onError = (err: unknown) => opts.logger.warn('redis', errorFields(err));
    const pub: Redis = createClient({ url: opts.redisUrl });
    pub.on('error', onError);
    const sub = pub.duplicate();
    sub.on('error', onError);
    await Promise.all([pub.connect(), sub.connect()]);
    return new Cluster(opts, pub, sub);
  }

  /** The socket.io adapter: every broadcast and every recovered session goes through Redis Streams. */
  adapter(): ReturnType<typeof createAdapter> {
    const prefix = `${this.opts.name}:sio`;
    return createAdapter(this.pub, {
      streamName: prefix,
      channelPrefix: prefix,
      sessionKeyPrefix: `${prefix}:session:`,
      maxLen: 100_000,
      onlyPlaintext: true,
    });
  }

  /** The sessions this node runs, and who answers the events forwarded to it. */
  attach(sessions: SessionManager, handler: (f: Forwarded) => Promise<unknown>): void {
    this.sessions = sessions;
    this.handler = handler;
  }

  /** Starts answering forwarded events, taking over orphaned exercises and renewing leases. */
  async start(port: number, host: string): Promise<void> {
    this.url = this.opts.nodeUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    this.leases.setUrl(this.url);
    await this.bus.start();
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.opts.leaseMs / 3)));
    this.opts.logger.info('cluster node started', { node: this.node, url: this.url });
  }

  /** Ready for new connections: started, not draining, Redis connected. */
  ready(): boolean {
    return this.url !== '' && !this.draining && this.pub.isReady && this.sub.isReady;
  }

  claim(exerciseId: string): boolean {
    if (this.draining || this.url === '') return false;
    const h = this.held.get(exerciseId);
    if (h && h.until > performance.now()) return true;
    const asked = performance.now();
    let token: number | null;
    try {
      token = this.leases.claim(exerciseId);
    } catch (err) {
      this.opts.logger.warn('lease could not be claimed', { exercise: exerciseId, ...errorFields(err) });
      return false;
    }
    if (token === null) return false;
    this.held.set(exerciseId, { token, until: asked + this.opts.leaseMs });
    this.owners.set(exerciseId, { owner: { node: this.node, url: this.url }, at: asked });
    this.opts.logger.info('lease taken', { exercise: exerciseId, token });
    return true;
  }

  released(exerciseId: string): void {
    const h = this.held.get(exerciseId);
    this.held.delete(exerciseId);
    this.owners.delete(exerciseId);
    if (h) void this.leases.release([h.token]).catch(() => undefined);
  }

  /** The writer, with each write fenced by the token of the lease it is written under. */
  fence(writer: LogWriter): LogWriter {
    return {
      // An exercise not held at all gets a token no lease has: PostgreSQL refuses the batch.
      write: (writes) =>
        writer.write(writes.map((w) => ({ ...w, fence: this.held.get(w.exerciseId)?.token ?? -1 }))),
      close: () => writer.close(),
    };
  }

  /** The exercise's live owner (looked up at most once a second). */
  ownerOf(exerciseId: string): Owner | null {
    const cached = this.owners.get(exerciseId);
    if (cached && performance.now() - cached.at < OWNER_CACHE_MS) return cached.owner;
    let owner: Owner | null = null;
    try {
      owner = this.leases.owner(exerciseId);
    } catch (err) {
      this.opts.logger.warn('lease could not be read', { exercise: exerciseId, ...errorFields(err) });
    }
    this.owners.set(exerciseId, { owner, at: performance.now() });
    return owner;
  }

  /** Sends a socket's event to the exercise's owner; its answer, or a refusal to retry. */
  async forward(f: Forwarded): Promise<unknown> {
    const owner = this.ownerOf(f.data.exerciseId);
    if (!owner || owner.node === this.node)
      return busy('The exercise is being taken over by another server; try again in a few seconds.');
    try {
      return await this.bus.request(`${this.opts.name}:node:${owner.node}`, f, FORWARD_TIMEOUT_MS);
    } catch (err) {
      this.owners.delete(f.data.exerciseId);
      this.opts.logger.warn('forwarded event not answered', { node: owner.node, ...errorFields(err) });
      return busy('The server running this exercise did not answer; try again.');
    }
  }

  private async onForwarded(body: unknown): Promise<unknown> {
    const f = body as Forwarded;
    if (this.draining || !this.handler || typeof f?.data?.exerciseId !== 'string')
      return busy('This server is stopping; try again.');
    return this.handler(f);
  }

  /**
   * Express middleware for `/api`: a request about an exercise another node owns is passed to that
   * node as it came (its own credentials are checked there).
   */
  http = (req: Request, res: Response, next: NextFunction): void => {
    const match = /^\/exercises\/([^/]+)/.exec(req.path);
    if (!match || !this.sessions || req.headers[FORWARDED_HEADER]) return next();
    const id = decodeURIComponent(match[1]!);
    if (this.sessions.get(id)) return next();
    const owner = this.ownerOf(id);
    if (!owner || owner.node === this.node) return next();
    const upstream = http.request(
      new URL(req.originalUrl, owner.url),
      {
        method: req.method,
        headers: {
          ...req.headers,
          [FORWARDED_HEADER]: this.node,
          'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress]
            .filter(Boolean)
            .join(', '),
        },
        timeout: 30_000,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', (err) => {
      this.owners.delete(id);
      this.opts.logger.warn('forwarded request failed', { node: owner.node, ...errorFields(err) });
      if (res.headersSent) return void res.destroy();
      next(
        new HttpFailure(503, ErrorCode.Busy, 'The server running this exercise did not answer; try again.'),
      );
    });
    req.pipe(upstream);
  };

  /** Renews the leases held, lets go of the lost ones, takes over orphans. */
  private async tick(): Promise<void> {
    if (this.ticking || !this.sessions) return;
    this.ticking = true;
    try {
      await this.renew();
      if (!this.draining) await this.takeOver();
    } finally {
      this.ticking = false;
    }
  }

  private async renew(): Promise<void> {
    const asked = performance.now();
    const entries = [...this.held];
    let kept: Set<string> | null = null;
    try {
      kept = await this.leases.renew(entries.map(([, h]) => h.token));
    } catch (err) {
      this.opts.logger.warn('leases could not be renewed', errorFields(err));
    }
    for (const [id, h] of entries) {
      if (this.held.get(id) !== h) continue;
      if (kept?.has(id)) h.until = asked + this.opts.leaseMs;
      else if (kept || h.until <= performance.now()) this.lose(id);
    }
  }

  private lose(id: string): void {
    this.held.delete(id);
    this.owners.delete(id);
    this.sessions?.drop(id);
  }

  private async takeOver(): Promise<void> {
    let orphans: string[];
    try {
      orphans = await this.leases.orphans(SCAN_LIMIT);
    } catch (err) {
      return this.opts.logger.warn('orphaned exercises could not be listed', errorFields(err));
    }
    for (const id of orphans) if (!this.draining) this.sessions?.get(id);
  }

  /** Stops taking exercises and answering as ready (the load balancer stops sending new clients). */
  drain(): void {
    this.draining = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Gives every lease up (after the sessions stored what they accepted) and disconnects. */
  async close(): Promise<void> {
    this.drain();
    await this.leases.release([...this.held.values()].map((h) => h.token)).catch(() => undefined);
    this.held.clear();
    this.bus.close();
    this.leases.close();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
