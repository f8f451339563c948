import { errorFields, type Logger } from '../logger.ts';
import type { Scenario } from '../shared.ts';
import type { ExerciseRecord, Store } from '../store/store.ts';
import { WorkerFailure, type WorkerPool } from '../workers/pool.ts';
import { TASK_TIMEOUT_MS } from '../workers/pools.ts';
import { ExerciseSession, type SessionDeps } from './session.ts';

/**
 * Several nodes: who may run which exercise. `claim` is asked before an exercise is loaded here (true:
 * this node holds its lease now); `released` is told when a loaded exercise is let go.
 */
export interface Ownership {
  claim(exerciseId: string): boolean;
  released(exerciseId: string): void;
}

/** The exercise could not be loaded now (the load workers are busy or failed): try again soon. */
export class LoadFailure extends Error {}

/** How often exercises nobody watches are looked at, by default; one dormant for two sweeps in a row is let go. */
const SWEEP_MS = 60_000;

export interface ManagerOptions {
  /** How often exercises are looked at for letting go (ms). */
  sweepMs?: number;
  /** Whether a socket of the exercise is open on any node (several nodes: the cluster's presence). */
  watched?: (exerciseId: string) => boolean;
}

/** Pause between two reads of the log of an exercise whose last commit's outcome is unknown (ms). */
const RECHECK_MS = 500;

/** Exercises loaded at once at boot (each is a job on the load worker; the rest wait their turn). */
const BOOT_LOADS = 4;

/**
 * The live sessions, one per exercise, loaded from the store on first use. Loading folds the whole log
 * on a worker thread (`open`), never on the event loop: asking for an exercise nobody has opened for a
 * while costs other exercises nothing. At boot only the unfinished exercises that need running
 * unwatched (a deadline armed, bots to play: `ExerciseWrite.awake`) are loaded, so that their timers
 * and bots run without anyone connecting; the others wait until someone asks. Any exercise stays in
 * memory only while someone watches it or it has a timer armed or bots to play (`dormant`): ten
 * thousand forks nobody opens cost disk, not memory.
 */
export class SessionManager {
  private readonly sessions = new Map<string, ExerciseSession>();
  /** Loads under way, by exercise: every caller waits for the same one. */
  private readonly loading = new Map<string, Promise<ExerciseSession | undefined>>();
  /** Exercises whose log could not be rebuilt: kept offline rather than retried on every request. */
  private readonly broken = new Set<string>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly scenarios = new Map<string, Scenario>();
  /** Exercises found dormant at the last sweep. */
  private dormant = new Set<string>();
  private closing = false;
  /** What sessions are made with: the deps, and the way back here after a commit of unknown outcome. */
  private readonly sessionDeps: SessionDeps;

