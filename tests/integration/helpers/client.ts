import { io, type Socket } from 'socket.io-client';
import type { View } from '@arsenal/shared';
import {
  decodeUpdate,
  receiveUpdate,
  SYNC_RETRY,
  syncRetryable,
  syncRetryPause,
  type ClientToServerEvents,
  type CommandAck,
  type CommandPayload,
  type ServerToClientEvents,
  type SyncAck,
  type SyncResult,
  type VersionedView,
} from '@arsenal/shared/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A command as a client writes it (defaults may be left out). */
export type CommandInput = CommandPayload['command'];

/** The same socket without the contract's types: for tests that send what no honest client would. */
export interface LooseSocket {
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  emit(event: string, ...args: unknown[]): void;
}

let counter = 0;
export const nextId = (prefix = 'c') => `${prefix}-${process.pid}-${++counter}`;

/**
 * One person at a seat: a real socket.io client that keeps its view up to date from `update` patches,
 * resyncs on a gap, and records every byte it receives (events, acks, connection errors).
 */
export class SeatClient {
  readonly received: string[] = [];
  current: VersionedView<View> | null = null;
  sync: SyncResult | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: ClientSocket) {
    // Every packet the connection decodes, acks included, even those socket.io would drop or buffer
    // (e.g. packets written before a refused handshake): what crossed the wire, not what was handled.
    socket.io.on('packet', (packet) => this.received.push(JSON.stringify(packet)));
    socket.on('connect_error', (err) =>
      this.received.push(JSON.stringify(['connect_error', err.message, (err as { data?: unknown }).data])),
    );
    socket.on('update', (text) => {
      const u = decodeUpdate(text);
      if (!u) return this.resyncQuietly();
      const outcome = receiveUpdate(this.current, u);
      if (outcome.kind === 'apply') {
        this.current = outcome.next;
        this.notify();
      } else if (outcome.kind === 'gap') this.resyncQuietly();
    });
    socket.on('connect', () => {
      if (!socket.recovered) this.resyncQuietly();
    });
  }

  /**
   * Connects with a seat token and waits for the first full view. Behind a load balancer, long-polling
   * needs `withCredentials` (the client keeps the balancer's sticky cookie, as a browser does).
   */
  static async connect(
    url: string,
    token: string,
    opts: { transports?: string[]; withCredentials?: boolean; extraHeaders?: Record<string, string> } = {},
  ): Promise<SeatClient> {
    const socket: ClientSocket = io(url, {
      auth: { token },
      transports: opts.transports ?? ['websocket'],
      withCredentials: opts.withCredentials ?? false,
      ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {}),
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
    const client = new SeatClient(socket);
    await client.until(() => client.current !== null, 'first view');
    return client;
  }

  get loose(): LooseSocket {
    return this.socket as unknown as LooseSocket;
  }

  get view(): View {
    if (!this.current) throw new Error('no view yet');
    return this.current.view;
  }

  get version(): number {
    return this.current?.version ?? 0;
  }

  async resync(): Promise<SyncAck> {
    const res = await this.socket.timeout(10_000).emitWithAck('sync', {});
    this.received.push(JSON.stringify(['ack:sync', res]));
    if (res.ok) {
      this.sync = res;
      if (!this.current || res.version >= this.current.version)
        this.current = { version: res.version, view: res.view };
      this.notify();
    }
    return res;
  }

  /** A resync started by an event: a connection lost meanwhile is not an error (the next connect retries). */
  private resyncQuietly(): void {
    void (async () => {
      // as the app's client does: a busy answer (the exercise's owner being settled) is asked again
      for (let attempt = 0; attempt < SYNC_RETRY.attempts && this.socket.connected; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, syncRetryPause(attempt)));
        const res = await this.resync().catch(() => null);
        if (res && (res.ok || !syncRetryable(res.code))) return;
      }
    })();
  }

  /** Sends a command against the current view version; resolves with the ack. */
  async send(
    command: CommandInput,
    opts: { id?: string; expectedVersion?: number; timeoutMs?: number } = {},
  ): Promise<CommandAck> {
    const payload = {
      id: opts.id ?? nextId(),
      expectedVersion: opts.expectedVersion ?? this.version,
      command,
    };
    const ack = await this.socket.timeout(opts.timeoutMs ?? 20_000).emitWithAck('command', payload);
    this.received.push(JSON.stringify(['ack:command', ack]));
    return ack;
  }

  /** Like send, but a conflict is answered the way a person would: look again (resync) and resend. */
  async sendFresh(command: CommandInput): Promise<CommandAck> {
    for (let attempt = 0; ; attempt++) {
      const ack = await this.send(command);
      if (ack.ok || ack.code !== 'session/conflict' || attempt > 20) return ack;
      await this.resync();
    }
  }

  /** Resolves once `pred` holds for this client's state (checked at each update). */
  until(pred: () => boolean, what = 'condition', timeoutMs = 30_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}
