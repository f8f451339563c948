import type { PubSub } from './bus.ts';

/** One node's open sockets of one token of one exercise: `[exerciseId, tokenId, count]`. */
export type Count = [string, string, number];

/** What the share needs of this node's presence: its own counts, and who to tell of others' changes. */
export interface PresenceSource {
  /** Every token with sockets open on this node, with their counts. */
  counts(): Count[];
  /** The other nodes' counts of these exercises changed without a socket of theirs saying so (a node died). */
  remoteChanged(exerciseIds: string[]): void;
  /** These tokens have no socket left on a node that had some (closed there, or the node died). */
  remoteGone(tokens: [exerciseId: string, tokenId: string][]): void;
}

type Message =
  /** Absolute counts of this node (0: gone), in the order its sockets came and went. */
  | { t: 'set'; node: string; counts: Count[] }
  /** Every count of this node (its answer to a hello), replacing what was known of it. */
  | { t: 'all'; node: string; counts: Count[] }
  /** A node started (or came back to Redis): every other node answers with `all`. */
  | { t: 'hello'; node: string }
  /** A node is alive; one not heard for `goneAfter` beats is taken for dead. */
  | { t: 'beat'; node: string };

interface Remote {
  heardAt: number;
  /** exercise → token → open sockets on that node */
  counts: Map<string, Map<string, number>>;
}

/** Beats missed before a node's sockets are forgotten. */
const GONE_AFTER_BEATS = 3;

/**
 * Presence across nodes: each node keeps a copy of the others' open sockets per token, so that the
 * facilitator's panel (read synchronously, `realtime/presence.ts`) shows the sum over the cluster. A
 * node publishes its absolute counts (not increments) on one Redis channel as its sockets come and go,
 * a few at a time per turn of the event loop, so a message lost or repeated never leaves a count wrong
 * for long; it beats every `beatMs`, and a node not heard from for three beats (killed, cut from
 * Redis) is forgotten. A node that starts, or whose subscriber reconnects after Redis came back, says
 * hello, and every other node answers with all of its counts.
 */
export class PresenceShare {
  private readonly remote = new Map<string, Remote>();
  private source: PresenceSource | null = null;
  private pending = new Map<string, Count>();
  private flushing: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    private readonly pub: PubSub,
    private readonly sub: PubSub,
    private readonly channel: string,
    private readonly node: string,
    private readonly beatMs: number,
  ) {}

  attach(source: PresenceSource): void {
    this.source = source;
  }

  async start(): Promise<void> {
    await this.sub.subscribe(this.channel, (text) => this.onMessage(text));
    this.started = true;
    this.send({ t: 'hello', node: this.node });
    this.timer = setInterval(() => this.beat(), this.beatMs);
    this.timer.unref();
  }

  /** Redis is back (the subscriber reconnected): what was said meanwhile is lost, so ask again. */
  reconnected(): void {
    if (this.started) this.send({ t: 'hello', node: this.node });
  }

  /** This node's open sockets of a token are now `count`. */
  changed(exerciseId: string, tokenId: string, count: number): void {
    if (!this.started) return;
    this.pending.set(`${exerciseId}\n${tokenId}`, [exerciseId, tokenId, count]);
    this.flushing ??= setImmediate(() => this.flush());
  }

  /** The token's open sockets on the other nodes. */
  elsewhere(exerciseId: string, tokenId: string): number {
    let n = 0;
    for (const r of this.remote.values()) n += r.counts.get(exerciseId)?.get(tokenId) ?? 0;
    return n;
  }

  /** Whether any other node has a socket of this exercise open. */
  watchedElsewhere(exerciseId: string): boolean {
    for (const r of this.remote.values()) if (r.counts.has(exerciseId)) return true;
    return false;
  }

  private flush(): void {
    this.flushing = null;
    const counts = [...this.pending.values()];
    this.pending = new Map();
    if (counts.length) this.send({ t: 'set', node: this.node, counts });
  }

  private beat(): void {
    this.send({ t: 'beat', node: this.node });
    const limit = performance.now() - GONE_AFTER_BEATS * this.beatMs;
    for (const [node, r] of this.remote) {
      if (r.heardAt >= limit) continue;
      this.remote.delete(node);
      if (!r.counts.size) continue;
      this.source?.remoteChanged([...r.counts.keys()]);
      this.source?.remoteGone(
        [...r.counts].flatMap(([e, byToken]) => [...byToken.keys()].map((t): [string, string] => [e, t])),
      );
    }
  }

  private send(message: Message): void {
    this.pub.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }

  private onMessage(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (typeof m?.node !== 'string' || m.node === this.node) return;
    let r = this.remote.get(m.node);
    if (!r) {
      r = { heardAt: 0, counts: new Map() };
      this.remote.set(m.node, r);
      // A node heard of for the first time without its hello (this one started after it): ask.
      if (m.t === 'beat') this.send({ t: 'hello', node: this.node });
    }
    r.heardAt = performance.now();
    if (m.t === 'hello') {
      this.send({ t: 'all', node: this.node, counts: this.source?.counts() ?? [] });
      return;
    }
    if (m.t !== 'set' && m.t !== 'all') return;
    const had = m.t === 'all' ? r.counts : null;
    if (had) r.counts = new Map();
    const gone: [string, string][] = [];
    for (const c of m.counts) if (set(r.counts, c) && c[2] <= 0) gone.push([c[0], c[1]]);
    // a whole list replaces what was known: a token it no longer names has gone from that node
    if (had)
      for (const [e, byToken] of had)
        for (const t of byToken.keys()) if (!r.counts.get(e)?.has(t)) gone.push([e, t]);
    if (gone.length) this.source?.remoteGone(gone);
  }

  /** Stops beating; the counts not yet sent go now (the others forget this node after three beats). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.flushing) clearImmediate(this.flushing);
    this.timer = null;
    if (this.started) this.flush();
    this.started = false;
  }
}

/** Records one count; whether it was well formed. */
function set(counts: Map<string, Map<string, number>>, [exerciseId, tokenId, n]: Count): boolean {
  if (typeof exerciseId !== 'string' || typeof tokenId !== 'string' || typeof n !== 'number') return false;
  const byToken = counts.get(exerciseId) ?? new Map<string, number>();
  if (n > 0) byToken.set(tokenId, n);
  else byToken.delete(tokenId);
  if (byToken.size) counts.set(exerciseId, byToken);
  else counts.delete(exerciseId);
  return true;
}
