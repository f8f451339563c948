import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { ErrorCode, type AckError } from '../shared.ts';
import { HttpFailure } from '../http/failure.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { SocketData } from '../realtime/socket-data.ts';
import type { Ownership, SessionManager } from '../sessions/manager.ts';
import { PgError } from '../store/pg-bridge.ts';
import type { ExerciseWrite } from '../store/store.ts';
import { PartialWrite, type LogWriter } from '../store/writer.ts';
import { Bus, BusGone } from './bus.ts';
import { Leases, type Claim, type Owner } from './leases.ts';
import { PresenceShare } from './presence.ts';

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

/** Orphans listed per scan (a node takes at most its fair share of them, one at a time). */
const SCAN_LIMIT = 200;
/** How long a forwarded event waits for the owner; the client's own ack timeout is longer. */
const FORWARD_TIMEOUT_MS = 5000;
/** Marks a request forwarded by another node: it is answered here, never forwarded again. */
const FORWARDED_HEADER = 'x-arsenal-forwarded-by';

/** PostgreSQL's error code when a batch's fence finds a lease gone (`lease_holds`). */
const LEASE_LOST = 'AR002';

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
  /** Who is connected to which node, summed for the facilitator's panel (`realtime/presence.ts`). */
  readonly presence: PresenceShare;
  private readonly held = new Map<string, { token: number; until: number }>();
  private readonly owners = new Map<string, { owner: Owner | null; at: number }>();
  private sessions: SessionManager | null = null;
  private handler: ((f: Forwarded) => Promise<unknown>) | null = null;
  /** Owners being looked up again in the background (their cached entry is stale). */
  private readonly refreshing = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private takingOver = false;
  /** Told to stop: not ready, and takes no exercise; those it runs go on until `stopping`. */
  private draining = false;
  /** Its sessions are closing: forwarded events are refused as busy. */
  private closing = false;
  /** How long a looked-up owner is used before it is looked up again (in the background). */
  private readonly ownerStaleMs: number;

  private constructor(
    private readonly opts: ClusterOptions,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    this.leases = new Leases(opts.databaseUrl, { node: this.node, url: '' }, opts.leaseMs);
    this.bus = new Bus(pub, sub, `${opts.name}:node:${this.node}`, (body) => this.onForwarded(body));
    this.ownerStaleMs = Math.max(1000, Math.floor(opts.leaseMs / 3));
    const beatMs = Math.max(100, Math.floor(opts.leaseMs / 3));
    this.presence = new PresenceShare(pub, sub, `${opts.name}:presence`, this.node, beatMs);
    // Redis came back: what the other nodes said meanwhile was lost.
    sub.on('ready', () => this.presence.reconnected());
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
    await this.presence.start();
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.opts.leaseMs / 3)));
    this.opts.logger.info('cluster node started', { node: this.node, url: this.url });
  }

  /** Ready for new connections: started, not draining, Redis connected. */
  ready(): boolean {
    return this.url !== '' && !this.draining && this.pub.isReady && this.sub.isReady;
  }

  /**
   * Whether this node runs the exercise, taking its lease if nobody holds it. Asked on every event for
   * an exercise that is not loaded here, so an owner known elsewhere is answered from memory (looked up
   * again in the background once stale, and forgotten as soon as it fails to answer a forward): the
   * event loop waits for PostgreSQL only for an exercise whose owner is not known.
   */
  claim(exerciseId: string): boolean {
    if (this.draining || this.url === '') return false;
    const h = this.held.get(exerciseId);
    if (h && h.until > performance.now()) return true;
    const cached = this.owners.get(exerciseId);
    if (cached?.owner && cached.owner.node !== this.node) {
      if (performance.now() - cached.at > this.ownerStaleMs) this.refresh(exerciseId);
      return false;
    }
    const asked = performance.now();
    try {
      return this.claimed(exerciseId, asked, this.leases.claim(exerciseId));
    } catch (err) {
      this.opts.logger.warn('lease could not be claimed', { exercise: exerciseId, ...errorFields(err) });
      return false;
    }
  }

  /** Records a claim's outcome: held from `asked` on, or who holds it. */
  private claimed(exerciseId: string, asked: number, claim: Claim): boolean {
    if (claim.token === null) {
      this.owners.set(exerciseId, { owner: claim.owner, at: performance.now() });
      return false;
    }
    this.held.set(exerciseId, { token: claim.token, until: asked + this.opts.leaseMs });
    this.owners.set(exerciseId, { owner: { node: this.node, url: this.url }, at: asked });
    this.opts.logger.info('lease taken', { exercise: exerciseId, token: claim.token });
    return true;
  }

  /** Claims without blocking; loads the exercise here if the lease was free (its owner died or left). */
  private async claimAsync(exerciseId: string): Promise<boolean> {
    if (this.draining) return false;
    const asked = performance.now();
    let claim: Claim;
    try {
      claim = await this.leases.claimAsync(exerciseId);
    } catch (err) {
      this.opts.logger.warn('lease could not be claimed', { exercise: exerciseId, ...errorFields(err) });
      return false;
    }
    if (this.draining && claim.token !== null) {
      void this.leases.release([claim.token]).catch(() => undefined);
      return false;
    }
    if (!this.claimed(exerciseId, asked, claim)) return false;
    if (!this.sessions?.get(exerciseId)) {
      // It could not be rebuilt (kept offline): nobody else should try either, so the lease stays.
      this.opts.logger.warn('a leased exercise could not be loaded', { exercise: exerciseId });
    }
    return true;
  }

  /** Looks a stale owner up again in the background (and takes the lease if it lapsed). */
  private refresh(exerciseId: string): void {
    if (this.refreshing.has(exerciseId)) return;
    this.refreshing.add(exerciseId);
    void this.claimAsync(exerciseId).finally(() => this.refreshing.delete(exerciseId));
  }

  released(exerciseId: string): void {
    const h = this.held.get(exerciseId);
    this.held.delete(exerciseId);
    this.owners.delete(exerciseId);
    // let go while dormant (or not loadable now): free, but left to the next event rather than a scan
    if (h) void this.leases.letGo([h.token]).catch(() => undefined);
  }

  /**
   * The writer, with each write fenced by the token of the lease it is written under. A batch that
   * PostgreSQL refuses because some of its exercises' leases moved is stored again without them: the
   * exercises this node still holds are not held back by one it lost (which it lets go of).
   */
  fence(writer: LogWriter): LogWriter {
    return {
      write: async (writes) => {
        // An exercise not held at all gets a token no lease has: PostgreSQL refuses its writes.
        const fenced = writes.map((w) => ({ ...w, fence: this.held.get(w.exerciseId)?.token ?? -1 }));
        try {
          await writer.write(fenced);
        } catch (err) {
          if (!(err instanceof PgError && err.code === LEASE_LOST) || fenced.length < 2) throw err;
          await this.writeHeld(writer, fenced, err);
        }
      },
      close: () => writer.close(),
    };
  }

  private async writeHeld(writer: LogWriter, fenced: ExerciseWrite[], err: PgError): Promise<never> {
    const holding = await this.leases.holding(fenced.map((w) => [w.exerciseId, w.fence ?? -1]));
    const refused = new Map<string, Error>();
    for (const w of fenced) if (!holding.has(w.exerciseId)) refused.set(w.exerciseId, err);
    if (!refused.size) throw err;
    const kept = fenced.filter((w) => holding.has(w.exerciseId));
    if (kept.length) await writer.write(kept);
    for (const id of refused.keys()) if (this.held.has(id)) this.lose(id);
    throw new PartialWrite(refused);
  }

  /** The exercise's live owner: from memory when known (see `claim`), else looked up. */
  ownerOf(exerciseId: string): Owner | null {
    if (this.held.has(exerciseId)) return { node: this.node, url: this.url };
    const cached = this.owners.get(exerciseId);
    if (cached?.owner) {
      if (performance.now() - cached.at > this.ownerStaleMs) this.refresh(exerciseId);
      return cached.owner;
    }
    let owner: Owner | null = null;
    try {
      owner = this.leases.owner(exerciseId);
    } catch (err) {
      this.opts.logger.warn('lease could not be read', { exercise: exerciseId, ...errorFields(err) });
    }
    this.owners.set(exerciseId, { owner, at: performance.now() });
    return owner;
  }

  /**
   * Answers a socket's event for an exercise not loaded here: sent to its owner, whose answer comes
   * back; or, when no live node holds its lease, run here after taking the lease (without blocking).
   */
  async forward(f: Forwarded): Promise<unknown> {
    const id = f.data.exerciseId;
    let owner = this.known(id);
    if (!owner) {
      await this.claimAsync(id);
      owner = this.known(id);
    }
    // This node holds the lease (its load is under way, as right after a takeover scan or a claim that
    // raced this socket's handshake): answered here once loaded, not refused as busy.
    if ((this.held.has(id) || owner?.node === this.node) && this.handler) return this.handler(f);
    if (!owner || owner.node === this.node)
      return busy('The exercise is being taken over by another server; try again in a few seconds.');
    let answer: unknown;
    try {
      answer = await this.bus.request(`${this.opts.name}:node:${owner.node}`, f, FORWARD_TIMEOUT_MS);
    } catch (err) {
      // Nobody listens on its channel: it is gone. Otherwise it is only slow: look again in the background.
      if (err instanceof BusGone) this.forget(id, owner);
      else this.refresh(id);
      this.opts.logger.warn('forwarded event not answered', { node: owner.node, ...errorFields(err) });
      return busy('The server running this exercise did not answer; try again.');
    }
    // The owner let it go (draining, or its lease moved): look the owner up afresh for the retry.
    if ((answer as AckError | null)?.code === ErrorCode.Busy) this.forget(id, owner);
    return answer;
  }

  /** The owner known from memory (stale entries are looked up again in the background), if any. */
  private known(exerciseId: string): Owner | null {
    const cached = this.owners.get(exerciseId);
    if (!cached?.owner) return null;
    if (performance.now() - cached.at > this.ownerStaleMs) this.refresh(exerciseId);
    return cached.owner;
  }

  /** Forgets a cached owner that failed to answer (the next event looks it up, or takes the lease). */
  private forget(exerciseId: string, owner: Owner): void {
    if (this.owners.get(exerciseId)?.owner?.node === owner.node) this.owners.delete(exerciseId);
  }

  private async onForwarded(body: unknown): Promise<unknown> {
    const f = body as Forwarded;
    if (this.closing || !this.handler || typeof f?.data?.exerciseId !== 'string')
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

  /**
   * Renews the leases held and lets go of the lost ones; then takes orphans over in the background,
   * so that renewals never wait behind a long takeover.
   */
  private async tick(): Promise<void> {
    if (this.ticking || !this.sessions) return;
    this.ticking = true;
    try {
      await this.renew();
    } finally {
      this.ticking = false;
    }
    if (!this.draining && !this.takingOver) {
      this.takingOver = true;
      void this.takeOver().finally(() => (this.takingOver = false));
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

  /**
   * Takes over orphaned exercises (their owner died, left, or they were never opened), at most this
   * node's fair share: the live leases plus the orphans, divided by the nodes holding leases (this
   * one included). Shares round up, so together the nodes always cover every orphan. One exercise at
   * a time, each rebuilt before the next is claimed, so the event loop keeps serving in between.
   */
  private async takeOver(): Promise<void> {
    let found;
    try {
      found = await this.leases.orphans(SCAN_LIMIT);
    } catch (err) {
      return this.opts.logger.warn('orphaned exercises could not be listed', errorFields(err));
    }
    const fair = Math.ceil((found.held + found.ids.length) / (found.others + 1));
    let room = fair - found.mine;
    for (const id of found.ids) {
      if (room <= 0 || this.draining) return;
      if (this.held.has(id)) continue;
      if (await this.claimAsync(id)) room--;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Stops answering as ready (the load balancer stops sending new clients) and taking exercises. The
   * exercises it runs go on meanwhile, their leases renewed and the events forwarded for them
   * answered, until `stopping`.
   */
  drain(): void {
    this.draining = true;
  }

  /**
   * Its sessions are about to close: forwarded events are refused as busy from now on (their senders
   * try again, and reach the next owner). The leases stay renewed until `close` gives them up.
   */
  stopping(): void {
    this.drain();
    this.closing = true;
  }

  /** Gives every lease up (after the sessions stored what they accepted) and disconnects. */
  async close(): Promise<void> {
    this.stopping();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.leases.release([...this.held.values()].map((h) => h.token)).catch(() => undefined);
    this.held.clear();
    this.bus.close();
    this.presence.close();
    this.leases.close();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
