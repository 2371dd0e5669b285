/**
 * Turns whatever Octokit throws into our coded errors. Octokit's RequestError already redacts the
 * Authorization header; the message is GitHub's own text, which we scrub for the token as well in
 * case an API (or a proxy in front of it) echoes it back.
 */
import { ErrorCode, IntegrationError, NessusGapError, NotFoundError } from '../../errors.js';
import { redactSecrets } from '../../logger.js';
import { findTlsTrustError } from '../http/tls-trust.js';

export interface GitHubErrorContext {
  /** What we were doing, e.g. `reading issue o/r#12`. */
  action: string;
  secrets: readonly string[];
  /** The message of a NotFoundError when GitHub answers 404; a 404 is an IntegrationError without it. */
  notFound?: string;
}

interface HttpLikeError {
  status: number;
  message: string;
  response?: { status: number; headers: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

export function toGitHubError(raw: unknown, context: GitHubErrorContext): NessusGapError {
  if (raw instanceof NessusGapError) return raw;
  const scrub = (text: string) => redactSecrets(text, context.secrets);
  const error = sanitized(raw, scrub);
  if (!isHttpLikeError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new IntegrationError('github', scrub(`GitHub failed while ${context.action}: ${message}`), {
      retryable: true,
      cause: error,
    });
  }
  const status = error.response?.status ?? null;
  const refusal = findTlsTrustError(raw);
  if (status === null && refusal) {
    return new IntegrationError('github', scrub(refusal.message), {
      code: ErrorCode.TlsUntrusted,
      cause: error,
    });
  }
  if (status === null) {
    if (isTimeout(error)) {
      return new IntegrationError('github', `GitHub did not answer in time while ${context.action}`, {
        code: ErrorCode.Timeout,
        retryable: true,
        cause: error,
      });
    }
    return new IntegrationError(
      'github',
      scrub(`GitHub could not be reached while ${context.action}: ${error.message}`),
      {
        retryable: true,
        cause: error,
      },
    );
  }
  if (status === 404 && context.notFound) {
    return new NotFoundError(context.notFound, { cause: error });
  }
  const detail = scrub(error.message);
  if (status === 401) {
    return new IntegrationError(
      'github',
      `GitHub rejected the token (401) while ${context.action}: check GITHUB_TOKEN`,
      {
        status,
        cause: error,
      },
    );
  }
  const resetAt = primaryLimitReset(error);
  if ((status === 403 || status === 429) && resetAt !== null) {
    return new IntegrationError(
      'github',
      `GitHub rate limit: resets at ${hhmm(resetAt)} UTC (while ${context.action})`,
      { status, retryable: true, cause: error, code: ErrorCode.RateLimited },
    );
  }
  if ((status === 403 || status === 429) && isRateLimited(error)) {
    return new IntegrationError(
      'github',
      `GitHub rate limit still exceeded after a retry while ${context.action}: ${detail}`,
      {
        status,
        retryable: true,
        cause: error,
      },
    );
  }
  return new IntegrationError('github', `GitHub answered ${status} while ${context.action}: ${detail}`, {
    status,
    retryable: status === 429 || status >= 500,
    cause: error,
  });
}

/**
 * GitHub's 422 for a body over its limit (docs/outside-apis.md section 4.5: "Body is too long (maximum is
 * 65536 characters)").
 */
export function isBodyTooLong(error: unknown): boolean {
  return isHttpLikeError(error) && error.status === 422 && /\btoo long\b/i.test(error.message);
}

/**
 * A copy of the thrown error whose messages are scrubbed, keeping what we branch on (status,
 * response status and headers, the timeout's name): a cause ends up in logs too.
 */
function sanitized(error: unknown, scrub: (text: string) => string): unknown {
  if (!(error instanceof Error)) return new Error(scrub(String(error)));
  const copy = new Error(scrub(error.message)) as Error & Partial<HttpLikeError>;
  copy.name = error.name;
  if (isHttpLikeError(error)) {
    copy.status = error.status;
    if (error.response) copy.response = { status: error.response.status, headers: error.response.headers };
    if (error.cause instanceof Error) {
      const cause = new Error(scrub(error.cause.message));
      cause.name = error.cause.name;
      copy.cause = cause;
    }
  }
  return copy;
}

function isHttpLikeError(error: unknown): error is HttpLikeError {
  return (
    error instanceof Error &&
    'status' in error &&
    typeof error.status === 'number' &&
    typeof error.message === 'string'
  );
}

function isRateLimited(error: HttpLikeError): boolean {
  return (
    /\b(secondary )?rate limit/i.test(error.message) ||
    error.response?.headers['x-ratelimit-remaining'] === '0'
  );
}

/** When the primary limit is used up (`x-ratelimit-remaining: 0`), the reset time GitHub gives. */
function primaryLimitReset(error: HttpLikeError): Date | null {
  const headers = error.response?.headers ?? {};
  if (headers['x-ratelimit-remaining'] !== '0') return null;
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
}

function hhmm(date: Date): string {
  return date.toISOString().slice(11, 16);
}

function isTimeout(error: HttpLikeError): boolean {
  const names = [error, error.cause].map((e) => (e instanceof Error ? e.name : ''));
  return names.includes('TimeoutError');
}
