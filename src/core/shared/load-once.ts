/**
 * `load` run at the first call, its result kept for every later one; several calls while it runs
 * share it. A failure is not kept: the next call tries again (a library that failed to load for a
 * moment, for want of file handles say, loads once the moment has passed, without a restart).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
