import { errorFields, type Logger } from '../logger.ts';
import type { ExerciseWrite, Store } from '../store/store.ts';

/** A session with writes waiting to be stored. */
export interface Journaled {
  readonly id: string;
  /** Hands over what waits to be stored (and forgets it). */
  takeWrite(): ExerciseWrite;
  /** The write is stored (error null) or was refused: ack, publish, or roll back. */
  settle(error: unknown): void;
}

/**
 * Group commit. Sessions apply commands in memory and mark themselves here; once the event loop has
 * read everything that arrived, one SQLite transaction stores every waiting write (one fsync for all
 * of them), and only then are the commands acknowledged and their views published. Under load the
 * batches grow by themselves, so the cost of `synchronous=FULL` stays per batch, not per command.
 */
export class Journal {
  private readonly waiting = new Set<Journaled>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  mark(session: Journaled): void {
    this.waiting.add(session);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Stores what waits now (also called on shutdown, so that nothing applied is left unstored). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (!this.waiting.size) return;
    const batch = [...this.waiting];
    this.waiting.clear();
    let error: unknown = null;
    try {
      this.store.appendBatch(batch.map((s) => s.takeWrite()));
    } catch (err) {
      error = err;
      this.logger.error('storing a batch failed; its commands are refused', {
        exercises: batch.map((s) => s.id),
        ...errorFields(err),
      });
    }
    for (const s of batch) s.settle(error);
  }
}
