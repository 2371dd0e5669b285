/**
 * The fetch-based client every non-GitHub adapter speaks through: a timeout on every attempt,
 * retries with backoff and jitter (honouring Retry-After), zod validation of the body, one debug log
 * line and one counter entry per attempt, and errors that name the system and the call but never
 * carry a secret. Adapters add their API's quirks through `classify`.
 */
import type { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../errors.js';
import type { CallCounter } from '../../investigation/ports.js';
import { type Logger, redactSecrets } from '../../logger.js';
import type { SystemName } from '../../runbook/evidence.js';
import { backoffDelay, type Classify, retryAfterMs, type Verdict, verdictFor } from './retry-policy.js';
import { createTrustedFetch, findTlsTrustError, platformTrust, type TlsTrust } from './tls-trust.js';

export type { Classify, Outcome, Verdict } from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  system: SystemName;
  baseUrl: string;
  /** Sent on every request (authentication); their values are treated as secrets. */
  headers?: Record<string, string>;
  /** Per attempt. Default 10000. */
  timeoutMs?: number;
  /** Attempts after the first. Default 3. */
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Cap on a server's Retry-After. Default 30000. */
  maxRetryAfterMs?: number;
  logger: Logger;
  counter?: CallCounter;
  /** Values scrubbed from every error message and log line (keys, passwords, tokens). */
  secrets?: readonly string[];
  /** Used as is when given (tests); otherwise a fetch that judges certificates by `tls`. */
  fetch?: typeof fetch;
  /** Which certificates this system may present (default: the platform's CAs). */
  tls?: TlsTrust;
  classify?: Classify;
  /** Injected by tests to observe backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/**
 * The transport options an adapter takes from its caller and hands to its HttpClient unchanged; the
 * system, URL, headers and quirks are the adapter's own.
 */
export type TransportOptions = Pick<
  HttpClientOptions,
  'timeoutMs' | 'retries' | 'minBackoffMs' | 'maxBackoffMs' | 'logger' | 'counter' | 'fetch' | 'tls' | 'sleep'
>;

/** The transport options out of an adapter's options, leaving its own fields (keys, tokens) behind. */
export function transportOptions(options: TransportOptions): TransportOptions {
  const { timeoutMs, retries, minBackoffMs, maxBackoffMs, logger, counter, fetch, tls, sleep } = options;
  return { timeoutMs, retries, minBackoffMs, maxBackoffMs, logger, counter, fetch, tls, sleep };
}

export interface RequestOptions {
  method: HttpMethod;
  /** Relative to `baseUrl`; path segments must already be encoded. */
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  json?: unknown;
  /** Statuses besides 2xx that count as success (their body is returned or validated too). */
  okStatuses?: readonly number[];
  /** How the call is named in logs and errors (default: `path`). */
  label?: string;
  /**
   * Whether sending the call twice is harmless. Default: true for GET, PUT and DELETE, false for
   * POST and PATCH. A call that is not idempotent is retried only when the server refused it
   * before acting (429, a rate-limit verdict, a refused connection).
   */
  idempotent?: boolean;
  headers?: Record<string, string>;
  /** This call's own deadline per attempt (a call known to hang for a reason gets a short one). */
  timeoutMs?: number;
  /** This call's own number of retries (0: one attempt). */
  retries?: number;
  /**
   * Whether an attempt that got no HTTP answer at all (timeout, refused or dropped connection) is
   * worth repeating. Default true; false for calls whose silence has a cause that a retry only
   * waits on again (a management card, a scanner that is down).
   */
  retryUnanswered?: boolean;
}

export interface JsonRequestOptions<T> extends RequestOptions {
  schema: z.ZodType<T>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

type Parsed<R> = { ok: true; value: R } | { ok: false; reason: string; cause?: unknown };

interface AttemptFailure {
  reason: string;
  status: number | null;
  retryable: boolean;
  safeToRepeat: boolean;
  timedOut: boolean;
  malformed: boolean;
  /** The server's certificate was refused: never retried, reported with the setting that fixes it. */
  untrusted: boolean;
  retryAfterMs: number | null;
  cause?: unknown;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 3,
  minBackoffMs: 200,
  maxBackoffMs: 5_000,
  maxRetryAfterMs: 30_000,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  readonly system: SystemName;
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly policy: { minBackoffMs: number; maxBackoffMs: number; maxRetryAfterMs: number };
  private readonly log: Logger;
  private readonly counter: CallCounter | undefined;
  private readonly secrets: string[];
  private readonly fetchImpl: typeof fetch;
  private readonly classify: Classify | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: HttpClientOptions) {
    this.system = options.system;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.headers = { ...(options.headers ?? {}) };
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.retries = Math.max(0, options.retries ?? DEFAULTS.retries);
    this.policy = {
      minBackoffMs: options.minBackoffMs ?? DEFAULTS.minBackoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    };
    this.log = options.logger.child({ system: options.system });
    this.counter = options.counter;
    this.secrets = collectSecrets(options.secrets ?? [], this.headers);
    this.fetchImpl = options.fetch ?? createTrustedFetch(options.tls ?? platformTrust(options.system)).fetch;
    this.classify = options.classify;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Sends the request and returns the body validated by `schema`. */
  async request<T>(options: JsonRequestOptions<T>): Promise<T> {
    return (await this.requestWithHeaders(options)).data;
  }

  /** Like `request`, with the status and headers (paging headers such as SoftLayer-Total-Items). */
  async requestWithHeaders<T>(options: JsonRequestOptions<T>): Promise<JsonResponse<T>> {
    const { schema } = options;
    return this.execute(options, (raw) => {
      const parsed = parseBody(raw.text, schema);
      return parsed.ok
        ? { ok: true, value: { status: raw.status, headers: raw.headers, data: parsed.value } }
        : parsed;
    });
  }

  /** Sends the request and returns the raw response once it counts as success. */
  async requestRaw(options: RequestOptions): Promise<RawResponse> {
    return this.execute(options, (raw) => ({ ok: true, value: raw }));
  }

  private async execute<R>(options: RequestOptions, parse: (raw: RawResponse) => Parsed<R>): Promise<R> {
    const url = this.url(options);
    const label = `${options.method} ${options.label ?? options.path}`;
    const idempotent = options.idempotent ?? (options.method !== 'POST' && options.method !== 'PATCH');
    const maxAttempts = Math.max(0, options.retries ?? this.retries) + 1;
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(url, label, options, attempt, parse);
      if (result.ok) return result.value;
      const failure = result.failure;
      const mayRepeat =
        (idempotent || failure.safeToRepeat) &&
        (failure.status !== null || options.retryUnanswered !== false);
      if (attempt >= maxAttempts || !failure.retryable || !mayRepeat) {
        throw this.failureError(label, attempt, failure);
      }
      const delay = failure.retryAfterMs ?? backoffDelay(attempt, this.policy, this.random);
      this.log.debug(
        { attempt, delayMs: delay },
        `${label}: retrying in ${delay}ms (${this.redact(failure.reason)})`,
      );
      await this.sleep(delay);
    }
  }

  private async attempt<R>(
    url: URL,
    label: string,
    options: RequestOptions,
    attempt: number,
    parse: (raw: RawResponse) => Parsed<R>,
  ): Promise<{ ok: true; value: R } | { ok: false; failure: AttemptFailure }> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.headers,
      ...options.headers,
    };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method: options.method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const ms = elapsed();
      this.counter?.count(this.system, 'error', ms);
      const refusal = findTlsTrustError(error);
      if (refusal) {
        this.log.debug({ attempt }, `${label} -> certificate refused in ${ms}ms`);
        return {
          ok: false,
          failure: {
            reason: refusal.message,
            status: null,
            retryable: false,
            safeToRepeat: false,
            timedOut: false,
            malformed: false,
            untrusted: true,
            retryAfterMs: null,
            cause: refusal,
          },
        };
      }
      const timedOut = isTimeout(error);
      const reason = timedOut
        ? `timed out after ${options.timeoutMs ?? this.timeoutMs}ms`
        : networkReason(error);
      this.log.debug(
        { attempt, query: this.redact(url.search) },
        `${label} -> ${this.redact(reason)} in ${ms}ms`,
      );
      return {
        ok: false,
        failure: {
          reason,
          status: null,
          retryable: true,
          safeToRepeat: networkCode(error) === 'ECONNREFUSED',
          timedOut,
          malformed: false,
          untrusted: false,
          retryAfterMs: null,
          cause: error,
        },
      };
    }
    const ms = elapsed();
    const status = response.status;
    this.log.debug({ attempt, query: this.redact(url.search) }, `${label} -> ${status} in ${ms}ms`);
    const verdict: Verdict = verdictFor(this.classify, status, text, options.okStatuses);
    if (verdict.outcome !== 'ok') {
      this.counter?.count(this.system, 'error', ms);
      const retryable = verdict.outcome === 'retry';
      return {
        ok: false,
        failure: {
          reason: verdict.reason ?? describeStatus(response, text),
          status,
          retryable,
          safeToRepeat: verdict.safeToRepeat ?? false,
          timedOut: false,
          malformed: false,
          untrusted: false,
          retryAfterMs: retryable
            ? retryAfterMs(response.headers.get('retry-after'), this.policy.maxRetryAfterMs)
            : null,
        },
      };
    }
    const parsed = parse({ status, headers: response.headers, text });
    this.counter?.count(this.system, parsed.ok ? 'ok' : 'error', ms);
    if (parsed.ok) return parsed;
    return {
      ok: false,
      failure: {
        reason: parsed.reason,
        status,
        retryable: false,
        safeToRepeat: false,
        timedOut: false,
        malformed: true,
        untrusted: false,
        retryAfterMs: null,
        cause: parsed.cause,
      },
    };
  }

  private failureError(label: string, attempts: number, failure: AttemptFailure): IntegrationError {
    if (failure.untrusted) {
      return new IntegrationError(this.system, this.redact(failure.reason), {
        code: ErrorCode.TlsUntrusted,
        retryable: false,
        cause: failure.cause,
      });
    }
    const what = failure.malformed
      ? `${label} returned a malformed response: ${failure.reason}`
      : `${label} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${failure.reason}`;
    const hint =
      failure.status === 401 ? ` (check the ${this.system} credentials; the server rejected them)` : '';
    const message = this.redact(`${this.system}: ${what}${hint}`);
    const code = failure.malformed
      ? ErrorCode.IntegrationResponse
      : failure.timedOut
        ? ErrorCode.Timeout
        : ErrorCode.Integration;
    return new IntegrationError(this.system, message, {
      status: failure.status,
      retryable: failure.retryable,
      code,
      cause: failure.cause === undefined ? undefined : this.sanitizedCause(failure.cause),
    });
  }

  /** The original error with its message scrubbed: a cause ends up in logs too. */
  private sanitizedCause(cause: unknown): Error {
    const like = asErrorLike(cause);
    const name = typeof like?.name === 'string' ? like.name : 'Error';
    const message = typeof like?.message === 'string' ? like.message : String(cause);
    const copy = new Error(this.redact(`${name}: ${message}`));
    copy.name = name;
    return copy;
  }

  private url(options: RequestOptions): URL {
    const url = new URL(`${this.baseUrl}/${options.path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }
}

/** Explicit secrets plus every auth header value, and its credential part (`Basic abc` -> `abc`). */
function collectSecrets(secrets: readonly string[], headers: Record<string, string>): string[] {
  const all = new Set(secrets.filter((s) => s.length > 0));
  for (const value of Object.values(headers)) {
    all.add(value);
    const space = value.indexOf(' ');
    if (space > 0) all.add(value.slice(space + 1));
  }
  // Longest first, so a header value is replaced whole before any secret inside it.
  return [...all].sort((a, b) => b.length - a.length);
}

function parseBody<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  let value: unknown;
  if (text.trim() === '') {
    value = undefined;
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        reason: `not JSON (body starts with ${JSON.stringify(text.slice(0, 40))})`,
        cause: error,
      };
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (value === undefined) return { ok: false, reason: 'empty body', cause: result.error };
  const where = issue ? formatPath(issue.path) : '(root)';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}`, cause: result.error };
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `HTTP 500 Internal Error`: the status with the body's own message when it has one. */
function describeStatus(response: Response, text: string): string {
  const message = bodyMessage(text) ?? (response.statusText || null);
  return message ? `HTTP ${response.status} ${message}` : `HTTP ${response.status}`;
}

function bodyMessage(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['error_msg', 'error', 'message']) {
        const field = record[key];
        if (typeof field === 'string' && field.trim() !== '') return clip(field.trim());
      }
    }
    return null;
  } catch {
    return trimmed.startsWith('<') ? null : clip(trimmed);
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}...` : oneLine;
}

/** Errors from fetch may come from another realm (jest's VM), so they are read by shape, not `instanceof`. */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

function asErrorLike(error: unknown): ErrorLike | null {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : null;
}

function isTimeout(error: unknown): boolean {
  const name = asErrorLike(error)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function networkCode(error: unknown): string | null {
  const code = asErrorLike(asErrorLike(error)?.cause)?.code;
  return typeof code === 'string' ? code : null;
}

/** `fetch failed (ECONNREFUSED)`: undici hides the socket error in `cause`. */
function networkReason(error: unknown): string {
  const like = asErrorLike(error);
  const message = typeof like?.message === 'string' ? like.message : String(error);
  const innerMessage = asErrorLike(like?.cause)?.message;
  const detail = networkCode(error) ?? (typeof innerMessage === 'string' ? innerMessage : null);
  return detail ? `${message} (${detail})` : message;
}
