/**
 * SoftLayer's ways of failing (docs/outside-apis.md sections 1.6 and 1.7): `{"error","code"}` bodies on any
 * status, even 200; an empty 200 body; rate limiting as an exception code. Transient ones are retried, the
 * rest (a bad mask, an unknown object, a refused power command) fail at once with the API's own words.
 */
import type { Verdict } from '../http/retry-policy.js';

const RATE_LIMIT = 'SoftLayer_Exception_WebService_RateLimitExceeded';

interface SoftLayerException {
  error: string;
  code: string | null;
}

export function classifySoftLayer(status: number, bodyText: string): Verdict | undefined {
  const exception = readException(bodyText);
  if (status >= 200 && status < 300) {
    if (bodyText.trim() === '') return { outcome: 'retry', reason: `HTTP ${status} with an empty body` };
    return exception ? verdictFor(status, exception) : undefined;
  }
  return exception ? verdictFor(status, exception) : undefined;
}

function verdictFor(status: number, exception: SoftLayerException): Verdict {
  const reason = `HTTP ${status} ${exception.error}${exception.code ? ` (${exception.code})` : ''}`;
  if (exception.code === RATE_LIMIT || status === 429)
    return { outcome: 'retry', reason, safeToRepeat: true };
  if (exception.error === 'Internal Error') return { outcome: 'retry', reason };
  if (status >= 500 && isTransientCode(exception.code)) return { outcome: 'retry', reason };
  return { outcome: 'fail', reason };
}

/** Only codes that say "try later"; SoftLayer_Exception_Public with another message is a real answer. */
function isTransientCode(code: string | null): boolean {
  return code === null || /Timeout|Temporar|Unavailable|Busy/i.test(code);
}

function readException(text: string): SoftLayerException | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof value.error !== 'string') return null;
    return { error: value.error, code: typeof value.code === 'string' ? value.code : null };
  } catch {
    return null;
  }
}
