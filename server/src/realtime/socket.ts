import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  commandPayload,
  draftPayload,
  ErrorCode,
  handshakeAuth,
  LIMITS,
  messagesBefore,
  messagesPayload,
  revokePayload,
  rotateCodePayload,
  seatFromKey,
  syncPayload,
  viewAsPayload,
  type Ack,
  type AckError,
  type Actor,
  type ClientToServerEvents,
  type SeatKey,
  type ServerToClientEvents,
  type EncodedViewUpdate,
} from '../shared.ts';
import type { Config } from '../config.ts';
import { errorFields, type Logger } from '../logger.ts';
import { originAllowed, originListed } from '../security/origin.ts';
import { RateLimiter } from '../security/rateLimit.ts';
import { secretHash } from '../security/secrets.ts';
import { retireJoinCode, rotateJoinCode, type LobbyDeps } from '../sessions/lobby.ts';
import { LoadFailure, type SessionManager } from '../sessions/manager.ts';
import type { Sender } from '../sessions/session.ts';
import type { Store } from '../store/store.ts';
import type { Cluster, Forwarded } from '../cluster/cluster.ts';
import { Drafts } from './drafts.ts';
import type { Presence } from './presence.ts';
import type { SocketData } from './socket-data.ts';
import { badPayloadAck, checkEvent, watchSizes, type EventGuard } from './guard.ts';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
/** Every event is answered through one of these: the ack callback, or `protocolError` without one. */
type Reply = (res: Ack<Record<string, unknown>>) => void;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps extends LobbyDeps {
  config: Config;
  logger: Logger;
  store: Store;
  sessions: SessionManager;
  presence: Presence;
  /** Several nodes: the Redis adapter, and the owner to forward to when an exercise runs elsewhere. */
  cluster?: Cluster | null;
}

export const roomOf = (exerciseId: string, seat: SeatKey) => `x:${exerciseId}:${seat}`;
/** Every socket of one seat token, on whichever node: revoking it closes them all. */
const tokenRoom = (tokenId: string) => `t:${tokenId}`;

const authError = (code: AckError['code'], message: string) =>
  Object.assign(new Error(message), { data: { code } });

/**
 * The socket.io side: handshake by seat token, one room per audience, every event parsed and answered
 * by an ack, view updates published per room.
 */
export class Realtime {
  readonly io: IoServer;
  private readonly presence: Presence;
  /** Unsent draft orders per team device: shown to the facilitator, like presence. */
  private readonly drafts = new Drafts();
  /** Tokens revoked while this process runs; earlier revocations are caught at the handshake. */
  private readonly revoked = new Set<string>();
  private readonly handshakes: RateLimiter;
  private readonly guard: EventGuard;

  constructor(
    httpServer: http.Server,
    private readonly deps: RealtimeDeps,
  ) {
    const { config } = deps;
    this.presence = deps.presence;
    // another node's sockets went with it: its owner tells the facilitators (on every node)
    this.presence.onRemoteChange((id) => {
      if (this.deps.sessions.loaded(id)) this.pushPresence(id);
    });
    // Drafts are kept where the exercise runs: a token gone from every node takes its count with it.
    this.presence.onTokenGone((id, tokenId) => {
      if (this.drafts.forget(id, tokenId)) this.pushDrafts(id, this.deps.sessions.loaded(id)?.month);
    });
    this.handshakes = new RateLimiter(config.limits.handshakeBurst, config.limits.handshakesPerSecond);
    const L = config.limits;
    this.guard = {
      limiter: new RateLimiter(L.eventBurst, L.eventsPerSecond),
      tokens: new RateLimiter(L.tokenEventBurst, L.tokenEventsPerSecond),
      exercises: new RateLimiter(L.exerciseEventBurst, L.exerciseEventsPerSecond),
      messages: new RateLimiter(L.messageBurst, L.messagesPerMinute / 60),
    };
    this.io = new Server(httpServer, {
      serveClient: false,
      // Above this the transport is closed outright; below it, oversized events are answered with an error.
      maxHttpBufferSize: 1_000_000,
      connectionStateRecovery: { maxDisconnectionDuration: config.recoveryWindowMs, skipMiddlewares: false },
      ...(deps.cluster ? { adapter: deps.cluster.adapter() } : {}),
      cors: {
        origin: (origin, cb) => cb(null, origin === undefined || originListed(origin, config.allowedOrigins)),
      },
      allowRequest: (req, cb) => {
        if (!originAllowed(req, config.allowedOrigins)) return cb('origin not allowed', false);
        cb(null, this.handshakes.take(req.socket.remoteAddress ?? 'unknown'));
      },
    });
    this.guardRecovery();
    this.io.use((socket, next) => void this.authenticate(socket, next));
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  /**
   * Publishes an encoded view update to the rooms of the given audiences: one packet, encoded once and
   * kept once for connection recovery, however many sockets and rooms receive it.
   */
  publish(exerciseId: string, seats: readonly SeatKey[], update: EncodedViewUpdate): void {
    this.io.to(seats.map((seat) => roomOf(exerciseId, seat))).emit('update', update);
  }

  /**
   * A month was adjudicated: the facilitator's review keeps the teams' unsent draft counts of now. Sent
   * as a lasting event, not a volatile one: it comes once a month, right behind the adjudication's ack,
   * and socket.io drops a volatile packet while the transport is still writing the one before.
   */
  adjudicated(exerciseId: string, month: number): void {
    this.drafts.adjudicated(exerciseId, month);
    this.io.to(roomOf(exerciseId, 'facilitator')).emit('drafts', this.drafts.counts(exerciseId, month));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.io.close(() => resolve()));
  }

