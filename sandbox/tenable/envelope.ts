/**
 * Tenable.sc's response envelope (docs/outside-apis.md section 2.2): every answer is
 * `{type, response, error_code, error_msg, warnings, timestamp}`; errors are HTTP 403 with a non-zero
 * `error_code` and `response: ""`.
 */
import type { EmulatorResponse } from '../http-kit.js';

export function envelope(
  response: unknown,
  nowMs: number,
  errorCode = 0,
  errorMessage = '',
): Record<string, unknown> {
  return {
    type: 'regular',
    response,
    error_code: errorCode,
    error_msg: errorMessage,
    warnings: [],
    timestamp: Math.floor(nowMs / 1000),
  };
}

export function ok(response: unknown, nowMs: number): EmulatorResponse {
  return { status: 200, body: envelope(response, nowMs) };
}

export function scError(errorCode: number, message: string, nowMs: number, status = 403): EmulatorResponse {
  return { status, body: envelope('', nowMs, errorCode, message) };
}

/**
 * Error codes. 147 (object not found) and 146 (invalid analysis filter) are [C]; the others are [U]
 * choices: the real codes for a bad API key, an unknown resource and a malformed request are not known.
 */
export const ErrorCodes = {
  invalidApiKey: 74,
  invalidAnalysis: 146,
  notFound: 147,
  invalidRequest: 143,
  unknownResource: 144,
  /** An administrator reading an organisation's object without orgID (pyTenable issue #294) [O]. */
  orgIdRequired: 15,
  /** An administrator's analysis (tenable/integration-jira-cloud issue #282) [O]. */
  administratorAnalysis: 202,
} as const;

/** Thrown inside a resource handler to answer with an error envelope; caught by the router. */
export class TenableFailure extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'TenableFailure';
  }
}
