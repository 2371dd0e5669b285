/**
 * The one gate every probe passes before an address is used: a strict dotted-quad IPv4 address,
 * nothing else (no hostnames, no spaces, no shell syntax), and a scanner name of plain characters.
 */
import { InputError } from '../../errors.js';
import { isIPv4 } from '../../runbook/ip.js';

const SCANNER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertProbeTarget(ip: string, fromScanner: string): void {
  if (typeof ip !== 'string' || !isIPv4(ip)) {
    throw new InputError(`refusing to probe ${JSON.stringify(ip)}: not an IPv4 address`);
  }
  if (typeof fromScanner !== 'string' || !SCANNER_NAME.test(fromScanner)) {
    throw new InputError(`refusing to probe from ${JSON.stringify(fromScanner)}: not a scanner name`);
  }
}
