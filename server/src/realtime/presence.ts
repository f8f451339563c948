import type { PresenceEntry } from '../shared.ts';
import type { Store } from '../store/store.ts';

/**
 * Several nodes: the other nodes' open sockets (`cluster/presence.ts`), told of this node's as they
 * change, and telling back when theirs change without a socket saying so (a node died).
 */
export interface SharedPresence {
  attach(source: {
    counts(): [string, string, number][];
    remoteChanged(exerciseIds: string[]): void;
    remoteGone(tokens: [string, string][]): void;
  }): void;
  changed(exerciseId: string, tokenId: string, count: number): void;
  elsewhere(exerciseId: string, tokenId: string): number;
  watchedElsewhere(exerciseId: string): boolean;
}

/**
 * Open sockets per token, per exercise: what the facilitator's presence panel shows. With several
 * nodes, the sum over every node's sockets.
 */
export class Presence {
  private readonly counts = new Map<string, Map<string, number>>();
  private listener: ((exerciseId: string) => void) | null = null;
  private goneListener: ((exerciseId: string, tokenId: string) => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly shared: SharedPresence | null = null,
  ) {
    shared?.attach({
      counts: () =>
        [...this.counts].flatMap(([e, byToken]) =>
          [...byToken].map(([t, n]): [string, string, number] => [e, t, n]),
        ),
      remoteChanged: (ids) => {
        for (const id of ids) this.listener?.(id);
      },
      remoteGone: (tokens) => {
        for (const [e, t] of tokens) if (this.connectionsAnywhere(e, t) === 0) this.goneListener?.(e, t);
      },
    });
  }

  /**
   * Called when a token has no socket left on any node: its last one closed here, or on another node
   * (that node said so, or died).
   */
  onTokenGone(listener: (exerciseId: string, tokenId: string) => void): void {
    this.goneListener = listener;
  }

  /** Called when another node's counts of an exercise changed without a socket of this node moving. */
  onRemoteChange(listener: (exerciseId: string) => void): void {
    this.listener = listener;
  }

  connected(exerciseId: string, tokenId: string): void {
    const byToken = this.counts.get(exerciseId) ?? new Map<string, number>();
    this.counts.set(exerciseId, byToken);
    const n = (byToken.get(tokenId) ?? 0) + 1;
    byToken.set(tokenId, n);
    this.shared?.changed(exerciseId, tokenId, n);
  }

  disconnected(exerciseId: string, tokenId: string): void {
    const byToken = this.counts.get(exerciseId);
    const n = Math.max(0, (byToken?.get(tokenId) ?? 0) - 1);
    if (n > 0) byToken!.set(tokenId, n);
    else byToken?.delete(tokenId);
    if (byToken?.size === 0) this.counts.delete(exerciseId);
    this.shared?.changed(exerciseId, tokenId, n);
    if (this.connectionsAnywhere(exerciseId, tokenId) === 0) this.goneListener?.(exerciseId, tokenId);
  }

  /** Sockets open with one token on every node. */
  connectionsAnywhere(exerciseId: string, tokenId: string): number {
    return this.connections(exerciseId, tokenId) + (this.shared?.elsewhere(exerciseId, tokenId) ?? 0);
  }

  /** Whether a socket of the exercise is open on any node. */
  watched(exerciseId: string): boolean {
    return this.counts.has(exerciseId) || (this.shared?.watchedElsewhere(exerciseId) ?? false);
  }

  /** Sockets open with one token on this node now. */
  connections(exerciseId: string, tokenId: string): number {
    return this.counts.get(exerciseId)?.get(tokenId) ?? 0;
  }

  /** Every live token of the exercise with its open connections (on every node). */
  entries(exerciseId: string): PresenceEntry[] {
    return this.store
      .listTokens(exerciseId)
      .filter((t) => t.revokedAt === null)
      .map((t) => ({
        tokenId: t.id,
        seat: t.seat,
        label: t.label,
        joinedAt: t.createdAt,
        connections: this.connectionsAnywhere(exerciseId, t.id),
      }));
  }
}
