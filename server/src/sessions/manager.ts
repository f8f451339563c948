import { errorFields, type Logger } from '../logger.ts';
import type { Scenario } from '../shared.ts';
import type { ExerciseRecord, Store } from '../store/store.ts';
import { ExerciseSession, type SessionDeps } from './session.ts';

/**
 * Several nodes: who may run which exercise. `claim` is asked before an exercise is loaded here (true:
 * this node holds its lease now); `released` is told when a loaded exercise is let go.
 */
export interface Ownership {
  claim(exerciseId: string): boolean;
  released(exerciseId: string): void;
}

/** How often exercises nobody watches are looked at; one dormant for two sweeps in a row is let go. */
const SWEEP_MS = 60_000;

/**
 * The live sessions, one per exercise, loaded from the store on first use. Unfinished exercises are
 * loaded at boot so that their timers and bots run without anyone connecting; any exercise stays in
 * memory only while someone watches it or it has a timer armed or bots to play (`dormant`): ten
 * thousand forks nobody opens cost disk, not memory.
 */
export class SessionManager {
  private readonly sessions = new Map<string, ExerciseSession>();
  /** Exercises whose log could not be rebuilt: kept offline rather than retried on every request. */
  private readonly broken = new Set<string>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly scenarios = new Map<string, Scenario>();
  /** Exercises found dormant at the last sweep. */
  private dormant = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly deps: SessionDeps,
    private readonly logger: Logger,
    private readonly ownership: Ownership | null = null,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /**
   * Exercises of the same scenario share one parsed object, and with it the machine and indexes the
   * core caches per scenario. Scenarios are immutable, so sharing is safe.
   */
  private scenarioOf(record: ExerciseRecord): Scenario {
    let scenario = this.scenarios.get(record.scenarioHash);
    if (!scenario)
      this.scenarios.set(record.scenarioHash, (scenario = JSON.parse(record.scenarioJson) as Scenario));
    return scenario;
  }

  /** Lets go of the exercises dormant since the last sweep; returns how many. */
  sweep(): number {
    const now = new Set<string>();
    let evicted = 0;
    for (const [id, s] of this.sessions) {
      if (!this.unloadable(s)) continue;
      if (!this.dormant.has(id)) {
        now.add(id);
        continue;
      }
      s.close();
      this.sessions.delete(id);
      this.ownership?.released(id);
      evicted++;
    }
    this.dormant = now;
    return evicted;
  }

  /**
   * Whether a session may be let go at this sweep. With several nodes its views are tracked for every
   * audience (the sockets may be on any node), so it never looks unwatched: a finished exercise is let
   * go once quiet (its lease with it); the next event for it, on any node, takes the lease and loads it
   * again, and a client whose version does not follow resyncs.
   */
  private unloadable(s: ExerciseSession): boolean {
    if (!s.finished) return s.dormant();
    return this.ownership ? s.quiet() : s.idle();
  }

  /**
   * Rebuilds every unfinished exercise; returns how many are live. With several nodes, each takes the
   * unowned ones over as its lease scan finds them (`cluster/cluster.ts`), not here.
   */
  boot(): number {
    if (this.ownership) return 0;
    for (const id of this.store.liveExerciseIds()) this.get(id);
    return this.sessions.size;
  }

  /** The exercise's session on this node: loaded, or loaded now (with several nodes, if this node owns it). */
  get(id: string): ExerciseSession | undefined {
    const live = this.sessions.get(id);
    if (live || this.broken.has(id)) return live;
    // The lease first: once it is held nobody else appends, so the head read next is the head.
    if (this.ownership && !this.ownership.claim(id)) return undefined;
    const record = this.store.getExercise(id);
    if (!record) return undefined;
    try {
      const session = ExerciseSession.load(record, this.deps, this.scenarioOf(record));
      this.sessions.set(id, session);
      return session;
    } catch (err) {
      this.broken.add(id);
      this.logger.error('exercise could not be rebuilt; it stays offline', {
        exercise: id,
        ...errorFields(err),
      });
      return undefined;
    }
  }

  /** The session only if it is loaded on this node (no load, no claim). */
  loaded(id: string): ExerciseSession | undefined {
    return this.sessions.get(id);
  }

  /**
   * Lets an exercise go at once: its lease moved to another node. Its timers and bots stop; what it
   * had queued is refused (the clients send it again to the new owner).
   */
  drop(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.close();
    this.sessions.delete(id);
    this.logger.warn('exercise let go: its lease is held elsewhere now', { exercise: id });
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Stops every session's timers and bots, stores what was accepted, then closes them. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    for (const s of this.sessions.values()) s.stopAutopilot();
    await this.deps.journal.drain();
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}
