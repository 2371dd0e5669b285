/**
 * Coded errors: callers branch on `code`, never on message text. Messages say what went wrong and,
 * where a person can act, what to do. Secrets never go into a message (adapters redact first).
 */
export enum ErrorCode {
  ConfigInvalid = 'nessus_gap_config_invalid',
  InputInvalid = 'nessus_gap_input_invalid',
  NotFound = 'nessus_gap_not_found',
  Integration = 'nessus_gap_integration',
  IntegrationResponse = 'nessus_gap_integration_response',
  Timeout = 'nessus_gap_timeout',
  /** A server's certificate is not trusted for that system (docs/tls-and-real-servers.md). */
  TlsUntrusted = 'nessus_gap_tls_untrusted',
  /** An outside system's rate limit is used up until a time too far to wait for. */
  RateLimited = 'nessus_gap_rate_limited',
  NotAllowed = 'nessus_gap_not_allowed',
  Conflict = 'nessus_gap_conflict',
  /** A row of the store does not decode (damaged, or written by something else than the bot). */
  StoreRowInvalid = 'nessus_gap_store_row_invalid',
  Unknown = 'nessus_gap_unknown',
}

export interface CodedError extends Error {
  code: ErrorCode;
}

export class NessusGapError extends Error implements CodedError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad configuration: one line per problem in `problems`. */
export class ConfigError extends NessusGapError {
  constructor(readonly problems: string[]) {
    super(ErrorCode.ConfigInvalid, problems.join('\n'));
  }
}

/** Bad input from a person or a file (CLI exit code 2). */
export class InputError extends NessusGapError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.InputInvalid, message, options);
  }
}

export class NotFoundError extends NessusGapError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.NotFound, message, options);
  }
}

export class ConflictError extends NessusGapError {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

/** A call to an outside system failed after its retries; `system` names it, `status` is the HTTP status if any. */
export class IntegrationError extends NessusGapError {
  readonly system: string;
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(
    system: string,
    message: string,
    options: { status?: number | null; retryable?: boolean; cause?: unknown; code?: ErrorCode } = {},
  ) {
    super(options.code ?? ErrorCode.Integration, message, { cause: options.cause });
    this.system = system;
    this.status = options.status ?? null;
    this.retryable = options.retryable ?? false;
  }
}

export function isCodedError(error: unknown): error is CodedError {
  return error instanceof NessusGapError;
}

/** The message of any thrown value, for logs and findings. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
