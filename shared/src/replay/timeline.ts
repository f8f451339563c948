import type { Scenario } from '../schema/scenario.ts';
import { monthLabel } from '../engine/lookup.ts';
import { viewFor, type Audience, type View } from '../views/views.ts';
import { applyCommand, createExercise, type ExerciseSetup } from '../machine/exercise.ts';
import type { ExerciseState, LoggedCommand } from '../exercise/types.ts';
import { entryVisibleTo } from '../views/visibility.ts';

/** One month of the timeline: the entries applied while it was being played. */
export interface MonthMark {
  month: number;
  label: string;
  /** First entry applied in this month (month 1 also holds the lobby and briefing). */
  firstSeq: number;
  /** The entry that ended the month (its publication), or null while the month is still being played. */
  endSeq: number | null;
}

/**
 * Every this many entries a state is kept besides the month ends, so that any point is a short fold
 * away; states after adjudications are kept too, so that a fold never has to adjudicate a month again.
 */
const CHECKPOINT_EVERY = 16;
const ADJUDICATING = new Set(['adjudicate', 'deadlineExpired']);

/**
 * A log folded once, with states kept at every month's end, after every adjudication and every few
 * entries, so that the state (and any audience's view) at any `seq` is the nearest kept state plus a
 * short fold of planning entries. Scrubbing forward entry by entry reuses the last state reached.
 * States are plain JSON and never mutated.
 */
export class Timeline {
  /** `months[m - 1]` is month m. */
  readonly months: MonthMark[] = [];
  /** The game month in which each entry was applied: `monthOf[seq - 1]`. */
  private readonly monthOf: number[] = [];
  private readonly checkpoints = new Map<number, ExerciseState>();
  private readonly checkpointSeqs: number[] = [];
  private last: ExerciseState;
  readonly final: ExerciseState;

  /**
   * Folds `log` once (`states`, the state after each entry from a verification that already folded
   * it, spares that fold). Throws if an entry does not apply: call it on a log this system wrote or
   * one whose import was verified (`verifyExport`).
   */
  constructor(
    readonly scenario: Scenario,
    readonly setup: ExerciseSetup,
    readonly log: readonly LoggedCommand[],
    options: { trusted?: boolean; states?: readonly ExerciseState[] } = {},
  ) {
    let state = createExercise(scenario, setup);
    this.keep(0, state);
    log.forEach((entry, i) => {
      if (entry.seq !== i + 1) throw new Error(`log entry ${i} has seq ${entry.seq}`);
      const before = state.context.game.month;
      const known = options.states?.[i];
      if (known) state = known;
      else {
        const r = applyCommand(scenario, state, entry, { trusted: options.trusted ?? false });
        if (!r.ok) throw new Error(`log entry ${entry.seq} does not apply: ${r.code} ${r.message}`);
        state = r.state;
      }
      this.note(entry.seq, before, state, entry.command.type);
    });
    this.keep(log.length, state);
    this.final = state;
    this.last = state;
  }

  private note(seq: number, monthBefore: number, state: ExerciseState, type: string): void {
    this.monthOf.push(monthBefore);
    if (!this.months[monthBefore - 1])
      this.months[monthBefore - 1] = {
        month: monthBefore,
        label: monthLabel(this.scenario.meta.startMonth, monthBefore),
        firstSeq: seq,
        endSeq: null,
      };
    const after = state.context.game.month;
    if (after !== monthBefore) {
      const ended = this.months[monthBefore - 1];
      if (ended) ended.endSeq = seq;
      this.keep(seq, state);
    } else if (seq % CHECKPOINT_EVERY === 0 || ADJUDICATING.has(type)) this.keep(seq, state);
  }

  private keep(seq: number, state: ExerciseState): void {
    if (this.checkpoints.has(seq)) return;
    this.checkpoints.set(seq, state);
    this.checkpointSeqs.push(seq);
  }

  /** The last seq of the log (0 when it is empty). */
  get lastSeq(): number {
    return this.log.length;
  }

  /** Months whose publication is in the log. */
  get monthsPlayed(): number {
    return this.months.filter((m) => m.endSeq !== null).length;
  }

  /** The game month in which entry `seq` was applied (0 for entries before the first month began). */
  monthAt(seq: number): number {
    return this.monthOf[seq - 1] ?? 0;
  }

  /** The state after entry `seq` (0: before any entry). Clamped to the log. */
  stateAt(seq: number): ExerciseState {
    const target = Math.max(0, Math.min(Math.floor(seq), this.log.length));
    const kept = this.checkpoints.get(target);
    if (kept) return kept;
    let from = this.nearestCheckpoint(target);
    let state = this.checkpoints.get(from)!;
    const lastSeq = this.last.context.seq;
    if (lastSeq <= target && lastSeq > from) {
      from = lastSeq;
      state = this.last;
    }
    for (let seq = from + 1; seq <= target; seq++) {
      const r = applyCommand(this.scenario, state, this.log[seq - 1]!, { trusted: true });
      if (!r.ok) throw new Error(`log entry ${seq} does not apply: ${r.code}`);
      state = r.state;
    }
    this.last = state;
    return state;
  }

  /** What `audience` saw right after entry `seq`: the view the server would have sent it then. */
  viewAt(seq: number, audience: Audience): View {
    return viewFor(this.scenario, this.stateAt(seq), audience);
  }

  /** The seqs of the entries `audience` may read in the timeline (all of them for the White cell). */
  visibleSeqs(audience: Audience): number[] {
    return this.log.filter((e) => entryVisibleTo(audience, this.final, e)).map((e) => e.seq);
  }

  /** The seq that ends month `month` (0 for month 0: before anything), or null if it has not ended. */
  endOfMonth(month: number): number | null {
    if (month === 0) return 0;
    return this.months[month - 1]?.endSeq ?? null;
  }

  /** The largest kept seq at or before `seq` (kept seqs are increasing: they are kept in log order). */
  private nearestCheckpoint(seq: number): number {
    const kept = this.checkpointSeqs;
    let lo = 0;
    let hi = kept.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (kept[mid]! <= seq) lo = mid;
      else hi = mid - 1;
    }
    return kept[lo] ?? 0;
  }
}
