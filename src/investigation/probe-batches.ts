/**
 * How the investigation's probes go out: each scanner's IPs in batches (one remote command each
 * over SSH), a bounded number of batches in flight on one scanner and over all of them. A silent
 * host costs its wait on the scanner; batching lets the scanner wait for many at once instead of
 * the bot paying one exec per IP per check.
 */

export interface ProbeBatch {
  scanner: string;
  ips: string[];
}

export interface BatchLimits {
  /** Batches in flight over all scanners. */
  total: number;
  /** Batches in flight on one scanner. */
  perScanner: number;
}

/** Each scanner's IPs, in the order given, cut into batches of at most `size`. */
export function planBatches(pairs: readonly { ip: string; scanner: string }[], size: number): ProbeBatch[] {
  const byScanner = new Map<string, string[]>();
  for (const { ip, scanner } of pairs) {
    const ips = byScanner.get(scanner) ?? [];
    ips.push(ip);
    byScanner.set(scanner, ips);
  }
  const batches: ProbeBatch[] = [];
  const step = Math.max(1, size);
  for (const [scanner, ips] of byScanner) {
    for (let start = 0; start < ips.length; start += step) {
      batches.push({ scanner, ips: ips.slice(start, start + step) });
    }
  }
  return batches;
}

/**
 * Runs every batch, the earliest waiting one of a scanner with a free slot first, within both
 * limits. `run` must not throw: a failed batch is its own result, filed by the caller.
 */
export function runBatches(
  batches: readonly ProbeBatch[],
  limits: BatchLimits,
  run: (batch: ProbeBatch) => Promise<void>,
): Promise<void> {
  const total = Math.max(1, limits.total);
  const perScanner = Math.max(1, limits.perScanner);
  const waiting = [...batches];
  const active = new Map<string, number>();
  let running = 0;
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (waiting.length === 0 && running === 0) {
        resolve();
        return;
      }
      for (let i = 0; i < waiting.length && running < total; ) {
        const batch = waiting[i] as ProbeBatch;
        const busy = active.get(batch.scanner) ?? 0;
        if (busy >= perScanner) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        running++;
        active.set(batch.scanner, busy + 1);
        run(batch).then(() => {
          running--;
          active.set(batch.scanner, (active.get(batch.scanner) ?? 1) - 1);
          pump();
        }, reject);
      }
    };
    pump();
  });
}
