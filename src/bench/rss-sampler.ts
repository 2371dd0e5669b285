/**
 * Samples the resident set size of this process at a fixed interval and keeps the peak. The bench
 * runs the emulators in the same process as the bot, so the figure counts them too.
 */
export interface RssSampler {
  /** Stops sampling; the peak in bytes (one last sample included). */
  stop(): number;
}

export function sampleRss(everyMs = 20, read: () => number = () => process.memoryUsage.rss()): RssSampler {
  let peak = read();
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, read());
      return peak;
    },
  };
}

export const toMb = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10;
