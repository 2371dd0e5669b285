import type { Device, Evidence, SiblingInterface } from '../evidence.js';
import { type VlanPairing, vlanPairing } from '../vlan.js';
import {
  inconclusive,
  MATCH,
  NO_MATCH,
  needAccount,
  needReachability,
  type Rule,
  type RuleResult,
} from './rule.js';

/** Only one of public/private works, and the two VLAN names do not pair: the machine sits on the wrong VLAN. */
export const vlanMismatch: Rule = {
  category: 'vlan_mismatch',
  applies: (evidence) => whenOnlyOneInterfaceWorks(evidence, 'mismatch'),
};

/** Only one of public/private works although the VLAN names pair: the host's interface is at fault. */
export const interfaceMisconfigured: Rule = {
  category: 'interface_misconfigured',
  applies: (evidence) => whenOnlyOneInterfaceWorks(evidence, 'pair'),
};

export interface PartialInterface {
  device: Device;
  sibling: SiblingInterface;
  publicVlan: string | null;
  privateVlan: string | null;
  pairing: VlanPairing;
}

/**
 * The structural half of "only one of public/private works": the device has both data IPs, the
 * target is one of them, and the other is not listed in the report (so the report shows it is
 * scanned). Both listed is no partial case: each goes on alone. Ping is checked by the rules.
 */
export function partialInterface(evidence: Evidence): PartialInterface | null {
  if (evidence.account.status !== 'ok') return null;
  const device = evidence.account.value.device;
  const sibling = evidence.sibling;
  if (!device?.publicIp || !device.privateIp) return null;
  if (device.matchedAs === 'management' || !sibling || sibling.listed) return null;
  const publicVlan = device.publicVlan?.name ?? null;
  const privateVlan = device.privateVlan?.name ?? null;
  return { device, sibling, publicVlan, privateVlan, pairing: vlanPairing(publicVlan, privateVlan) };
}

/**
 * An unknown VLAN name (many VLANs have none) proves neither a pair nor a mismatch, so neither rule
 * claims the target: it goes on to `unreachable`, whose evidence says the names are unknown.
 */
function whenOnlyOneInterfaceWorks(evidence: Evidence, pairing: Exclude<VlanPairing, 'unknown'>): RuleResult {
  const account = needAccount(evidence);
  if (!account.ok) return inconclusive(account.failed);
  const partial = partialInterface(evidence);
  if (!partial || partial.pairing !== pairing) return NO_MATCH;
  const reach = needReachability(evidence);
  if (!reach.ok) return inconclusive(reach.failed);
  return reach.value.ping ? NO_MATCH : MATCH;
}
