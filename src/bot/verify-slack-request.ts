/**
 * Slack's request signature, checked before Bolt sees the request: HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret, compared in constant time, and a timestamp
 * within five minutes either way (Bolt only refuses old ones; a future timestamp would let a
 * captured request be replayed later).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 300;

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * What can be checked before the body is read: both headers present once, the timestamp within the
 * window, the signature of the one scheme Slack uses. A request that fails here is not read at all.
 */
export function checkSlackHeaders(input: {
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
  nowMs: number;
}): VerifyResult {
  const { signature, timestamp } = input;
  if (typeof signature !== 'string' || typeof timestamp !== 'string')
    return { ok: false, reason: 'missing or repeated signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  const skew = Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp));
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: `timestamp ${skew}s away from now` };
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed signature' };
  return { ok: true };
}

export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: Buffer | string;
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
  nowMs: number;
}): VerifyResult {
  const headers = checkSlackHeaders(input);
  if (!headers.ok) return headers;
  const { signature, timestamp } = input as { signature: string; timestamp: string };
  const expected = `v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:`).update(input.rawBody).digest('hex')}`;
  const ok = timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
