import { errorFields, type Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { ExerciseSession, type SessionDeps } from './session.ts';

/**
 * The live sessions, one per exercise, loaded from the store on first use. Unfinished exercises are
 * loaded at boot so that their timers and bots run without anyone connecting.
 */
export class SessionManager {
  private readonly sessions = new Map<string, ExerciseSession>();
  /** Exercises whose log could not be rebuilt: kept offline rather than retried on every request. */
  private readonly broken = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly deps: SessionDeps,
    private readonly logger: Logger,
  ) {}

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
      const session = ExerciseSession.load(record, this.deps);
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
    for (const s of this.sessions.values()) s.stopAutopilot();
    await this.deps.journal.drain();
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}
