/**
 * The facts behind a finding, one plain sentence each. Text from the report or an API (host names,
 * VLAN names, ticket titles) is kept as-is: escaping belongs to the renderers.
 */
import type {
  AccountSubnet,
  Check,
  DecommissionTicket,
  Device,
  Evidence,
  FailedCheck,
  SystemName,
  VlanRef,
} from './evidence.js';
import { type DatedScan, knownScans } from './rules/stale-scan.js';

export const SYSTEM_LABELS: Readonly<Record<SystemName, string>> = Object.freeze({
  github: 'GitHub Enterprise',
  softlayer: 'IBM Cloud infrastructure',
  tenable: 'Tenable.sc',
  nessus: 'the Nessus scanner',
  inventory: 'the Inventory',
  probe: 'reachability',
  slack: 'Slack',
});

/** The label of a system named in a report (`systemsDown`), or the name itself if it is not one of ours. */
export function systemLabel(name: string): string {
  return Object.hasOwn(SYSTEM_LABELS, name) ? SYSTEM_LABELS[name as SystemName] : name;
}

export function failedCheckLine(failure: FailedCheck): string {
  return `Could not check ${SYSTEM_LABELS[failure.system]} (${failure.check}): ${failure.reason}`;
}

/** The device found for the target, when the account look-up worked. */
export function deviceOf(evidence: Evidence): Device | null {
  return evidence.account.status === 'ok' ? evidence.account.value.device : null;
}

export function subnetOf(evidence: Evidence): AccountSubnet | null {
  return evidence.account.status === 'ok' ? evidence.account.value.subnet : null;
}

export function deviceKindLabel(device: Pick<Device, 'kind'>): string {
  return device.kind === 'hardware' ? 'bare metal' : 'virtual server';
}

/** `bare metal prod-x (id 123) is powered off`; an unknown state says why when it is known. */
export function deviceLine(device: Device): string {
  const where = device.datacenter ? ` in ${device.datacenter}` : '';
  const name = `${deviceKindLabel(device)} ${device.hostname} (id ${device.id})${where}`;
  if (device.powerState === 'unknown' && device.powerStateReason)
    return `${name}: ${device.powerStateReason}`;
  const power =
    device.powerState === 'on'
      ? 'is powered on'
      : device.powerState === 'off'
        ? 'is powered off'
        : 'has an unknown power state';
  return `${name} ${power}`;
}

/** `10.1.2.3 is the management (IPMI) IP of bare metal prod-x (id 123)` */
export function matchedLine(ip: string, device: Device): string {
  const role = device.matchedAs === 'management' ? 'management (IPMI)' : device.matchedAs;
  return `${ip} is the ${role} IP of ${deviceKindLabel(device)} ${device.hostname} (id ${device.id})`;
}

/** `Prod/Carrier6 (1142)`, or what is known of the VLAN. */
export function vlanText(vlan: VlanRef | null): string {
  if (!vlan) return 'unknown VLAN';
  const name = vlan.name?.trim();
  if (name && vlan.number !== null) return `${name} (${vlan.number})`;
  if (name) return name;
  if (vlan.number !== null) return `number ${vlan.number} (no name)`;
  return vlan.id !== null ? `id ${vlan.id} (no name)` : 'unknown VLAN';
}

export function subnetLine(ip: string, subnet: AccountSubnet): string {
  const details = [
    subnet.subnetType,
    subnet.vlan ? `VLAN ${vlanText(subnet.vlan)}` : null,
    subnet.datacenter,
  ].filter((part): part is string => Boolean(part));
  return `account subnet ${subnet.cidr}${details.length ? ` (${details.join(', ')})` : ''} holds ${ip}`;
}

