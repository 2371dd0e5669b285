/**
 * How Slack calls fail under `faultRate`: 429 with Retry-After (the client waits and retries),
 * `fatal_error` in an HTTP 200 body (Slack's own error shape), a bare 500, or no answer at all.
 * Upload and response URLs are not the Web API: they fail with a 500 or a hang.
 */
import type { EmulatorRequest, Fault } from '../http-kit.js';
import { rateLimited, slackError } from './wire.js';

export function slackFault(request: EmulatorRequest, random: () => number): Fault {
  const faults: Fault[] = request.path.startsWith('/api/')
    ? [rateLimited(), slackError('fatal_error'), { status: 500, body: 'Internal Server Error' }, 'hang']
    : [{ status: 500, body: 'Internal Server Error' }, 'hang'];
  return faults[Math.floor(random() * faults.length)] ?? 'hang';
}
