import { errorFields, type Logger } from '../logger.ts';
import type { Scenario } from '../shared.ts';
import type { ExerciseRecord, Store } from '../store/store.ts';
import { ExerciseSession, type SessionDeps } from './session.ts';

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
      if (!(s.finished ? s.idle() : s.dormant())) continue;
      if (!this.dormant.has(id)) {
        now.add(id);
        continue;
      }
      s.close();
      this.sessions.delete(id);
      evicted++;
    }
    this.dormant = now;
    return evicted;
  }

  /** Rebuilds every unfinished exercise; returns how many are live. */
  boot(): number {
    for (const id of this.store.liveExerciseIds()) this.get(id);
    return this.sessions.size;
  }

  get(id: string): ExerciseSession | undefined {
    const live = this.sessions.get(id);
    if (live || this.broken.has(id)) return live;
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
