/**
 * The facts behind a finding, one plain sentence each. Text from the report or an API (host names,
 * VLAN names, ticket titles) is kept as-is: escaping belongs to the renderers.
 */
import type { TicketVerdict } from './decommission-record.js';
import type {
  AccountLookup,
  AccountSubnet,
  Check,
  DecommissionTicket,
  Device,
  Evidence,
  FailedCheck,
  Probe,
  Reachability,
  ScannerEvidence,
  SystemName,
  VlanRef,
} from './evidence.js';
import { type DatedScan, knownScans } from './scan-dates.js';

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

/** `bare metal prod-x (id 123) of account ALC in dal10 is powered off`; an unknown state says why when it is known. */
export function deviceLine(device: Device): string {
  const where = device.datacenter ? ` in ${device.datacenter}` : '';
  const name = `${deviceKindLabel(device)} ${device.hostname} (id ${device.id}) of account ${device.account}${where}`;
  if (device.powerState === 'unknown' && device.powerStateReason)
    return `${name}: ${device.powerStateReason}`;
  const power =
    device.powerState === 'unknown' ? 'has an unknown power state' : `is powered ${device.powerState}`;
  return `${name} ${power}`;
}

/** `10.1.2.3 is the management (IPMI) IP of bare metal prod-x (id 123)` */
export function matchedLine(ip: string, device: Device): string {
  const role = device.matchedAs === 'management' ? 'management (IPMI)' : device.matchedAs;
  return `${ip} is the ${role} IP of ${deviceKindLabel(device)} ${device.hostname} (id ${device.id})`;
}

/** `no device or subnet of accounts ALC, ALC_FR2 holds 10.1.2.3` */
export function notInAccountsLine(ip: string, lookup: AccountLookup): string {
  const accounts = lookup.accounts.join(', ');
  return `no device or subnet of ${lookup.accounts.length === 1 ? 'account' : 'accounts'} ${accounts} holds ${ip}`;
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
  return `subnet ${subnet.cidr} of account ${subnet.account}${details.length ? ` (${details.join(', ')})` : ''} holds ${ip}`;
}

/** `cancellation pending: billing ends 2026-12-01, ticket 88004` */
export function cancellationLine(cancellation: NonNullable<Device['cancellation']>): string {
  const parts = [
    cancellation.date ? `billing ends ${dayOf(cancellation.date)}` : null,
    cancellation.ticketId !== null
      ? `cancellation ticket ${cancellation.ticketId}`
      : 'no cancellation ticket known',
  ].filter((part): part is string => part !== null);
  return `cancellation pending: ${parts.join(', ')}`;
}

/** `alchemy-conductors/team#812 (open): Decommission app-05 — a decommission record` */
export function ticketLine(ticket: DecommissionTicket, verdict: TicketVerdict): string {
  const state =
    ticket.state === 'closed' && ticket.closedAt ? `closed ${dayOf(ticket.closedAt)}` : ticket.state;
  const title = ticket.title ? `: ${ticket.title}` : '';
  const why = verdict.record
    ? `a decommission record (it says ${ticket.decommissionWords.slice(0, 3).join(', ')})`
    : verdict.why === 'not about decommissioning'
      ? 'names it, but is no decommission record (it does not ask for the machine to be decommissioned or cancelled)'
      : verdict.why === 'closed too long ago'
        ? 'speaks of decommissioning, but was closed too long ago to count as a record'
        : 'speaks of decommissioning, but is closed and GitHub gives no date';
  return `ticket ${ticket.repo}#${ticket.number} (${state})${title}: ${why}`;
}

/** The scanners the target is probed from, for a sentence: `prod-dal09-infra-nessus-01`. */
export function scannerLabel(evidence: Evidence): string {
  const names = evidence.assignment.scanners;
  if (names.length === 0) return 'the scanner of its environment';
  return names.join(' and ');
}

/** Where a probe ran from, as a person should read it. */
export function probeSource(probe: Pick<Probe, 'scanner' | 'origin'>): string {
  return probe.origin === 'scanner'
    ? probe.scanner
    : `the bot's own host (local probe mode; the runbook probes from ${probe.scanner})`;
}

