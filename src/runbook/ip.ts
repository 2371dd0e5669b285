/**
 * IPv4 helpers for the runbook: strict validation, and membership in the lists Tenable.sc and
 * SoftLayer use (single IPs, CIDRs, `a.b.c.d-e.f.g.h` ranges and `a.b.c.d-h` short ranges).
 */

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_STRICT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** True for a dotted-quad IPv4 address without leading zeros (`10.1.2.3`, not `010.1.2.3`). */
export function isIPv4(value: string): boolean {
  return IPV4_STRICT.test(value);
}

export function ipToNumber(ip: string): number {
  const parts = ip.split('.');
  return (
    (((Number(parts[0]) << 24) >>> 0) +
      (Number(parts[1]) << 16) +
      (Number(parts[2]) << 8) +
      Number(parts[3])) >>>
    0
  );
}

/** An inclusive range of IPv4 addresses as unsigned 32-bit numbers. */
export interface IpRange {
  first: number;
  last: number;
}

/** Parses `10.1.2.3`, `10.1.0.0/16`, `10.1.2.0-10.1.2.255` or `10.1.2.10-20`; null when malformed. */
export function parseIpRange(entry: string): IpRange | null {
  const text = entry.trim();
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const base = text.slice(0, slash);
    const bitsText = text.slice(slash + 1);
    if (!isIPv4(base) || !/^\d{1,2}$/.test(bitsText)) return null;
    const bits = Number(bitsText);
    if (bits > 32) return null;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const first = (ipToNumber(base) & mask) >>> 0;
    const last = (first | (~mask >>> 0)) >>> 0;
    return { first, last };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const start = text.slice(0, dash).trim();
    let end = text.slice(dash + 1).trim();
    if (!isIPv4(start)) return null;
    if (/^\d{1,3}$/.test(end)) end = `${start.split('.').slice(0, 3).join('.')}.${end}`;
    if (!isIPv4(end)) return null;
    const first = ipToNumber(start);
    const last = ipToNumber(end);
    return first <= last ? { first, last } : null;
  }
  if (!isIPv4(text)) return null;
  const n = ipToNumber(text);
  return { first: n, last: n };
}

/** Splits a Tenable.sc-style list (comma or whitespace separated) into ranges, skipping malformed entries. */
export function parseIpList(list: string): IpRange[] {
  const ranges: IpRange[] = [];
  for (const entry of list.split(/[,\s]+/)) {
    if (!entry) continue;
    const range = parseIpRange(entry);
    if (range) ranges.push(range);
  }
  return ranges;
}

export function rangesContain(ranges: readonly IpRange[], ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const n = ipToNumber(ip);
  return ranges.some((r) => n >= r.first && n <= r.last);
}