  constructor(
    private readonly store: Store,
    private readonly deps: SessionDeps,
    private readonly logger: Logger,
    /** The worker threads that fold logs. */
    private readonly loader: WorkerPool,
    private readonly ownership: Ownership | null = null,
    private readonly opts: ManagerOptions = {},
  ) {
    this.sweeper = setInterval(() => this.sweep(), opts.sweepMs ?? SWEEP_MS);
    this.sweeper.unref();
    this.sessionDeps = { ...deps, recheck: (s) => void this.recheck(s) };
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
      if (!this.unloadable(id, s)) continue;
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
   * audience (the sockets may be on any node), so whether anyone watches is asked of the cluster's
   * presence: an unfinished exercise nobody watches anywhere, with no timer armed and no bot to play,
   * is let go with its lease, and a finished one once quiet. The next event for either, on any node,
   * takes the lease and loads it again, and a client whose version does not follow resyncs.
   */
  private unloadable(id: string, s: ExerciseSession): boolean {
    if (!this.ownership) return s.finished ? s.idle() : s.dormant();
    if (s.finished) return s.quiet();
    return s.settled() && !(this.opts.watched?.(id) ?? true);
  }

  /**
   * Loads the unfinished exercises that need running unwatched, a few at a time on the load worker;
   * resolves with how many are live. With several nodes, each takes the unowned ones over as its lease
   * scan finds them (`cluster/cluster.ts`), not here.
   */
  async boot(): Promise<number> {
    if (this.ownership) return 0;
    const ids = this.store.liveExerciseIds({ awake: true });
    let next = 0;
    const loadNext = async (): Promise<void> => {
      for (let id = ids[next++]; id !== undefined && !this.closing; id = ids[next++]) {
        const session = await this.open(id).catch(() => undefined);
        // stored as awake before this flag was kept, or before its last commit said otherwise
        if (session && !session.awake) this.store.append(id, [], { awake: false });
      }
    };
    await Promise.all(Array.from({ length: BOOT_LOADS }, loadNext));
    return this.sessions.size;
  }

  /**
   * The exercise's session on this node, loaded now if it is not (with several nodes, if this node
   * owns it): its log is read here and folded on a worker thread. Undefined when there is no such
   * exercise (or another node owns it, or its log does not rebuild); rejects with `LoadFailure` when
   * it could not be loaded now.
   */
  open(id: string): Promise<ExerciseSession | undefined> {
    const live = this.sessions.get(id);
    if (live || this.broken.has(id)) return Promise.resolve(live);
    const pending = this.loading.get(id);
    if (pending) return pending;
    // The lease first: once it is held nobody else appends, so the head read next is the head.
    if (this.ownership && !this.ownership.claim(id)) return Promise.resolve(undefined);
    const load = this.load(id).finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }

  /**
   * The session if it is loaded on this node; if not, its load starts (see `open`) and this answers
   * undefined meanwhile.
   */
  get(id: string): ExerciseSession | undefined {
    const live = this.sessions.get(id);
    if (!live) this.open(id).catch(() => undefined);
    return live;
  }

  /**
   * With several nodes: the exercise exists but is not run here now (its lease is held elsewhere, or
   * moving after a node died, or it is still loading). An HTTP request for it is then "try again",
   * never "no such exercise".
   */
  elsewhere(id: string): boolean {
    return this.ownership !== null && !this.broken.has(id) && this.store.getExercise(id) !== undefined;
  }

  /** The session only if it is loaded on this node (no load, no claim). */
  loaded(id: string): ExerciseSession | undefined {
    return this.sessions.get(id);
  }

  /** Reads the exercise's log as stored now and folds it on the load worker. */
  private async fold(record: ExerciseRecord) {
    const scenario = this.scenarioOf(record);
    const log = this.deps.store.readLog(record.id);
    const snapshot = this.deps.store.latestSnapshotText(record.id) ?? null;
    const loaded = await this.loader.call(
      'load',
      { scenario, setup: { seed: record.seed, bots: record.bots }, genesis: record.genesis, log, snapshot },
      TASK_TIMEOUT_MS.load,
    );
    return { scenario, snapshot, loaded };
  }

  /**
   * A session's last commit has an unknown outcome (the database did not answer in time, or its
   * connection broke): its log is read and folded again, every `RECHECK_MS` until the database
   * answers, and the session goes on from what is stored. A commit that lands later still (a stale
   * connection's) makes the next one fail on the chain, and this runs again.
   */
  private async recheck(session: ExerciseSession): Promise<void> {
    const id = session.id;
    for (let tries = 1; !this.closing && this.sessions.get(id) === session; tries++) {
      await new Promise((r) => setTimeout(r, RECHECK_MS));
      try {
        const record = this.store.getExercise(id);
        if (!record) return;
        const sentIds = this.store.sentIds(id);
        const { loaded } = await this.fold(record);
        if (this.sessions.get(id) !== session) return;
        if (!loaded.ok) {
          this.broken.add(id);
          this.sessions.delete(id);
          session.close();
          this.ownership?.released(id);
          this.logger.error('exercise could not be rebuilt; it stays offline', {
            exercise: id,
            error: loaded.broken,
          });
          return;
        }
        if (!session.resume(record, loaded.state, sentIds)) return;
        this.logger.info('exercise resumed from its log', { exercise: id, seq: record.lastSeq, tries });
        return;
      } catch (err) {
        if (tries === 1)
          this.logger.warn('log not readable yet; trying again', { exercise: id, ...errorFields(err) });
      }
    }
  }

  private async load(id: string): Promise<ExerciseSession | undefined> {
    const record = this.store.getExercise(id);
    if (!record) return undefined;
    let folded;
    try {
      folded = await this.fold(record);
    } catch (err) {
      this.logger.warn('exercise could not be loaded now', { exercise: id, ...errorFields(err) });
      this.ownership?.released(id);
      throw new LoadFailure(err instanceof WorkerFailure ? err.reason : 'failed');
    }
    const { scenario, snapshot, loaded } = folded;
    if (!loaded.ok) {
      this.broken.add(id);
      this.ownership?.released(id);
      this.logger.error('exercise could not be rebuilt; it stays offline', {
        exercise: id,
        error: loaded.broken,
      });
      return undefined;
    }
    // Let go while it loaded (its lease moved, or the server is stopping).
    if (this.closing || !this.loading.has(id)) return undefined;
    if (loaded.snapshot === 'unmatched' || typeof loaded.snapshot === 'object') {
      const replace = typeof loaded.snapshot === 'object' ? loaded.snapshot : null;
      this.logger.error('snapshot disagrees with the log; the log wins', {
        exercise: id,
        seq: snapshot?.seq,
        stored: snapshot?.stateHash,
        folded: replace?.stateHash ?? null,
      });
      if (replace) this.store.replaceSnapshots(id, replace);
    }
    const session = ExerciseSession.fromState(record, this.sessionDeps, scenario, loaded.state);
    this.sessions.set(id, session);
    return session;
  }

  /**
   * Lets an exercise go at once: its lease moved to another node. Its timers and bots stop; what it
   * had queued is refused (the clients send it again to the new owner).
   */
  drop(id: string): void {
    this.loading.delete(id);
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
    this.closing = true;
    clearInterval(this.sweeper);
    for (const s of this.sessions.values()) s.stopAutopilot();
    await this.deps.journal.drain();
    // the snapshots of what was just stored are hashed, then written too
    await Promise.all([...this.sessions.values()].map((s) => s.snapshotsHashed()));
    await this.deps.journal.drain();
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}
