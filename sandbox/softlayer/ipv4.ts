/** Just enough IPv4 arithmetic for the SoftLayer emulator to place an address in a subnet. */

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as an unsigned 32-bit number, or null when it is not a dotted quad. */
export function ipv4ToNumber(text: string): number | null {
  const match = DOTTED_QUAD.exec(text.trim());
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

/** Position of `ip` inside `networkIdentifier/cidr` (0 = network address), or null when outside. */
export function offsetInSubnet(ip: string, networkIdentifier: string, cidr: number): number | null {
  const address = ipv4ToNumber(ip);
  const network = ipv4ToNumber(networkIdentifier);
  if (address === null || network === null || !Number.isInteger(cidr) || cidr < 0 || cidr > 32) return null;
  const size = 2 ** (32 - cidr);
  const offset = address - network;
  return offset >= 0 && offset < size ? offset : null;
}
