/**
 * Every Tenable.sc answer is wrapped in `{type, response, error_code, error_msg, warnings, timestamp}`
 * (docs/outside-apis.md section 2.2). A non-zero `error_code` is an error on any HTTP status; errors usually
 * come as 403 with the reason in `error_msg`. Most are answers (bad filter, unknown object) and are not
 * retried; server errors and a locked database are.
 */
import { z } from 'zod';
import type { Verdict } from '../http/retry-policy.js';

/** The envelope around `inner`, unwrapped to its `response`. */
export function envelope<T>(inner: z.ZodType<T>) {
  return z.object({ response: inner }).transform((body) => body.response);
}

/** SC has no documented transient codes; a locked database or a busy server says so in words. */
const TRANSIENT_MESSAGE = /database is locked|temporarily|try again/i;

export function classifyTenable(status: number, bodyText: string): Verdict | undefined {
  const error = readEnvelopeError(bodyText);
  if (!error) return undefined;
  const reason = `HTTP ${status} error_code ${error.code}: ${error.message || '(no message)'}`;
  const transient = status >= 500 || status === 429 || TRANSIENT_MESSAGE.test(error.message);
  return { outcome: transient ? 'retry' : 'fail', reason, safeToRepeat: status === 429 };
}

function readEnvelopeError(text: string): { code: string; message: string } | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    const code = body.error_code;
    if (code === undefined || code === null || code === 0 || code === '0' || code === '') return null;
    return { code: String(code), message: typeof body.error_msg === 'string' ? body.error_msg.trim() : '' };
  } catch {
    return null;
  }
}
