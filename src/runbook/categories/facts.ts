/**
 * What a category's guide reads about one target, and the small phrases several guides share.
 */
import type { DiagnosisContext } from '../context.js';
import { type SortedTickets, sortTickets, ticketVerdict } from '../decommission-record.js';
import type { Check, Device, Evidence, FailedCheck, Reachability, VlanRef } from '../evidence.js';
import { deviceKindLabel, deviceOf, scannerLabel, ticketLine } from '../evidence-lines.js';
import type { Link } from '../finding.js';
import { reachabilityOf } from '../reach.js';

export interface Facts {
  evidence: Evidence;
  ip: string;
  /** The report's host name, else the device's; the IP when neither is known. */
  host: string;
  device: Device | null;
  /** The scanners the target is probed from, for a sentence. */
  scanner: string;
  context: DiagnosisContext;
  /** For `check_failed`: the checks the diagnosis needed and could not make. */
  blocking: FailedCheck[];
  /** The tickets naming the target, records apart (null when GitHub could not be searched). */
  tickets: SortedTickets | null;
  reach: Check<Reachability>;
}

export function factsOf(evidence: Evidence, context: DiagnosisContext, blocking: FailedCheck[]): Facts {
  const device = deviceOf(evidence);
  return {
    evidence,
    ip: evidence.target.ip,
    host: evidence.target.hostname ?? device?.hostname ?? evidence.target.ip,
    device,
    scanner: scannerLabel(evidence),
    context,
    blocking,
    tickets: sortTickets(evidence, context),
    reach: reachabilityOf(evidence),
  };
}

export function deviceName(f: Facts): string {
  return f.device ? `${deviceKindLabel(f.device)} ${f.device.hostname} (id ${f.device.id})` : f.host;
}

/** The host name, the device's name and the IP, each once. */
export function namesOf(f: Facts): string[] {
  return [
    ...new Set([f.evidence.target.hostname, f.device?.hostname, f.ip].filter((n): n is string => Boolean(n))),
  ];
}

export function portal(f: Facts): Link {
  return { label: 'IBM Infrastructure portal', url: f.context.links.infrastructurePortal };
}

/** One line per decommission record of the target. */
export function recordLines(f: Facts): string[] {
  return (f.tickets?.records ?? []).map((ticket) => ticketLine(ticket, ticketVerdict(ticket, f.context)));
}

/** Links to the records, for the guide's links. */
export function recordLinks(f: Facts): Link[] {
  return (f.tickets?.records ?? []).map((ticket) => ({
    label: `${ticket.repo}#${ticket.number}`,
    url: ticket.url,
  }));
}

export function vlanName(vlan: VlanRef | null | undefined): string {
  const name = vlan?.name?.trim();
  if (name) return name;
  return vlan?.number != null ? `unnamed VLAN ${vlan.number}` : 'unknown VLAN';
}

/** `Prod/Carrier6 (public) vs Prod/CSMG/B (private)` */
export function vlanPair(f: Facts): string {
  return `${vlanName(f.device?.publicVlan)} (public) vs ${vlanName(f.device?.privateVlan)} (private)`;
}

/** The ping answer, when the probes could tell. */
export function answered(f: Facts): Reachability | null {
  return f.reach.status === 'ok' ? f.reach.value : null;
}
