/**
 * The Octokit instance for GitHub Enterprise: retry and throttling plugins (as the official `octokit`
 * package composes them), a deadline on every HTTP attempt, and every attempt logged and counted.
 */

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type Bottleneck from 'bottleneck';
import type { CallCounter } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import { type FetchLike, fetchWithTimeout } from './fetch-with-timeout.js';
import { requestAccounting } from './request-accounting.js';

export interface GitHubClientOptions {
  /** GHES REST root, `https://HOST/api/v3` (GITHUB_API_URL). */
  baseUrl: string;
  token: string;
  logger: Logger;
  counter?: CallCounter;
  /** Deadline of one HTTP attempt (default 15 s). */
  timeoutMs?: number;
  /** Retries of 5xx, 429 and network failures by plugin-retry (default 2; back-off (n+1)^2 units). */
  retries?: number;
  /**
   * Milliseconds in one "second" of back-off or Retry-After (default 1000). Tests shrink it so a
   * `retry-after: 1` costs a millisecond; it applies to both plugins.
   */
  retryAfterBaseValue?: number;
  /** Seconds to wait on a secondary rate limit without `retry-after` (default 60, GitHub's advice). */
  fallbackSecondaryRateRetryAfter?: number;
  /** A rate-limit wait longer than this is not waited for: the call fails at once (default 120 s). */
  maxRateLimitWaitSeconds?: number;
  /** Space writes as GitHub asks (1 s apart, 3 s for comments); default true. */
  paceWrites?: boolean;
  /** Injected for tests; every call still gets the deadline. */
  fetch?: FetchLike;
}

export type GitHubClient = InstanceType<typeof Octokit>;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const logger = options.logger.child({ system: 'github' });
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
  const GheOctokit = Octokit.plugin(
    requestAccounting({ logger, counter: options.counter, secrets: [options.token] }),
    retry,
    throttling,
  );

  /** Retry once, as octokit.js does, unless GitHub asks for a wait we will not sit through. */
  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const willRetry = retryCount < 1 && retryAfter <= maxWait;
      logger.warn(
        { kind, method: request.method, url: request.url, retryAfter, retryCount, willRetry },
        `GitHub ${kind} rate limit hit; ${willRetry ? `retrying after ${retryAfter}s` : 'giving up'}`,
      );
      return willRetry;
    };

  return new GheOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    auth: options.token,
    userAgent: 'nessus-gap',
    // Octokit's own request log duplicates ours (and logs a 404 as an error); keep its warnings.
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.debug(message),
    },
    request: { fetch: fetchWithTimeout(options.timeoutMs ?? 15_000, options.fetch) },
    retry: { retries: options.retries ?? 2, retryAfterBaseValue },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      fallbackSecondaryRateRetryAfter: options.fallbackSecondaryRateRetryAfter ?? 60,
      retryAfterBaseValue,
      // GitHub asks clients to space content-creating requests (1 s, 3 s for comments); GitHub
      // Enterprise has no rate limits unless its admin turns them on, and a report split over
      // several comments would wait seconds for nothing. Rate-limit answers are still honoured.
      ...(options.paceWrites === false ? { write: UNPACED_GROUP, notifications: UNPACED_GROUP } : {}),
    },
  });
}

/** A limiter that runs every job at once (the shape plugin-throttling calls: `key(id).schedule`). */
const UNPACED: Pick<Bottleneck.Group, 'key'> = {
  key: () =>
    ({
      schedule: <T>(
        _options: unknown,
        job: (...args: unknown[]) => T,
        ...args: unknown[]
      ): Promise<Awaited<T>> => Promise.resolve().then(() => job(...args)) as Promise<Awaited<T>>,
    }) as unknown as Bottleneck,
};
// plugin-throttling only ever calls `key(id).schedule(...)` on these groups; the rest of Bottleneck's
// Group surface (Redis clustering, events) is never reached, hence the narrowing cast.
const UNPACED_GROUP = UNPACED as Bottleneck.Group;
