/** Forks started from this device, per original exercise, so the comparison view can find them. */

export interface KnownFork {
  exerciseId: string;
  title: string;
  month: number;
  seed: number | null;
  at: number;
}

const key = (exerciseId: string) => `arsenal:forks:${exerciseId}`;

export function knownForks(exerciseId: string): KnownFork[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(key(exerciseId)) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as KnownFork[]) : [];
  } catch {
    return [];
  }
}

export function rememberFork(exerciseId: string, fork: KnownFork): void {
  try {
    const list = [fork, ...knownForks(exerciseId).filter((f) => f.exerciseId !== fork.exerciseId)];
    window.localStorage.setItem(key(exerciseId), JSON.stringify(list.slice(0, 20)));
  } catch {
    // private mode: the fork is listed for this page only
  }
}
