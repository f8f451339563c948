/** How often a running server job (a balance check, a look-ahead) is asked how far it got. */
export const JOB_POLL_MS = 400;

/**
 * Asks `status` every `JOB_POLL_MS` until `onStatus` says to stop (the job finished, failed or was
 * cancelled) or the returned function is called; an answer arriving after that is dropped.
 */
export function pollJob<S>(status: () => Promise<S>, onStatus: (s: S) => boolean): () => void {
  let live = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    timer = setTimeout(() => {
      void status().then((s) => {
        if (live && onStatus(s)) next();
      });
    }, JOB_POLL_MS);
  };
  next();
  return () => {
    live = false;
    clearTimeout(timer);
  };
}
