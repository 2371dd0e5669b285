/** The sandbox's own IPv4 check (emulators share no code with src/runbook, on purpose). */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** True for `10.1.2.3`; false for leading zeros, CIDRs, hostnames and anything else. */
export function isDottedQuad(value: string): boolean {
  return DOTTED_QUAD.test(value);
}
