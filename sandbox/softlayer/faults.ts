/**
 * How SoftLayer calls fail under `faultRate` (docs/outside-apis.md sections 1.6 and 1.7). http-kit draws the
 * fault before the handler runs, so a failed call never changes state: a client may retry any call, a write
 * included.
 */
import type { EmulatorRequest, Fault } from '../http-kit.js';

const INTERNAL_ERROR = { error: 'Internal Error', code: 'SoftLayer_Exception_Public' };

const FAULTS: readonly Fault[] = [
  { status: 500, body: INTERNAL_ERROR },
  // softlayer-go special-cases this error inside a 200 [C].
  { status: 200, body: INTERNAL_ERROR },
  // ... and an empty 200 body [C].
  { status: 200 },
  // The message is [O] (softlayer-python #884); the HTTP status that goes with it is [U].
  {
    status: 500,
    body: {
      error: 'Rate limit of 50 requests for every 1 second(s) exceeded.',
      code: 'SoftLayer_Exception_WebService_RateLimitExceeded',
    },
  },
  'hang',
  // The load balancer's answer, not the API's: HTML, not JSON.
  {
    status: 504,
    headers: { 'content-type': 'text/html' },
    body: "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>",
  },
];

export function softLayerFault(_request: EmulatorRequest, random: () => number): Fault {
  return FAULTS[Math.floor(random() * FAULTS.length)] ?? 'hang';
}
