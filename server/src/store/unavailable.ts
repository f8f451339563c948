/**
 * The database did not store a commit: it was not answering (`outcomeKnown`: the batch was never
 * sent), or the commit failed in a way that leaves open whether it landed (a deadline passed, the
 * connection broke, the log turned out to be ahead of the session). Its commands are refused as
 * retryable; when the outcome is unknown the session reads back what its log holds before it takes
 * anything more (a retry of the same command id then gets the stored ack, if it was stored).
 */
export class StoreUnavailable extends Error {
  constructor(
    message: string,
    readonly outcomeKnown: boolean,
  ) {
    super(message);
  }
}
