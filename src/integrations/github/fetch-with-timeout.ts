/**
 * The fetch Octokit uses: every HTTP attempt gets its own deadline, so a hung GitHub cannot hang an
 * investigation. Failures are rethrown as plain errors of this module's realm with a readable
 * message (Octokit reports a foreign error, such as undici's DOMException seen from a VM context,
 * as "Unknown Error"); a missed deadline is named `TimeoutError`, which github-errors.ts recognises.
 */
import { findTlsTrustError } from '../http/tls-trust.js';

export type FetchLike = typeof globalThis.fetch;

export function fetchWithTimeout(timeoutMs: number, baseFetch: FetchLike = globalThis.fetch): FetchLike {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await baseFetch(input, { ...init, signal });
    } catch (error) {
      if (deadline.aborted) {
        const timeout = new Error(`no answer within ${timeoutMs} ms`);
        timeout.name = 'TimeoutError';
        throw timeout;
      }
      throw plainError(error);
    }
  };
}

function plainError(error: unknown): Error {
  // A refused certificate keeps its own message (system, host and the setting that fixes it).
  const refusal = findTlsTrustError(error);
  if (refusal)
    return Object.assign(new Error(refusal.message), { name: 'TlsTrustError', code: refusal.code });
  const name = field(error, 'name') ?? 'Error';
  // An abort requested by the caller keeps its name: Octokit passes AbortError through as is.
  if (name === 'AbortError') return Object.assign(new Error(field(error, 'message') ?? 'aborted'), { name });
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const detail = field(cause, 'code') ?? field(cause, 'message');
  const message = field(error, 'message') ?? String(error);
  return new Error(detail ? `${message} (${detail})` : message);
}

function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}
