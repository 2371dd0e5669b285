/**
 * IPv4 lists as Tenable.sc writes them (zone `ipList`, asset `definedIPs`, the analysis `ip` filter):
 * comma- or whitespace-separated single IPs, CIDRs, `a.b.c.d-e.f.g.h` ranges and `a.b.c.d-h` short ranges.
 */

export interface AddressRange {
  first: number;
  last: number;
}

function toNumber(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** One entry as a range, or null when malformed. */
export function parseEntry(entry: string): AddressRange | null {
  const text = entry.trim();
  const [base, bits] = text.split('/');
  if (bits !== undefined) {
    const first = toNumber(base ?? '');
    if (first === null || !/^\d{1,2}$/.test(bits) || Number(bits) > 32) return null;
    const size = 2 ** (32 - Number(bits));
    const network = first - (first % size);
    return { first: network, last: network + size - 1 };
  }
  const [start, end] = text.split('-').map((part) => part.trim());
  const first = toNumber(start ?? '');
  if (first === null) return null;
  if (end === undefined) return { first, last: first };
  const last = /^\d{1,3}$/.test(end)
    ? toNumber(`${(start ?? '').split('.').slice(0, 3).join('.')}.${end}`)
    : toNumber(end);
  return last === null || last < first ? null : { first, last };
}

export function splitList(list: string): string[] {
  return list.split(/[,\s]+/).filter((entry) => entry !== '');
}

/** The ranges of a list; `invalid` names the first malformed entry, if any. */
export function parseList(list: string): { ranges: AddressRange[]; invalid?: string } {
  const ranges: AddressRange[] = [];
  for (const entry of splitList(list)) {
    const range = parseEntry(entry);
    if (!range) return { ranges, invalid: entry };
    ranges.push(range);
  }
  return { ranges };
}

export function inRanges(ip: string, ranges: readonly AddressRange[]): boolean {
  const address = toNumber(ip);
  return address !== null && ranges.some((range) => address >= range.first && address <= range.last);
}

export function addressCount(ranges: readonly AddressRange[]): number {
  return ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
}

/** Orders IPs numerically (`10.0.0.9` before `10.0.0.10`); non-IPs last, as text. */
export function compareIps(a: string, b: string): number {
  const left = toNumber(a);
  const right = toNumber(b);
  if (left !== null && right !== null) return left - right;
  if (left !== null) return -1;
  if (right !== null) return 1;
  return a.localeCompare(b);
}
