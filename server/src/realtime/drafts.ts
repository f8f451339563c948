import type { DraftCounts } from '../shared.ts';

interface Reported {
  team: string;
  month: number;
  count: number;
}

/**
 * Unsent draft orders as team devices report them (the count only), per exercise and seat token, with
 * the month they were counted in: kept in memory like presence, never logged. A token's
 * count goes when its last socket closes; a count from an earlier month no longer counts.
 */
export class Drafts {
  private readonly byExercise = new Map<string, Map<string, Reported>>();
  /** Per exercise, the counts of the month last adjudicated, as they stood then. */
  private readonly atAdjudication = new Map<string, { month: number; teams: Record<string, number> }>();

  /** The month was adjudicated: keeps its counts of this moment for the review. */
  adjudicated(exerciseId: string, month: number): void {
    this.atAdjudication.set(exerciseId, { month, teams: this.counts(exerciseId, month).teams });
  }

  /** Whether the count changed. */
  report(exerciseId: string, tokenId: string, reported: Reported): boolean {
    const byToken = this.byExercise.get(exerciseId) ?? new Map<string, Reported>();
    const before = byToken.get(tokenId);
    if (reported.count === 0) byToken.delete(tokenId);
    else byToken.set(tokenId, reported);
    if (byToken.size) this.byExercise.set(exerciseId, byToken);
    else this.byExercise.delete(exerciseId);
    return (
      (before?.count ?? 0) !== reported.count || (before !== undefined && before.month !== reported.month)
    );
  }

  /** Whether the token had a count. */
  forget(exerciseId: string, tokenId: string): boolean {
    const byToken = this.byExercise.get(exerciseId);
    const had = byToken?.delete(tokenId) ?? false;
    if (byToken?.size === 0) this.byExercise.delete(exerciseId);
    return had;
  }

  /** Per team, the most unsent orders any one of its devices holds in `month` (now, and when adjudicated). */
  counts(exerciseId: string, month: number): DraftCounts {
    const teams: Record<string, number> = {};
    for (const r of this.byExercise.get(exerciseId)?.values() ?? [])
      if (r.month === month) teams[r.team] = Math.max(teams[r.team] ?? 0, r.count);
    const then = this.atAdjudication.get(exerciseId);
    if (then?.month === month) return { month, teams, adjudicated: { ...then.teams } };
    if (then) this.atAdjudication.delete(exerciseId); // a month published since
    return { month, teams };
  }
}
