/**
 * The two commands the runbook has a person type on the scanner, as run over SSH. The IP is their
 * only variable part, checked as a dotted quad right here, so no other text can reach the remote
 * shell.
 */
import { InputError } from '../../errors.js';
import { isIPv4 } from '../../runbook/ip.js';

export function pingCommand(ip: string): string {
  return `ping -c 1 -W 2 ${checked(ip)}`;
}

export function tcp22Command(ip: string): string {
  return `nc -zv -w 3 ${checked(ip)} 22`;
}

function checked(ip: string): string {
  if (!isIPv4(ip))
    throw new InputError(`refusing to build a probe command for ${JSON.stringify(ip)}: not an IPv4 address`);
  return ip;
}
