import { io, type Socket } from 'socket.io-client';
import type {
  AckError,
  ClientToServerEvents,
  CommandAck,
  DraftCounts,
  MessagesAck,
  MessagesPayload,
  PresenceEntry,
  RevokeAck,
  RevokePayload,
  RotateCodeAck,
  RotateCodePayload,
  ViewAsAck,
  ViewAsPayload,
  ServerToClientEvents,
  SyncAck,
  ViewUpdate,
} from '@arsenal/shared/protocol';
import type { TimerDefaults } from '@arsenal/shared/protocol';
import type { Seat } from '@arsenal/shared/protocol';
import {
  decodeUpdate,
  receiveUpdate,
  SYNC_RETRY,
  syncRetryable,
  syncRetryPause,
} from '@arsenal/shared/protocol';
import { ErrorCode } from '@arsenal/shared';
import type { Command } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import { newCommandId } from './ids.ts';
import { mark } from './timings.ts';
import { whatChanged, type ViewChange } from './whatChanged.ts';

/**
 * The one socket of a page: handshake with the seat token, the seat's view kept current from `update`
 * patches (with a full `sync` on connect and after any gap), commands sent with an id and the version
 * they were decided on, and the link state the header always shows. Components never touch the socket:
 * `useExercise` subscribes to snapshots of this object.
 */

export type LinkState = 'connecting' | 'syncing' | 'live' | 'reconnecting' | 'offline' | 'denied';

export interface ExerciseSnapshot {
  link: LinkState;
  /** Why the link is denied or offline. */
  error: { code: string; message: string } | null;
  seat: Seat | null;
  version: number;
  view: View | null;
  presence: PresenceEntry[];
  /** Facilitator: unsent draft orders per team, as the teams' devices report them. */
  drafts: DraftCounts | null;
  timer: TimerDefaults | null;
  /** Times the link came back after a drop. */
  reconnects: number;
}

/** A command's outcome: the server's ack, or a client-side failure to get one. */
export type SendResult =
  CommandAck | { ok: false; code: 'client/offline' | 'client/timeout'; message: string } | ConflictResult;

/** A refusal because the view had moved on, with what changed in the seat's own view meanwhile. */
export type ConflictResult = Extract<CommandAck, { ok: false }> & { changes: ViewChange[] };

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionOptions {
  token: string;
  /** For tests: how to open the socket. */
  open?: (token: string) => ClientSocket;
  ackTimeoutMs?: number;
}

export const INITIAL: ExerciseSnapshot = {
  link: 'connecting',
  error: null,
  seat: null,
  version: 0,
  view: null,
  presence: [],
  drafts: null,
  timer: null,
  reconnects: 0,
};

const openSocket = (token: string): ClientSocket =>
  io({ auth: { token }, transports: ['websocket', 'polling'], reconnectionDelayMax: 4000 });

