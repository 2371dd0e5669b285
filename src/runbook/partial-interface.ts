/**
 * "Only one of public/private IP address for the machine doesn't work": the device has both data
 * IPs, the target is one of them and does not answer ping, and the other answers when probed from
 * the same scanners (listed in the report or not). Neither answering is no partial case: the host
 * is unreachable.
 */
import type { Device, Evidence, SiblingInterface } from './evidence.js';
import { combinedReachability, reachabilityOf } from './reach.js';
import { type VlanPairing, vlanPairing } from './vlan.js';

export interface PartialInterface {
  device: Device;
  sibling: SiblingInterface;
  publicVlan: string | null;
  privateVlan: string | null;
  pairing: VlanPairing;
}

/** The structural half: the target is one data IP of a device that has both, and the other was probed. */
export function hasBothInterfaces(evidence: Evidence): boolean {
  const device = evidence.account.status === 'ok' ? evidence.account.value.device : null;
  return Boolean(
    device?.publicIp && device.privateIp && device.matchedAs !== 'management' && evidence.sibling,
  );
}

export function partialInterface(evidence: Evidence): PartialInterface | null {
  if (evidence.account.status !== 'ok' || !hasBothInterfaces(evidence)) return null;
  const device = evidence.account.value.device;
  const sibling = evidence.sibling;
  if (!device || !sibling) return null;
  const target = reachabilityOf(evidence);
  const other = combinedReachability(sibling.probes, null);
  if (target.status !== 'ok' || target.value.ping) return null;
  if (other.status !== 'ok' || !other.value.ping) return null;
  const publicVlan = device.publicVlan?.name ?? null;
  const privateVlan = device.privateVlan?.name ?? null;
  return { device, sibling, publicVlan, privateVlan, pairing: vlanPairing(publicVlan, privateVlan) };
}
