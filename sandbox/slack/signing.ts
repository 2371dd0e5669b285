/**
 * Slack request signing (docs/outside-apis.md section 5.1): `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw
 * body}`.
 */
import { createHmac } from 'node:crypto';

export function signSlackRequest(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
