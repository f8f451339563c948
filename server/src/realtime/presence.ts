import type { PresenceEntry } from '../shared.ts';
import type { Store } from '../store/store.ts';

/** Open sockets per token, per exercise: what the facilitator's presence panel shows. */
export class Presence {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly store: Store) {}

  connected(exerciseId: string, tokenId: string): void {
    const byToken = this.counts.get(exerciseId) ?? new Map<string, number>();
    this.counts.set(exerciseId, byToken);
    byToken.set(tokenId, (byToken.get(tokenId) ?? 0) + 1);
  }

  disconnected(exerciseId: string, tokenId: string): void {
    const byToken = this.counts.get(exerciseId);
    const n = (byToken?.get(tokenId) ?? 0) - 1;
    if (n > 0) byToken!.set(tokenId, n);
    else byToken?.delete(tokenId);
    if (byToken?.size === 0) this.counts.delete(exerciseId);
  }

  /** Every live token of the exercise with its open connections. */
  entries(exerciseId: string): PresenceEntry[] {
    const byToken = this.counts.get(exerciseId);
    return this.store
      .listTokens(exerciseId)
      .filter((t) => t.revokedAt === null)
      .map((t) => ({
        tokenId: t.id,
        seat: t.seat,
        label: t.label,
        joinedAt: t.createdAt,
        connections: byToken?.get(t.id) ?? 0,
      }));
  }
}