  /**
   * socket.io replays missed packets while it builds the recovered socket, before any middleware runs.
   * So the handshake's token is checked where the socket is created: a recovery `pid` restores a
   * session only for a valid, unrevoked token that is the session's own (a stolen pid with no token,
   * or another seat's token, restores nothing and is sent nothing).
   */
  private guardRecovery(): void {
    const nsp = this.io.of('/') as unknown as {
      _createSocket(client: unknown, auth: Record<string, unknown>): Promise<unknown>;
    };
    const adapter = this.io.of('/').adapter;
    const restore = adapter.restoreSession.bind(adapter);
    let expected: string | null = null;
    adapter.restoreSession = (async (pid: string, offset: string) => {
      // read synchronously: `_createSocket` calls this before its first await
      const want = expected;
      expected = null;
      if (want === null) return null;
      const session = await restore(pid, offset);
      const data = session?.data as Partial<SocketData> | undefined;
      if (!session || data?.tokenId !== want || this.revoked.has(want)) return null;
      return session;
    }) as typeof adapter.restoreSession;
    const create = nsp._createSocket.bind(nsp);
    nsp._createSocket = (client, auth) => {
      expected = this.liveTokenId(auth);
      try {
        return create(client, auth);
      } finally {
        expected = null;
      }
    };
  }

  /** The id of the valid, unrevoked token a handshake names; null otherwise. */
  private liveTokenId(auth: unknown): string | null {
    const parsed = handshakeAuth.safeParse(auth);
    if (!parsed.success) return null;
    const token = this.deps.store.findToken(secretHash(parsed.data.token));
    return token && token.revokedAt === null && !this.revoked.has(token.id) ? token.id : null;
  }

  private async authenticate(socket: IoSocket, next: (err?: Error) => void): Promise<void> {
    try {
      const auth = handshakeAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(authError(ErrorCode.Unauthenticated, 'A seat token is needed.'));
      const token = this.deps.store.findToken(secretHash(auth.data.token));
      if (!token) return next(authError(ErrorCode.Unauthenticated, 'This seat token is not valid.'));
      if (token.revokedAt !== null || this.revoked.has(token.id))
        return next(authError(ErrorCode.Revoked, 'This seat was revoked by the facilitator.'));
      if (socket.recovered && socket.data.tokenId !== token.id)
        return next(authError(ErrorCode.Unauthenticated, 'This connection belongs to another seat.'));
      const open = this.io.of('/').adapter.rooms.get(tokenRoom(token.id))?.size ?? 0;
      if (open >= this.deps.config.limits.socketsPerToken)
        return next(authError(ErrorCode.RateLimited, 'Too many connections with this seat token.'));
      // Loaded off the event loop if it was not (its log folded on a worker); the handshake waits.
      const session = await this.deps.sessions.open(token.exerciseId).catch((err: unknown) => {
        if (err instanceof LoadFailure) return null;
        throw err;
      });
      if (session === null) return next(authError(ErrorCode.Busy, 'The server is busy; try again.'));
      if (!session && !this.deps.cluster?.ownerOf(token.exerciseId))
        return next(authError(ErrorCode.NotFound, 'This exercise is not available.'));
      socket.data = { exerciseId: token.exerciseId, tokenId: token.id, seat: token.seat };
      next();
    } catch (err) {
      this.deps.logger.error('handshake failed', errorFields(err));
      next(authError(ErrorCode.Internal, 'The server could not check this seat.'));
    }
  }

