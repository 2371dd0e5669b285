/**
 * Which device of the account uses an IP, and which account subnet holds it: the runbook's
 * `@netmax` look-up, done once over the whole account for thousands of targets.
 */
import type { AccountLookup, AccountSubnet, Device, SiblingInterface } from './evidence.js';
import { ipToNumber, isIPv4 } from './ip.js';

/** A device as the account lists it, before we know which of its addresses a target is. */
export type AccountDevice = Omit<Device, 'matchedAs'>;

export interface AccountIndex {
  lookup(ip: string): AccountLookup;
}

interface DeviceHit {
  device: AccountDevice;
  matchedAs: Device['matchedAs'];
}

/**
 * Builds the index once over every account searched: O(devices + subnets); each look-up is then
 * O(1) (at most 33 map probes).
 */
export function indexAccount(
  devices: readonly AccountDevice[],
  subnets: readonly AccountSubnet[],
  accounts: readonly string[] = [...new Set([...devices, ...subnets].map((item) => item.account))],
): AccountIndex {
  const byIp = indexDevices(devices);
  const subnetsByPrefix = indexSubnets(subnets);

  return {
    lookup(ip: string): AccountLookup {
      const hit = byIp.get(ip);
      const device: Device | null = hit ? { ...hit.device, matchedAs: hit.matchedAs } : null;
      return { device, subnet: mostSpecificSubnet(subnetsByPrefix, ip), accounts: [...accounts] };
    },
  };
}

/** One-off look-up; for many IPs build the index once with `indexAccount`. */
export function lookupAccount(
  ip: string,
  devices: readonly AccountDevice[],
  subnets: readonly AccountSubnet[],
): AccountLookup {
  return indexAccount(devices, subnets).lookup(ip);
}

/**
 * The device's other data interface (private for a public target, public for a private one), when
 * the device has both. Management IPs have no sibling: the public/private rules do not apply to them.
 */
export function siblingOf(
  device: Device,
  listedIps: ReadonlySet<string>,
): Omit<SiblingInterface, 'probes'> | null {
  if (!device.publicIp || !device.privateIp) return null;
  if (device.matchedAs === 'public') {
    return { ip: device.privateIp, interface: 'private', listed: listedIps.has(device.privateIp) };
  }
  if (device.matchedAs === 'private') {
    return { ip: device.publicIp, interface: 'public', listed: listedIps.has(device.publicIp) };
  }
  return null;
}

function indexDevices(devices: readonly AccountDevice[]): Map<string, DeviceHit> {
  const byIp = new Map<string, DeviceHit>();
  // Data interfaces first: should an account ever report the same IP as one device's data IP and
  // another's management IP, the data interface is the one the scanner is meant to reach.
  for (const device of devices) {
    if (device.publicIp && !byIp.has(device.publicIp))
      byIp.set(device.publicIp, { device, matchedAs: 'public' });
    if (device.privateIp && !byIp.has(device.privateIp)) {
      byIp.set(device.privateIp, { device, matchedAs: 'private' });
    }
  }
  for (const device of devices) {
    if (device.managementIp && !byIp.has(device.managementIp)) {
      byIp.set(device.managementIp, { device, matchedAs: 'management' });
    }
  }
  return byIp;
}

/** Subnets keyed by prefix length, then by network address; the first listed wins a duplicate. */
function indexSubnets(subnets: readonly AccountSubnet[]): Map<number, Map<number, AccountSubnet>> {
  const byPrefix = new Map<number, Map<number, AccountSubnet>>();
  for (const subnet of subnets) {
    const parsed = parseCidr(subnet.cidr);
    if (!parsed) continue;
    let networks = byPrefix.get(parsed.bits);
    if (!networks) {
      networks = new Map();
      byPrefix.set(parsed.bits, networks);
    }
    if (!networks.has(parsed.network)) networks.set(parsed.network, subnet);
  }
  return byPrefix;
}

function mostSpecificSubnet(
  byPrefix: Map<number, Map<number, AccountSubnet>>,
  ip: string,
): AccountSubnet | null {
  if (!isIPv4(ip)) return null;
  const n = ipToNumber(ip);
  for (let bits = 32; bits >= 0; bits--) {
    const networks = byPrefix.get(bits);
    if (!networks) continue;
    const found = networks.get((n & maskOf(bits)) >>> 0);
    if (found) return found;
  }
  return null;
}

function parseCidr(cidr: string): { network: number; bits: number } | null {
  const [base = '', bitsText = '32', extra] = cidr.trim().split('/');
  if (extra !== undefined || !isIPv4(base) || !/^\d{1,2}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > 32) return null;
  return { network: (ipToNumber(base) & maskOf(bits)) >>> 0, bits };
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}
