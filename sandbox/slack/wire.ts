/**
 * Slack Web API wire format, server side: arguments arrive form-encoded (non-scalar values as JSON
 * strings in one field), as JSON, or in the query string; the token in `Authorization: Bearer` or a
 * `token` field; every answer is HTTP 200 with `ok`, except 429 for rate limits.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http-kit.js';

export type Args = Record<string, unknown>;

/** Fields the WebClient JSON-stringifies into one form field. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata', 'file_uploads'];

export type ParsedArgs = { ok: true; args: Args } | { ok: false; error: string };

export function parseArgs(request: EmulatorRequest): ParsedArgs {
  const args: Args = Object.fromEntries(request.query.entries());
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = request.body ? JSON.parse(request.body) : {};
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    if (!isRecord(parsed)) return { ok: false, error: 'invalid_json' };
    Object.assign(args, parsed);
  } else if (contentType.includes('multipart/form-data')) {
    return { ok: false, error: 'invalid_form_data' };
  } else if (request.body) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(request.body).entries()));
  }
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      // left as a string: the method answers invalid_blocks_format / invalid_arguments
    }
  }
  return { ok: true, args };
}

export function tokenOf(request: EmulatorRequest, args: Args): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  return typeof args.token === 'string' && args.token ? args.token : undefined;
}

export function ok(body: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, body: { ok: true, ...body } };
}

/** Slack answers errors with HTTP 200 and `ok: false`; `messages` go to response_metadata as Slack does. */
export function slackError(
  error: string,
  messages: string[] = [],
  extra: Record<string, unknown> = {},
): EmulatorResponse {
  const body: Record<string, unknown> = { ok: false, error, ...extra };
  if (messages.length > 0)
    body.response_metadata = { messages: messages.map((message) => `[ERROR] ${message}`) };
  return { status: 200, body };
}

export function rateLimited(): EmulatorResponse {
  return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string argument; numbers and booleans count as their text, as on the form wire they are text. */
export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function numberArg(args: Args, name: string): number | undefined {
  const text = stringArg(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The arguments as logged for tests: everything but the token. */
export function withoutToken(args: Args): Args {
  const { token: _token, ...rest } = args;
  return rest;
}
