import type { ExerciseState } from '../shared.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { SnapshotText } from '../store/store.ts';

/**
 * One exercise's snapshots (one a turn), hashed off the event loop. A state's canonical hash walks the
 * whole state: after a long, talkative exercise (39,000 messages: 4 MB of state) it took 230–340 ms,
 * a stall of every exercise at each new month. Here the event loop only serialises the state
 * (`JSON.stringify`, about ten times quicker, and the text is what the store keeps anyway); a worker
 * parses that text and hashes it canonically. The snapshot joins the exercise's next write once its
 * hash is known. Snapshots are a cache checked against the log at every load, so one lost to a
 * failed hash or a shutdown costs nothing but its place.
 */
export class SnapshotQueue {
  private readonly ready: SnapshotText[] = [];
  private readonly hashing = new Set<Promise<void>>();

  constructor(
    private readonly exerciseId: string,
    private readonly hash: (text: string) => Promise<string>,
    /** A snapshot is ready to be written: the session asks the journal for a batch. */
    private readonly onReady: () => void,
    private readonly logger: Logger,
  ) {}

  /** Snapshots the state the stored entry `seq` left (call once that entry is stored). */
  take(seq: number, state: ExerciseState): void {
    const text = JSON.stringify(state);
    const done = this.hash(text).then(
      (stateHash) => {
        this.ready.push({ seq, state: text, stateHash });
        this.onReady();
      },
      (err: unknown) =>
        this.logger.warn('snapshot skipped: its hash failed', {
          exercise: this.exerciseId,
          seq,
          ...errorFields(err),
        }),
    );
    this.hashing.add(done);
    void done.finally(() => this.hashing.delete(done));
  }

  /** Moves the hashed snapshots into a write. */
  drainInto(snapshots: SnapshotText[]): void {
    snapshots.push(...this.ready.splice(0));
  }

  /** Snapshots are being hashed or wait to be written. */
  get busy(): boolean {
    return this.hashing.size > 0 || this.ready.length > 0;
  }

  /** Resolves once every snapshot taken so far is hashed (and so waits in `ready`, or was skipped). */
  async hashed(): Promise<void> {
    while (this.hashing.size) await Promise.all(this.hashing);
  }
}
