/** Work running in the background of this process, so shutdown can wait for it and metrics count it. */
export interface WorkTracker {
  /** Keeps `work` until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Settles when every tracked piece of work has (or at once when there is none). */
  settled(): Promise<unknown>;
}

export function createWorkTracker(): WorkTracker {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      running.add(work);
      void work.finally(() => running.delete(work)).catch(() => {});
      return work;
    },
    get size() {
      return running.size;
    },
    settled: () => Promise.allSettled([...running]),
  };
}
