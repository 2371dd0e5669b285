/**
 * How Tenable.sc calls fail under `faultRate`: 500/503 in the envelope, a 403 envelope with a transient
 * error code, a hang, a dropped connection. The codes and messages are [U] choices. http-kit draws the
 * fault before the handler runs, so a failed launch launches nothing and a retry is safe.
 */
import type { EmulatorRequest, Fault } from '../http-kit.js';
import { envelope } from './envelope.js';

/** The [U] error_code of the transient 403 (SC answers database-lock trouble this way on busy systems). */
export const TRANSIENT_ERROR_CODE = 18;

export function tenableFault(_request: EmulatorRequest, random: () => number): Fault {
  const now = Date.now();
  const faults: Fault[] = [
    { status: 500, body: envelope('', now, 500, 'Internal Server Error') },
    { status: 503, body: envelope('', now, 503, 'Service Unavailable') },
    {
      status: 403,
      body: envelope('', now, TRANSIENT_ERROR_CODE, 'Unable to access the database: database is locked.'),
    },
    'hang',
    'reset',
  ];
  return faults[Math.floor(random() * faults.length)] ?? 'hang';
}