  private onConnection(socket: IoSocket): void {
    const { exerciseId, tokenId, seat } = socket.data;
    // With several nodes the exercise may run on another node, which publishes to these rooms.
    const session = this.deps.sessions.get(exerciseId);
    if (!session && !this.deps.cluster) return void socket.disconnect(true);
    if (!socket.recovered) void socket.join([roomOf(exerciseId, seat), tokenRoom(tokenId)]);
    session?.subscribe(seat);
    this.presence.connected(exerciseId, tokenId);
    this.pushPresence(exerciseId);

    const sizes = watchSizes(socket.conn);
    socket.use((packet) => this.onEvent(socket, packet, sizes.take()));
    socket.on('disconnect', () => {
      sizes.stop();
      session?.unsubscribe(seat);
      this.presence.disconnected(exerciseId, tokenId);
      this.pushPresence(exerciseId);
    });
  }

  /** Every client event lands here; none reaches a listener unchecked. */
  private onEvent(socket: IoSocket, packet: unknown[], bytes: number): void {
    const [event, ...args] = packet;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (res: unknown) => void) : null;
    const name = typeof event === 'string' ? event.slice(0, 40) : '?';
    const reply: Reply = (res) => {
      if (ack) ack(res);
      else if (!res.ok) socket.volatile.emit('protocolError', { ...(res as AckError), event: name });
    };
    try {
      const { tokenId, exerciseId } = socket.data;
      const refused = checkEvent(
        this.guard,
        { socketId: socket.id, tokenId, exerciseId },
        event,
        args,
        bytes,
      );
      if (refused) return reply(refused);
      if (this.revoked.has(socket.data.tokenId)) {
        reply({ ok: false, code: ErrorCode.Revoked, message: 'This seat was revoked by the facilitator.' });
        return void socket.disconnect(true);
      }
      this.dispatch(socket.data, name, args[0], reply);
    } catch (err) {
      this.deps.logger.error('event failed', { event: name, ...errorFields(err) });
      reply({ ok: false, code: ErrorCode.Internal, message: 'The server could not process this event.' });
    }
  }

  /**
   * An event forwarded by another node for an exercise this node runs, answered as if its socket were
   * here (that node authenticated the socket and checked the event's limits).
   */
  async answerForwarded({ data, event, payload }: Forwarded): Promise<unknown> {
    if (!(await this.deps.sessions.open(data.exerciseId).catch(() => undefined)))
      return {
        ok: false,
        code: ErrorCode.Busy,
        message: 'The exercise moved to another server; try again.',
      } satisfies AckError;
    return new Promise((resolve) => {
      try {
        this.dispatch(data, event, payload, resolve, false);
      } catch (err) {
        this.deps.logger.error('forwarded event failed', { event, ...errorFields(err) });
        resolve({ ok: false, code: ErrorCode.Internal, message: 'The server could not process this event.' });
      }
    });
  }

  private dispatch(data: SocketData, event: string, payload: unknown, reply: Reply, forward = true): void {
    const { exerciseId, seat, tokenId } = data;
    // Several nodes: an exercise not loaded here is the cluster's to route, without blocking.
    const cluster = forward ? this.deps.cluster : null;
    const session = cluster ? this.deps.sessions.loaded(exerciseId) : this.deps.sessions.get(exerciseId);
    if (!session && cluster)
      return void cluster.forward({ data, event, payload }).then((res) => reply(res as Parameters<Reply>[0]));
    if (!session)
      return reply({ ok: false, code: ErrorCode.NotFound, message: 'This exercise is not available.' });
    switch (event) {
      case 'command': {
        const parsed = commandPayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const { id, expectedVersion, command } = parsed.data;
        return session.submit(senderOf(seat, tokenId), id, command, expectedVersion, reply);
      }
      case 'sync': {
        const parsed = syncPayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const { version, view } = session.viewOf(seat);
        const facilitator = seat === 'facilitator';
        return reply({
          ok: true,
          exerciseId,
          seat: seatFromKey(seat),
          version,
          seq: session.lastSeq,
          view,
          ...(facilitator
            ? {
                presence: this.presence.entries(exerciseId),
                timer: session.record.timer,
                drafts: this.drafts.counts(exerciseId, session.month),
              }
            : {}),
        });
      }
      case 'messages': {
        const parsed = messagesPayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const { before, limit = LIMITS.messagePage } = parsed.data;
        const page = messagesBefore(session.current(), seatFromKey(seat), before, limit);
        return reply({ ok: true, ...page });
      }
      case 'revoke': {
        if (seat !== 'facilitator') return reply(forbidden());
        const parsed = revokePayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const which = parsed.data;
        if (
          ('seat' in which && which.seat === 'facilitator') ||
          ('tokenId' in which && which.tokenId === tokenId)
        )
          return reply({
            ok: false,
            code: ErrorCode.Forbidden,
            message: 'The facilitator cannot revoke their own seat.',
          });
        const now = this.deps.clock.now();
        const seatOf =
          'seat' in which
            ? which.seat
            : this.deps.store.listTokens(exerciseId).find((t) => t.id === which.tokenId)?.seat;
        const ids = this.deps.store.revokeTokens(exerciseId, which, now);
        for (const id of ids) this.cut(id);
        // The code the revoked player holds must not let them straight back in: it is retired (the
        // facilitator hands out a new one with rotateCode).
        if (seatOf && seatOf !== 'facilitator') retireJoinCode(this.deps, exerciseId, seatOf);
        reply({ ok: true, revoked: ids.length });
        return this.pushPresence(exerciseId);
      }
      case 'rotateCode': {
        if (seat !== 'facilitator') return reply(forbidden());
        const parsed = rotateCodePayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const target = parsed.data.seat;
        if (!otherSeat(session.scenario, target)) return reply(noSuchSeat());
        return reply({ ok: true, seat: target, code: rotateJoinCode(this.deps, exerciseId, target) });
      }
      case 'viewAs': {
        if (seat !== 'facilitator') return reply(forbidden());
        const parsed = viewAsPayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const target = parsed.data.seat;
        if (!otherSeat(session.scenario, target)) return reply(noSuchSeat());
        // the very view (and version) that seat's own sockets hold: one view function, one cache
        return reply({ ok: true, seat: target, ...session.viewOf(target) });
      }
      case 'draft': {
        if (!seat.startsWith('team:'))
          return reply({ ok: false, code: ErrorCode.Forbidden, message: 'Only a team has draft orders.' });
        const parsed = draftPayload.safeParse(payload);
        if (!parsed.success) return reply(badPayloadAck(parsed.error));
        const team = seat.slice('team:'.length);
        const { month } = session;
        if (this.drafts.report(exerciseId, tokenId, { team, month, count: parsed.data.count }))
          this.pushDrafts(exerciseId, month);
        return reply({ ok: true });
      }
    }
  }

  /**
   * Closes every socket of a revoked token, on every node; their reconnects are refused at the
   * handshake (the token is revoked in the store).
   */
  private cut(tokenId: string): void {
    this.revoked.add(tokenId);
    const room = tokenRoom(tokenId);
    this.io.to(room).emit('revoked', {
      ok: false,
      code: ErrorCode.Revoked,
      message: 'This seat was revoked by the facilitator.',
    });
    this.io.in(room).disconnectSockets(true);
  }

  /** The facilitator's count of unsent drafts per team (nothing of it reaches another seat). */
  private pushDrafts(exerciseId: string, month: number | undefined): void {
    if (month === undefined) return;
    this.io.to(roomOf(exerciseId, 'facilitator')).emit('drafts', this.drafts.counts(exerciseId, month));
  }

  private pushPresence(exerciseId: string): void {
    this.io.to(roomOf(exerciseId, 'facilitator')).emit('presence', this.presence.entries(exerciseId));
  }
}

/** Command ids are scoped by token: two people sharing a seat may pick the same id without clashing. */
function senderOf(seat: SeatKey, tokenId: string): Sender {
  const actor: Actor = seatFromKey(seat);
  return { actor, key: `${seat}/${tokenId}`, seat };
}

/** A seat of this exercise other than the facilitator's: one of its teams, the observer or the display. */
function otherSeat(scenario: { teams: readonly { id: string }[] }, target: SeatKey): boolean {
  return target.startsWith('team:')
    ? scenario.teams.some((t) => `team:${t.id}` === target)
    : target !== 'facilitator';
}

const noSuchSeat = (): AckError => ({
  ok: false,
  code: ErrorCode.UnknownTeam,
  message: 'No such seat.',
  path: 'seat',
});

const forbidden = (): AckError => ({
  ok: false,
  code: ErrorCode.Forbidden,
  message: 'Only the facilitator may do this.',
});