const AUTH_CODES = new Set<string>([ErrorCode.Unauthenticated, ErrorCode.Revoked, ErrorCode.NotFound]);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ExerciseConnection {
  private snap: ExerciseSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly socket: ClientSocket;
  private readonly ackTimeoutMs: number;
  private syncing: Promise<void> | null = null;
  private ackedVersion = 0;
  private everLive = false;
  private closed = false;
  /** This device's count of unsent draft orders, as last told to the server (a team seat). */
  private draftCount = 0;
  private draftMonth = 0;
  private draftTold = 0;

  constructor(opts: ConnectionOptions) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 8000;
    this.socket = (opts.open ?? openSocket)(opts.token);
    this.wire();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ExerciseSnapshot => this.snap;

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  /** Reconnect after the link went offline (the server closed it) or a revoked seat got a new token. */
  retry(): void {
    if (this.closed || this.socket.connected) return;
    this.set({ link: 'connecting', error: null });
    this.socket.connect();
  }

  /**
   * Sends a command decided on the current view. On a version conflict the view is resynced and, if
   * `recheck` says the command still makes sense on the new view, sent once more.
   */
  async send(command: Command, opts: { recheck?: (view: View) => boolean } = {}): Promise<SendResult> {
    const before = this.snap.view;
    const first = await this.emitCommand(command);
    if (first.ok || first.code !== ErrorCode.Conflict) return first;
    await this.resync();
    const view = this.snap.view;
    const refused = (): SendResult => ({
      ...first,
      changes: before && view ? whatChanged(before, view) : [],
    });
    if (!view || !opts.recheck?.(view)) return refused();
    const second = await this.emitCommand(command);
    return !second.ok && second.code === ErrorCode.Conflict ? refused() : second;
  }

  revoke(payload: RevokePayload): Promise<RevokeAck | SendResult> {
    return this.request('revoke', payload);
  }

  rotateCode(payload: RotateCodePayload): Promise<RotateCodeAck | SendResult> {
    return this.request('rotateCode', payload);
  }

  /** Facilitator: the current view of another seat, as the server computes it for that seat. */
  viewAs(payload: ViewAsPayload): Promise<ViewAsAck | SendResult> {
    return this.request('viewAs', payload);
  }

  /** A page of the messages older than the view carries (the server applies the view's visibility). */
  olderMessages(payload: MessagesPayload): Promise<MessagesAck | SendResult> {
    return this.request('messages', payload);
  }

  /**
   * A team seat: tells the server how many orders this device has changed and not sent (the count, not
   * the orders), when it changes and again after each sync (a server that lost the socket forgot it).
   */
  reportDrafts(count: number, month: number): void {
    this.draftCount = count;
    this.draftMonth = month;
    if (this.snap.link === 'live') this.tellDrafts();
  }

  private tellDrafts(force = false): void {
    const count = this.draftCount;
    if (force && this.snap.view?.month !== this.draftMonth) return; // a draft of a month gone by
    if (!force && count === this.draftTold) return;
    this.draftTold = count;
    this.socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck('draft', { count })
      .then((res) => {
        if (!res.ok && this.draftTold === count) this.draftTold = -1;
      })
      .catch(() => {
        if (this.draftTold === count) this.draftTold = -1;
      });
  }

  /** Asks for the full view again (after a gap, a conflict, or on demand). */
  resync(): Promise<void> {
    if (!this.syncing) this.syncing = this.doSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => {
      if (this.everLive) this.set({ reconnects: this.snap.reconnects + 1 });
      if (s.recovered && this.snap.view) {
        // socket.io replayed what was missed while away: the view is current.
        this.set({ link: 'live', error: null });
        if (this.draftCount > 0) this.tellDrafts(true);
        return;
      }
      this.set({ link: 'syncing', error: null });
      void this.resync();
    });
    s.on('disconnect', (reason) => {
      if (this.closed) return;
      if (this.snap.link === 'denied') return;
      if (reason === 'io server disconnect')
        return this.set({ link: 'offline', error: { code: 'client/closed', message: reason } });
      this.set({ link: 'reconnecting' });
    });
    s.on('connect_error', (err) => {
      const data = (err as Error & { data?: { code?: string } }).data;
      const code = data?.code;
      if (code && AUTH_CODES.has(code))
        return this.set({ link: 'denied', error: { code, message: err.message } });
      this.set({
        link: s.active ? 'reconnecting' : 'offline',
        error: { code: code ?? 'client/offline', message: err.message },
      });
    });
    s.on('update', (text) => {
      const update = decodeUpdate(text);
      if (update) this.receive(update);
      else void this.resync();
    });
    s.on('presence', (presence) => this.set({ presence }));
    s.on('drafts', (drafts) => this.set({ drafts }));
    s.on('revoked', (error: AckError) => this.set({ link: 'denied', error }));
  }

  private receive(update: ViewUpdate): void {
    mark('update', update.version);
    const current = this.snap.view ? { version: this.snap.version, view: this.snap.view } : null;
    const outcome = receiveUpdate<View>(current, update);
    if (outcome.kind === 'apply') this.set({ view: outcome.next.view, version: outcome.next.version });
    else if (outcome.kind === 'gap') void this.resync();
  }

  /**
   * Asks for the full view until it comes. A timeout or `server/busy` (the exercise's server is being
   * taken over, or did not answer a forwarded request) is retried with a growing pause, as long as the
   * socket is connected: giving up there would leave the seat without a view until the next update.
   */
  private async doSync(): Promise<void> {
    for (let attempt = 0; attempt < SYNC_RETRY.attempts && !this.closed; attempt++) {
      if (attempt > 0) await pause(syncRetryPause(attempt));
      if (!this.socket.connected || this.closed) return;
      let res: SyncAck;
      try {
        res = await this.socket.timeout(this.ackTimeoutMs).emitWithAck('sync', {});
      } catch {
        continue;
      }
      if (!res.ok) {
        if (syncRetryable(res.code)) {
          this.set({ error: res });
          continue;
        }
        if (AUTH_CODES.has(res.code)) this.set({ link: 'denied', error: res });
        return;
      }
      this.everLive = true;
      this.set({
        link: 'live',
        error: null,
        seat: res.seat,
        view: res.view,
        version: res.version,
        presence: res.presence ?? this.snap.presence,
        drafts: res.drafts ?? this.snap.drafts,
        timer: res.timer ?? this.snap.timer,
      });
      if (this.draftCount > 0 && res.seat.role === 'team') this.tellDrafts(true);
      return;
    }
  }

  private async emitCommand(command: Command): Promise<SendResult> {
    const payload = {
      id: newCommandId(),
      expectedVersion: Math.max(this.snap.version, this.ackedVersion),
      command,
    };
    for (let attempt = 0; attempt < 4; attempt++) {
      if (!(await this.whenLive())) return offline();
      try {
        // A retry carries the same id: the server answers it with the stored ack and stores nothing.
        const ack = await this.socket.timeout(this.ackTimeoutMs).emitWithAck('command', payload);
        if (ack.ok) {
          mark('ack', ack.seq);
          this.ackedVersion = Math.max(this.ackedVersion, ack.version);
        }
        return ack;
      } catch {
        continue;
      }
    }
    return { ok: false, code: 'client/timeout', message: 'The server did not answer in time.' };
  }

  private async request<E extends 'revoke' | 'rotateCode' | 'messages' | 'viewAs'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] | SendResult> {
    if (!(await this.whenLive())) return offline();
    try {
      // Called on the timed emitter itself: a detached `emitWithAck` loses its `this` and sends nothing.
      const timed = this.socket.timeout(this.ackTimeoutMs) as unknown as {
        emitWithAck(e: E, p: unknown): Promise<never>;
      };
      return await timed.emitWithAck(event, payload);
    } catch {
      return { ok: false, code: 'client/timeout', message: 'The server did not answer in time.' };
    }
  }

  /** Resolves true once the link is live, false if it is not within 15 s or is denied. */
  private whenLive(): Promise<boolean> {
    if (this.snap.link === 'live') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), 15_000);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        stop();
        resolve(ok);
      };
      const stop = this.subscribe(() => {
        if (this.snap.link === 'live') done(true);
        else if (this.snap.link === 'denied' || this.snap.link === 'offline') done(false);
      });
    });
  }

  private set(patch: Partial<ExerciseSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

const offline = (): SendResult => ({
  ok: false,
  code: 'client/offline',
  message: 'Not connected to the server.',
});
