/**
 * When a failed HTTP attempt is worth repeating, and how long to wait first. Kept apart from the
 * client so the rules can be read (and tested) without a network.
 */

export type Outcome = 'ok' | 'retry' | 'fail';

/** What one HTTP response means for the call. */
export interface Verdict {
  outcome: Outcome;
  /** Why the call failed, for the error message (defaults to the HTTP status and the body's message). */
  reason?: string;
  /**
   * The server refused before acting (rate limit), so even a call that changes something may be
   * sent again. Without it only idempotent calls are retried.
   */
  safeToRepeat?: boolean;
}

/**
 * An adapter's reading of a response, consulted before the default. Returning undefined keeps the
 * default: 2xx (and `okStatuses`) ok; 408, 429 and 5xx retried; any other status fails at once.
 */
export type Classify = (status: number, bodyText: string) => Outcome | Verdict | undefined;

export function defaultVerdict(status: number, okStatuses: readonly number[] = []): Verdict {
  if ((status >= 200 && status < 300) || okStatuses.includes(status)) return { outcome: 'ok' };
  if (status === 429) return { outcome: 'retry', safeToRepeat: true };
  if (status === 408 || status >= 500) return { outcome: 'retry' };
  return { outcome: 'fail' };
}

export function verdictFor(
  classify: Classify | undefined,
  status: number,
  bodyText: string,
  okStatuses?: readonly number[],
): Verdict {
  const custom = classify?.(status, bodyText);
  if (custom === undefined) return defaultVerdict(status, okStatuses);
  return typeof custom === 'string' ? { outcome: custom } : custom;
}

export interface BackoffPolicy {
  minBackoffMs: number;
  maxBackoffMs: number;
  maxRetryAfterMs: number;
}

/** Exponential backoff with jitter: between base and twice base, base doubling per retry, capped. */
export function backoffDelay(retryNumber: number, policy: BackoffPolicy, random: () => number): number {
  const base = policy.minBackoffMs * 2 ** Math.max(0, retryNumber - 1);
  return Math.round(Math.min(policy.maxBackoffMs, base * (1 + random())));
}

/**
 * Parses `Retry-After` (delay in seconds, or an HTTP date) into milliseconds, capped so a
 * misbehaving server cannot park the bot; null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, maxMs: number, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (value === '') return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
}
