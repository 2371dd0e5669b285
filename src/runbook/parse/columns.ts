/**
 * What a table column (or the key of a `key: value` pair) holds, from its header wording. Wording
 * drifts, so the header is reduced to words and matched by meaning, not by exact text.
 */
import type { InterfaceKind } from '../model.js';
import { findIps } from './find-ips.js';
import { cleanInline } from './text.js';

export type ColumnKind =
  | 'ip'
  | 'host'
  | 'interface'
  | 'environment'
  | 'lastScan'
  | 'attempted'
  | 'never'
  | 'other';

export interface Column {
  kind: ColumnKind;
  /** For an IP column named after an interface ("Private IP", "IPMI"). */
  hint: InterfaceKind | null;
}

const OTHER: Column = { kind: 'other', hint: null };

/** Columns about the scanning side, not the unscanned machine: their IPs are never targets. */
const FOREIGN = [
  'scanner',
  'nessus',
  'gateway',
  'gw',
  'subnet',
  'vlan',
  'router',
  'netmask',
  'mask',
  'zone',
  'cidr',
];
const IP_WORDS = ['ip', 'ips', 'ipv4', 'ipaddress', 'ipaddr', 'address', 'addresses', 'addr'];
const HOST_WORDS = [
  'host',
  'hostname',
  'hostnames',
  'server',
  'servername',
  'name',
  'machine',
  'fqdn',
  'device',
  'node',
  'system',
  'dns',
  'dnsname',
];
const HINTS: ReadonlyArray<readonly [string, InterfaceKind]> = [
  ['public', 'public'],
  ['front', 'public'],
  ['frontend', 'public'],
  ['private', 'private'],
  ['back', 'private'],
  ['backend', 'private'],
  ['ipmi', 'management'],
  ['management', 'management'],
  ['mgmt', 'management'],
  ['bmc', 'management'],
];

export function classifyHeader(raw: string): Column {
  if (raw.length > 120) return OTHER;
  const text = cleanInline(raw)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!text || text.length > 60) return OTHER;
  const words = text.split(' ');
  const has = (...candidates: string[]): boolean => candidates.some((c) => words.includes(c));
  const hint = HINTS.find(([word]) => has(word))?.[1] ?? null;

  if (has(...FOREIGN)) return OTHER;
  if (has('never')) return { kind: 'never', hint: null };
  if (words.some((w) => w.startsWith('attempt'))) return { kind: 'attempted', hint: null };
  const scanWord = words.some((w) => w === 'scan' || w === 'scanned' || w === 'scans');
  if (scanWord && (has('last', 'date', 'time', 'when', 'on', 'scanned') || text === 'scan')) {
    return { kind: 'lastScan', hint: null };
  }
  if (has('env', 'environment', 'environments', 'envname')) return { kind: 'environment', hint: null };
  if (has('type', 'kind', 'interface', 'iface', 'nic') && !has(...IP_WORDS.slice(4))) {
    return has(...IP_WORDS) && !has('type', 'kind')
      ? { kind: 'ip', hint }
      : { kind: 'interface', hint: null };
  }
  if (has(...IP_WORDS)) return { kind: 'ip', hint };
  if (has('network', 'net')) return { kind: 'interface', hint: null };
  if (hint !== null && words.length <= 2) return { kind: 'ip', hint };
  if (has(...HOST_WORDS)) return { kind: 'host', hint: null };
  return OTHER;
}

/** A row is a header when it names no IP and enough of its cells are recognised column names. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  if (cells.some((cell) => findIps(cell).length > 0)) return false;
  const known = cells.map(classifyHeader).filter((c) => c.kind !== 'other');
  return known.some((c) => c.kind === 'ip') || known.length >= 2;
}