/** `cancellation pending: billing ends 2026-12-01, ticket 88004` */
export function cancellationLine(cancellation: NonNullable<Device['cancellation']>): string {
  const parts = [
    cancellation.date ? `billing ends ${dayOf(cancellation.date)}` : null,
    cancellation.ticketId !== null ? `ticket ${cancellation.ticketId}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? `cancellation pending: ${parts.join(', ')}` : 'cancellation pending';
}

/** `decommission ticket alchemy-conductors/team#812 (open): Decommission app-05` */
export function ticketLine(ticket: DecommissionTicket): string {
  return `decommission ticket ${ticket.repo}#${ticket.number} (${ticket.state})${ticket.title ? `: ${ticket.title}` : ''}`;
}

export function scannerLabel(evidence: Evidence): string {
  return evidence.assignment.scanner ?? 'the scanner of its environment';
}

/** `no ping from prod-dal09-infra-nessus-01; TCP 22 open`, or why no probe was made. */
export function reachabilityLine(evidence: Evidence): string {
  const reach = evidence.reachability;
  if (reach === null) return `not probed: ${evidence.probeSkipped ?? 'the probe was not made'}`;
  if (reach.status === 'failed') return failedCheckLine(reach);
  const ping = reach.value.ping
    ? `answers ping from ${scannerLabel(evidence)}`
    : `no ping from ${scannerLabel(evidence)}`;
  const tcp =
    reach.value.tcp22 === null ? 'TCP 22 not checked' : reach.value.tcp22 ? 'TCP 22 open' : 'TCP 22 closed';
  return `${ping}; ${tcp}`;
}

/** `environment PROD-US-SOUTH (from the report) -> scanner prod-dal09-infra-nessus-01` */
export function environmentLine(evidence: Evidence): string {
  const { environment, environmentSource, scanner } = evidence.assignment;
  if (!environment) return 'no environment in the report and none from the datacenter map: scanner unknown';
  const datacenter = deviceOf(evidence)?.datacenter ?? subnetOf(evidence)?.datacenter ?? null;
  const source =
    environmentSource === 'datacenter' ? `from datacenter ${datacenter ?? 'map'}` : 'from the report';
  return `environment ${environment} (${source}) -> ${scanner ? `scanner ${scanner}` : 'no scanner configured for it'}`;
}

export function neverScannedLine(ip: string): string {
  return `the report says the scan of ${ip} was never attempted`;
}

export function coverageLine(
  ip: string,
  check: Check<readonly { name: string }[]>,
  what: 'asset list' | 'scan zone',
): string {
  if (check.status === 'failed') return failedCheckLine(check);
  if (check.value.length === 0) {
    return what === 'asset list'
      ? `no Tenable.sc asset list holds ${ip}`
      : `no Tenable.sc scan zone covers ${ip}`;
  }
  const names = check.value.map((item) => item.name).join(', ');
  return what === 'asset list'
    ? `asset lists holding ${ip}: ${names}`
    : `scan zones covering ${ip}: ${names}`;
}

/** `last scan 2024-03-02, over a year ago` */
export function lastScanLine(newest: DatedScan, stale: boolean): string {
  return `last scan ${dayOf(newest.at.toISOString())}${stale ? ', over a year ago' : ''}`;
}

/** Where each known scan date comes from, for a person who wants to verify it. */
export function scanSourcesLine(evidence: Evidence): string {
  const scans = knownScans(evidence);
  const of = (source: DatedScan['source']) => {
    const scan = scans.find((item) => item.source === source);
    return scan ? dayOf(scan.at.toISOString()) : 'none';
  };
  const tenable =
    evidence.lastScan.status === 'ok'
      ? `Tenable.sc authenticated run: ${of('authenticated')}, unauthenticated run: ${of('unauthenticated')}`
      : failedCheckLine(evidence.lastScan);
  return `report: ${of('report')}; ${tenable}`;
}

export function dayOf(isoLike: string): string {
  const match = /^\d{4}-\d{2}-\d{2}/.exec(isoLike.trim());
  return match ? match[0] : isoLike;
}
