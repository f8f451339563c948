import {
  diff,
  encodeUpdate,
  LIMITS,
  seatFromKey,
  viewFor,
  ViewBuilder,
  type ExerciseState,
  type Scenario,
  type SeatKey,
  type View,
  type EncodedViewUpdate,
  type ViewOptions,
} from '../shared.ts';

/** Views sent carry the latest pages of messages only; older ones are asked for (`messages` event). */
const PAGED: ViewOptions = { messagePage: LIMITS.messagePage };

/** A change of one audience's view by one command. */
export interface ViewChange {
  view: View;
  version: number;
}

interface Tracked {
  /** Builds this audience's views, reusing the pieces a command did not change. */
  builder: ViewBuilder;
  view: View;
  /** seq of the last command that changed this view. */
  version: number;
  sockets: number;
  linger: NodeJS.Timeout | null;
}

/**
 * The views of the audiences that have sockets connected: computed once per change for the whole
 * audience, diffed against the last one sent. An audience nobody watches costs nothing; its view is
 * kept a while after its last socket leaves so that a reconnecting socket can recover what it missed.
 * Each tracked audience has its own `ViewBuilder`, so a view piece the command did not change is the
 * very object sent last time and the diff passes over it.
 */
export class AudienceViews {
  private readonly tracked = new Map<SeatKey, Tracked>();

  constructor(
    private readonly scenario: Scenario,
    private readonly lingerMs: number,
  ) {}

  /** Audiences whose view is tracked (connected, or recently so). */
  get watched(): number {
    return this.tracked.size;
  }

  compute(state: ExerciseState, seat: SeatKey): View {
    return viewFor(this.scenario, state, seatFromKey(seat), PAGED);
  }

  /** The seat's tracked view, or a fresh one of `state` at version `seq`. */
  get(seat: SeatKey, state: ExerciseState, seq: number): { version: number; view: View } {
    const t = this.tracked.get(seat);
    return t ? { version: t.version, view: t.view } : { version: seq, view: this.compute(state, seat) };
  }

  /** Counts one more socket of the audience; true when its view starts being tracked now. */
  subscribe(seat: SeatKey, state: ExerciseState, seq: number): boolean {
    const t = this.tracked.get(seat);
    if (!t) {
      const builder = new ViewBuilder(this.scenario, seatFromKey(seat), PAGED);
      this.tracked.set(seat, { builder, view: builder.view(state), version: seq, sockets: 1, linger: null });
      return true;
    }
    t.sockets++;
    if (t.linger) clearTimeout(t.linger);
    t.linger = null;
    return false;
  }

  unsubscribe(seat: SeatKey): void {
    const t = this.tracked.get(seat);
    if (!t || --t.sockets > 0) return;
    t.linger = setTimeout(() => {
      if (this.tracked.get(seat) === t && t.sockets <= 0) this.tracked.delete(seat);
    }, this.lingerMs);
    t.linger.unref();
  }

  /**
   * The tracked audiences whose view `next` changes (a command an audience cannot see changes nothing
   * in its view: it gets no update, and its version stays where it was).
   */
  changes(next: ExerciseState, seq: number): Map<SeatKey, ViewChange> {
    const out = new Map<SeatKey, ViewChange>();
    for (const [seat, t] of this.tracked) {
      const change = this.changeOf(t, next, seq);
      if (change) out.set(seat, change);
    }
    return out;
  }

  /** Brings one audience's view to `state` now; the encoded update from its last view, if it changed. */
  refresh(seat: SeatKey, state: ExerciseState, seq: number): EncodedViewUpdate | null {
    const t = this.tracked.get(seat);
    const change = t ? this.changeOf(t, state, seq) : null;
    if (!t || !change) return null;
    const update = encodeUpdate({ base: t.version, version: seq, ops: diff(t.view, change.view) });
    Object.assign(t, change);
    return update;
  }

  /** `refresh` for every tracked audience: the updates of those whose view changed. */
  refreshAll(state: ExerciseState, seq: number): Map<SeatKey, EncodedViewUpdate> {
    const out = new Map<SeatKey, EncodedViewUpdate>();
    for (const seat of this.tracked.keys()) {
      const update = this.refresh(seat, state, seq);
      if (update) out.set(seat, update);
    }
    return out;
  }

  private changeOf(t: Tracked, next: ExerciseState, seq: number): ViewChange | null {
    const view = t.builder.view(next);
    return diff(t.view, view).length ? { view, version: seq } : null;
  }

  /**
   * One encoded update per audience whose view changed since `captured` (taken before a batch of
   * commands): from the view it had then to the one it has now. A batch of many commands that one
   * audience sees (a flood of messages on one seat) is one packet per socket, not one per command.
   * An audience whose view changed and changed back still gets an update with no operations, so that
   * its version follows the acks. Audiences not in `captured` (first watched meanwhile) are left out.
   */
  updatesSince(captured: Map<SeatKey, { view: View; version: number }>): Map<SeatKey, EncodedViewUpdate> {
    const out = new Map<SeatKey, EncodedViewUpdate>();
    for (const [seat, t] of this.tracked) {
      const before = captured.get(seat);
      if (!before || before.version === t.version) continue;
      const ops = diff(before.view, t.view);
      out.set(seat, encodeUpdate({ base: before.version, version: t.version, ops }));
    }
    return out;
  }

  apply(changes: Map<SeatKey, ViewChange>): void {
    for (const [seat, c] of changes) {
      const t = this.tracked.get(seat);
      if (t) Object.assign(t, { view: c.view, version: c.version });
    }
  }

  /** The views and versions as they are now, to put back with `restore`. */
  capture(): Map<SeatKey, { view: View; version: number }> {
    return new Map([...this.tracked].map(([seat, t]) => [seat, { view: t.view, version: t.version }]));
  }

  /** Puts captured views back (audiences that started watching since keep what they have). */
  restore(captured: Map<SeatKey, { view: View; version: number }>): void {
    for (const [seat, v] of captured) {
      const t = this.tracked.get(seat);
      if (t) Object.assign(t, v);
    }
  }

  clear(): void {
    for (const t of this.tracked.values()) if (t.linger) clearTimeout(t.linger);
    this.tracked.clear();
  }
}
