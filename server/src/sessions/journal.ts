import { errorFields, type Logger } from '../logger.ts';
import type { ExerciseWrite } from '../store/store.ts';
import { PartialWrite, type LogWriter } from '../store/writer.ts';

/** A session with commands waiting. */
export interface Journaled {
  readonly id: string;
  /** Applies the commands queued since its last batch; what they add to the log, or null if nothing. */
  applyQueued(): ExerciseWrite | null;
  /** That write is stored (error null) or was refused: ack and publish, or roll back. */
  settle(error: unknown): void;
}

/**
 * Group commit. Sessions queue commands and mark themselves here. Once the event loop has read what
 * arrived, every waiting session applies its queue, and one transaction stores all of it (one fsync);
 * only then are the commands acknowledged and their views published. While a batch is being stored
 * the next one gathers. Commits are at least `minIntervalMs` apart: a quiet server commits a command
 * at once, a busy one stores everything that arrived in the interval with one fsync (the cost of
 * `synchronous=FULL` is paid per batch, not per command).
 */
export class Journal {
  private readonly waiting = new Set<Journaled>();
  private scheduled: { cancel(): void } | null = null;
  private storing: Promise<void> | null = null;
  private lastCommitAt = -Infinity;
  private readonly minIntervalMs: number;

  constructor(
    private readonly writer: LogWriter,
    private readonly logger: Logger,
    opts: { minIntervalMs?: number } = {},
  ) {
    this.minIntervalMs = opts.minIntervalMs ?? 0;
  }

  mark(session: Journaled): void {
    this.waiting.add(session);
    this.schedule();
  }

  /** Stores everything applied or queued so far (on shutdown). */
  async drain(): Promise<void> {
    while (this.storing || this.waiting.size) {
      if (this.storing) await this.storing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.storing || this.scheduled || !this.waiting.size) return;
    const wait = this.lastCommitAt + this.minIntervalMs - performance.now();
    if (wait >= 1) {
      const timer = setTimeout(() => void this.flush(), wait);
      this.scheduled = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(() => void this.flush());
      this.scheduled = { cancel: () => clearImmediate(immediate) };
    }
  }

  private async flush(): Promise<void> {
    this.scheduled?.cancel();
    this.scheduled = null;
    const applied: { session: Journaled; write: ExerciseWrite }[] = [];
    for (const session of this.waiting) {
      const write = session.applyQueued();
      if (write) applied.push({ session, write });
    }
    this.waiting.clear();
    if (applied.length) {
      this.lastCommitAt = performance.now();
      let error: unknown = null;
      this.storing = this.writer.write(applied.map((a) => a.write)).catch((err: unknown) => {
        error = err;
        this.logger.error('storing a batch failed; its commands are refused', {
          exercises: applied.map((a) => a.session.id),
          ...errorFields(err),
        });
      });
      await this.storing;
      this.storing = null;
      // A batch stored in part (several nodes: some exercises' leases had moved) fails only those.
      const refused = error instanceof PartialWrite ? error.refused : null;
      for (const a of applied) a.session.settle(refused ? (refused.get(a.session.id) ?? null) : error);
    }
    this.schedule();
  }
}