function reachText(reach: Reachability): string {
  const ping = reach.ping ? 'answers ping' : 'no answer to ping';
  const tcp = reach.tcp22 === null ? 'TCP 22 not checked' : reach.tcp22 ? 'TCP 22 open' : 'TCP 22 closed';
  return `${ping}, ${tcp}`;
}

/** One line per probe: `from prod-dal09-infra-nessus-01: no answer to ping, TCP 22 open` */
export function probeLines(ip: string, evidence: Pick<Evidence, 'probes' | 'probeSkipped'>): string[] {
  if (evidence.probes.length === 0) {
    return [`${ip} was not probed: ${evidence.probeSkipped ?? 'the probe was not made'}`];
  }
  return evidence.probes.map((probe) =>
    probe.result.status === 'ok'
      ? `${ip} from ${probeSource(probe)}: ${reachText(probe.result.value)}`
      : `${ip} from ${probeSource(probe)}: ${failedCheckLine(probe.result)}`,
  );
}

/** `10.1.2.4 (its private IP) answers ping from prod-dal09-infra-nessus-01` */
export function siblingLine(evidence: Evidence): string | null {
  const sibling = evidence.sibling;
  if (!sibling) return null;
  const made = sibling.probes.filter((probe) => probe.result.status === 'ok');
  const answering = made.filter((probe) => probe.result.status === 'ok' && probe.result.value.ping);
  const listed = sibling.listed ? ', also in the report' : ', not in the report';
  const role = `its ${sibling.interface} IP${listed}`;
  if (answering[0]) return `${sibling.ip} (${role}) answers ping from ${probeSource(answering[0])}`;
  if (made.length === 0) {
    const failure = sibling.probes.find((probe) => probe.result.status === 'failed')?.result;
    return `${sibling.ip} (${role}) could not be probed${failure?.status === 'failed' ? `: ${failure.reason}` : ''}`;
  }
  return `${sibling.ip} (${role}) does not answer ping either`;
}

/** `environment PROD-US-SOUTH (from the report) -> scanner prod-dal09-infra-nessus-01` */
export function environmentLine(evidence: Evidence): string {
  const { environment, environmentSource, scanners, choice, overruled } = evidence.assignment;
  if (!environment) return 'no environment in the report and none from the datacenter map: scanner unknown';
  const datacenter = deviceOf(evidence)?.datacenter ?? subnetOf(evidence)?.datacenter ?? null;
  const source =
    environmentSource === 'datacenter'
      ? `from datacenter ${datacenter ?? 'map'}`
      : environmentSource === 'location'
        ? `where the machine is${datacenter ? ` (${datacenter})` : ''}, over ${overruled.join(', ')} named by another row`
        : 'from the report';
  const target =
    scanners.length === 0
      ? 'no scanner configured for it'
      : choice === 'each'
        ? `scanners ${scanners.join(' and ')} (its location does not tell which, so each was asked)`
        : choice === 'location'
          ? `scanner ${scanners.join(', ')} (chosen by the host's name and datacenter)`
          : `scanner ${scanners.join(', ')}`;
  return `environment ${environment} (${source}) -> ${target}`;
}

/** `scanner prod-dal09-infra-nessus-01: Nessus says loading; Tenable.sc: Updating Plugins, Working` */
export function scannerLine(scanner: ScannerEvidence): string {
  const nessus =
    scanner.nessus === null
      ? 'no Nessus API is configured for it'
      : scanner.nessus.status === 'ok'
        ? `Nessus says ${scanner.nessus.value.status}`
        : `its Nessus API did not answer (${scanner.nessus.reason})`;
  const tenable =
    scanner.tenable.status === 'failed'
      ? `Tenable.sc could not be asked (${scanner.tenable.reason})`
      : scanner.tenable.value === null
        ? 'Tenable.sc lists no scanner of that name'
        : `Tenable.sc says ${scanner.tenable.value.status}`;
  return `scanner ${scanner.name}: ${nessus}; ${tenable}`;
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
