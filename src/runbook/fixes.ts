/**
 * What a finding tells a person: the cause in one line, the facts behind it, the runbook's steps in
 * order (with the real IP, host and scanner filled in), the buttons it offers and where to read more.
 */
import type { Device, Evidence, FailedCheck, VlanRef } from './evidence.js';
import {
  cancellationLine,
  coverageLine,
  dayOf,
  deviceKindLabel,
  deviceLine,
  deviceOf,
  environmentLine,
  failedCheckLine,
  lastScanLine,
  matchedLine,
  neverScannedLine,
  reachabilityLine,
  SYSTEM_LABELS,
  scannerLabel,
  scanSourcesLine,
  subnetLine,
  subnetOf,
  ticketLine,
  vlanText,
} from './evidence-lines.js';
import type { Link } from './finding.js';
import {
  conductorsSearchLink,
  inventorySearchLink,
  type LinkSettings,
  type RunbookSection,
  runbookLink,
} from './links.js';
import type { ActionName, Category } from './model.js';
import { partialInterface } from './rules/partial-interface.js';
import { openDecommissionTickets } from './rules/powered-off.js';
import { isStale, newestScan } from './rules/stale-scan.js';

/** The buttons of each category, as the design's table lists them. */
export const CATEGORY_ACTIONS: Readonly<Record<Category, readonly ActionName[]>> = Object.freeze({
  check_failed: ['recheck'],
  not_in_account: ['mark_notalchemy'],
  management_ip_unreachable: ['open_ipmi_ticket'],
  no_device: ['mark_notalchemy'],
  pending_deletion: ['request_reclaim', 'mark_pending_deletion'],
  powered_off_decommissioning: ['mark_pending_deletion', 'request_reclaim'],
  powered_off: ['power_on'],
  scanner_down: ['recheck'],
  not_in_asset_list: ['recheck'],
  not_in_scan_zone: ['recheck'],
  stale_scan: ['recheck'],
  vlan_mismatch: ['recheck'],
  interface_misconfigured: ['recheck'],
  unreachable: ['power_on', 'recheck'],
  reachable: ['launch_scan', 'recheck'],
});

/** The runbook section each category comes from. */
export const CATEGORY_SECTIONS: Readonly<Record<Category, RunbookSection>> = Object.freeze({
  check_failed: 'tracking',
  not_in_account: 'notInAccount',
  management_ip_unreachable: 'noMachine',
  no_device: 'noMachine',
  pending_deletion: 'beingDeleted',
  powered_off_decommissioning: 'poweredOff',
  powered_off: 'poweredOff',
  scanner_down: 'scannerState',
  not_in_asset_list: 'assetList',
  not_in_scan_zone: 'scanZone',
  stale_scan: 'staleScan',
  vlan_mismatch: 'onlyOneInterface',
  interface_misconfigured: 'onlyOneInterface',
  unreachable: 'uncontactable',
  reachable: 'scannerState',
});

export interface FindingText {
  summary: string;
  evidence: string[];
  fixes: string[];
  actions: ActionName[];
  links: Link[];
}

export interface FixContext {
  links: LinkSettings;
  now: Date;
}

interface Facts {
  evidence: Evidence;
  ip: string;
  /** The report's host name, else the device's; the IP when neither is known. */
  host: string;
  device: Device | null;
  scanner: string;
  context: FixContext;
  /** For `check_failed`: the checks the diagnosis needed and could not make. */
  blocking: FailedCheck[];
}

interface Guide {
  summary: string;
  evidence: string[];
  fixes: string[];
  links?: Link[];
}

/** Describes a diagnosed target. `blocking` names the failed checks of a `check_failed` finding. */
export function describeFinding(
  category: Category,
  evidence: Evidence,
  context: FixContext,
  blocking: FailedCheck[] = [],
): FindingText {
  const device = deviceOf(evidence);
  const facts: Facts = {
    evidence,
    ip: evidence.target.ip,
    host: evidence.target.hostname ?? device?.hostname ?? evidence.target.ip,
    device,
    scanner: scannerLabel(evidence),
    context,
    blocking,
  };
  const guide = GUIDES[category](facts);
  return {
    summary: guide.summary,
    evidence: guide.evidence,
    fixes: guide.fixes,
    actions: [...CATEGORY_ACTIONS[category]],
    links: [runbookLink(context.links, CATEGORY_SECTIONS[category]), ...(guide.links ?? [])],
  };
}

const GUIDES: Readonly<Record<Category, (facts: Facts) => Guide>> = {
  check_failed: (f) => {
    const names = [...new Set(f.blocking.map((b) => `${SYSTEM_LABELS[b.system]} (${b.check})`))];
    const skippedProbe = f.evidence.reachability === null && f.blocking.some((b) => b.system === 'probe');
    return {
      summary: `Could not check ${names.join(', ') || 'everything the diagnosis needs'}: cause unknown until a re-check`,
      evidence: [
        ...f.blocking.map(failedCheckLine),
        ...(f.device ? [deviceLine(f.device)] : []),
        ...(skippedProbe ? [environmentLine(f.evidence)] : []),
      ],
      fixes: [
        ...(skippedProbe
          ? [
              `Tell the bot which scanner reaches ${f.ip}: map its environment to a scanner under \`environments\` in the configuration (or its datacenter under \`datacenters\` when the report names no environment).`,
            ]
          : []),
        'Press Re-check once the systems above answer again; nothing was concluded about this IP meanwhile.',
        `If a check keeps failing, work through the runbook by hand for ${f.ip}, starting with the account look-up.`,
      ],
      links: [inventorySearchLink(f.context.links, f.ip)],
    };
  },

  not_in_account: (f) => ({
    summary: 'Not in our IBM Cloud account: no device or subnet of the account holds this IP',
    evidence: [
      `no device of the account uses ${f.ip}`,
      `no account subnet holds ${f.ip}`,
      // Why the bot sent it no packet: it probes only the account's IPs and the configured CIDRs.
      ...(f.evidence.reachability === null && f.evidence.probeSkipped ? [reachabilityLine(f.evidence)] : []),
    ],
    fixes: [
      `Double-check ${f.ip} in the IBM Infrastructure portal: machines carrying a wrong code (often KUBE ones) are reported under ALC by mistake.`,
      `In the Inventory dashboard, search ${f.ip}, right-click the server, choose Update > Environment and pick NOTALCHEMY, so it leaves our compliance report.`,
      'Leave a comment on the gap issue saying the machine is not in our account and was set to NOTALCHEMY.',
    ],
    links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
  }),

  management_ip_unreachable: (f) => ({
    summary: 'Management (IPMI) IP does not answer ping: the IPMI needs a switch configuration refresh',
    evidence: [
      ...(f.device ? [matchedLine(f.ip, f.device), deviceLine(f.device)] : []),
      reachabilityLine(f.evidence),
    ],
    fixes: [
      `Confirm from ${f.scanner} that \`ping ${f.ip}\` gets no answer.`,
      `Open an IBM Infrastructure ticket for ${deviceName(f)}: its management IP ${f.ip} does not answer ping; ask them to refresh the switch configuration of the IPMI and to confirm the IPMI answers afterwards.`,
      'Press Re-check once the ticket is resolved: scanning of the IP should then work again.',
    ],
    links: [portal(f)],
  }),

  no_device: (f) => {
    const subnet = subnetOf(f.evidence);
    return {
      summary: 'No machine uses this IP any more: an account subnet holds it, but no device',
      evidence: [
        ...(subnet ? [subnetLine(f.ip, subnet)] : []),
        `no device of the account uses ${f.ip}, not even as a management (IPMI) IP`,
      ],
      fixes: [
        `Look ${f.ip} up in the IBM Infrastructure portal to be sure no machine, nor any machine's management interface, uses it.`,
        `If nothing does, the machine is gone: in the Inventory dashboard search ${f.ip}, then Update > Environment > NOTALCHEMY.`,
        'Leave a comment on the gap issue saying the machine no longer exists and was set to NOTALCHEMY.',
      ],
      links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },

  pending_deletion: (f) => {
    const cancellation = f.device?.cancellation ?? null;
    const ticket =
      cancellation?.ticketId != null
        ? `cancellation ticket ${cancellation.ticketId}`
        : 'the cancellation ticket';
    return {
      summary: `Cancellation pending${
        cancellation?.date ? ` (billing ends ${dayOf(cancellation.date)})` : ''
      }: ask for immediate reclaim and mark PENDING-DELETION`,
      evidence: [
        ...(f.device ? [deviceLine(f.device)] : []),
        ...(cancellation ? [cancellationLine(cancellation)] : []),
      ],
      fixes: [
        `Update ${ticket} in the IBM Infrastructure portal asking for the server to be reclaimed immediately${
          f.device?.kind === 'hardware'
            ? ': otherwise a bare metal stays in the account until its billing month ends'
            : ''
        }.`,
        `In the Inventory dashboard, search ${f.ip}, then set Update > Environment to PENDING-DELETION and Update > Application to Pending Deletion.`,
        'Leave a comment on the gap issue saying the machine is being deleted and was marked PENDING-DELETION.',
      ],
      links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },

  powered_off_decommissioning: (f) => {
    const tickets = openTickets(f);
    const first = tickets[0];
    return {
      summary: `Powered off for decommissioning${first ? ` (${first.repo}#${first.number})` : ''}: finish the cancellation`,
      evidence: [...(f.device ? [deviceLine(f.device)] : []), ...tickets.map(ticketLine)],
      fixes: [
        `Review ${first ? `${first.repo}#${first.number}` : 'the decommission ticket'} and push the cancellation of ${deviceName(f)} through now: a powered-off machine fails every scan until it is gone.`,
        `If the cancellation is already submitted${
          f.device?.kind === 'hardware' ? ' (this is a bare metal)' : ''
        }, ask on its IBM Infrastructure ticket for immediate reclaim.`,
        `In the Inventory dashboard, search ${f.ip}, then set Update > Environment to PENDING-DELETION and Update > Application to Pending Deletion.`,
        'Leave a comment on the gap issue saying the machine is being decommissioned.',
      ],
      links: [
        ...tickets.map((ticket) => ({ label: `${ticket.repo}#${ticket.number}`, url: ticket.url })),
        inventorySearchLink(f.context.links, f.ip),
        portal(f),
      ],
    };
  },

  powered_off: (f) => ({
    summary: 'Powered off, and no decommission ticket names it: power it on or decommission it',
    evidence: [
      ...(f.device ? [deviceLine(f.device)] : []),
      `no open decommission ticket names ${namesOf(f).join(' or ')}`,
    ],
    fixes: [
      `Confirm in the IBM Infrastructure portal that ${deviceName(f)} is off.`,
      'Nobody asked for it to be switched off for cancellation: find its owner and get it powered back on (Power on does it from here).',
      'If the machine is no longer needed, open a decommission ticket in the Conductors team repo and cancel it quickly: while it stays off it keeps failing scans.',
    ],
    links: [portal(f), conductorsSearchLink(f.context.links, f.device?.hostname ?? f.host)],
  }),

  scanner_down: (f) => {
    const health = f.evidence.scanner?.status === 'ok' ? f.evidence.scanner.value : null;
    const name = health?.name ?? f.scanner;
    return {
      summary: `Scanner ${name} is not ready${health ? ` (${health.status})` : ''}: fix nessusd before anything else`,
      evidence: [
        `scanner ${name} is not ready${health ? ` (status: ${health.status})` : ''}`,
        environmentLine(f.evidence),
      ],
      fixes: [
        `On ${name}, check that nessusd listens on port 8834: \`ss -nltp | grep nessusd\`.`,
        'Read the logs in /opt/nessus/var/nessus/logs for errors.',
        'If they show errors, reset the service: `service nessusd stop`, then `/opt/nessus/sbin/nessuscli fix --reset-all`, then `service nessusd start`.',
        `If ${name} stays down or unreachable after a reboot, OS-reload it from IBM Cloud Classic Infrastructure (with the post-provision script and your SSH keys), wait for it to bootstrap and patch, reboot it, then raise an SOS support ticket for the SOS Vulnerability Scanning group giving its name and IP so it is re-initialised as a scanner.`,
        'Press Re-check when the scanner is ready; scanning resumes at the next scheduled cycle.',
      ],
      links: [
        runbookLink(f.context.links, 'scannerDown'),
        { label: 'IBM Cloud Classic Infrastructure devices', url: f.context.links.classicDevices },
        { label: 'SOS support ticket', url: f.context.links.sosSupportTicket },
      ],
    };
  },

  not_in_asset_list: (f) => ({
    summary: 'Never scanned: the IP is in no Tenable.sc asset list, so the scan list generator missed it',
    evidence: [
      neverScannedLine(f.ip),
      coverageLine(f.ip, f.evidence.assetLists, 'asset list'),
      coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
    ],
    fixes: [
      'Do not add the IP to an asset list by hand: the lists are generated, and a manual edit would be overwritten.',
      `Follow the scan list generator runbook to find out why ${f.ip} (${f.host}) was left out, and fix the generator.`,
      'Press Re-check after the next generation run to see the IP in a list.',
    ],
    links: [{ label: 'Scan list generator runbook', url: f.context.links.scanListGeneratorRunbook }],
  }),

  not_in_scan_zone: (f) => {
    const vlan = vlanOfTarget(f);
    return {
      summary: 'Never scanned: no scan zone covers the IP, so its VLAN needs a scan zone in SOS',
      evidence: [
        neverScannedLine(f.ip),
        coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
        ...(vlan ? [`${f.ip} is on VLAN ${vlan}`] : []),
      ],
      fixes: [
        `In the SOS portal (c_code ALC, or ALC_FR2 if needed), open Inventory > Network > VLANs by scanzone and find ${vlan ? `VLAN ${vlan}` : `the VLAN of ${f.ip}`}.`,
        'A red circle in the scan subnet column means no scan zone: edit the VLAN record and associate it with the right zone. A yellow triangle means associated but not yet published. Green means the VLAN is fine: look at the other causes.',
        'Then publish: on the Security center tab open the zone record and press "publish to security center"; the next scheduled scan picks the machine up.',
      ],
      links: [
        { label: 'SOS portal: VLANs by scan zone', url: f.context.links.sosPortal },
        { label: 'VLAN scan zone classifier runbook', url: f.context.links.vlanScanZoneClassifierRunbook },
        { label: 'Security Center', url: f.context.links.securityCenter },
      ],
    };
  },

  stale_scan: (f) => {
    const newest = newestScan(f.evidence);
    const day = newest ? newest.at.toISOString().slice(0, 10) : 'unknown';
    return {
      summary: `Last scanned ${day}, over a year ago: a scanning tooling problem for the SOS team`,
      evidence: [
        ...(newest ? [lastScanLine(newest, isStale(newest.at, f.context.now))] : []),
        scanSourcesLine(f.evidence),
      ],
      fixes: [
        'A last scan over a year old points at a bug in the scanning tooling rather than at the machine.',
        `Open a service request to the SOS team in the IBM Cloud Employee Service Portal (Catalog > Service Request), assigned to the SOS Vulnerability scanning group with C_Code ALC, naming ${f.ip} (${f.host}) and its last scan date ${day}.`,
      ],
      links: [{ label: 'IBM Cloud Employee Service Portal', url: f.context.links.sosServiceRequest }],
    };
  },

  vlan_mismatch: (f) => {
    const partial = partialInterface(f.evidence);
    return {
      summary: `Public VLAN ${vlanName(f.device?.publicVlan)} and private VLAN ${vlanName(f.device?.privateVlan)} do not pair: the machine must be moved`,
      evidence: partialEvidence(f, 'the VLAN names do not pair'),
      fixes: [
        `In the IBM Infrastructure portal, compare the VLANs of ${deviceName(f)}: the public and private sides should share the name (Prod/Carrier6 on both) or its stem with a front/back marker (Prod/CSMG/F with Prod/CSMG/B).`,
        `They do not: open an IBM Infrastructure ticket to move ${deviceName(f)} onto a matching pair of VLANs, or deprovision it and order it again.`,
        `Press Re-check once ${partial?.device.matchedAs ?? 'the'} interface ${f.ip} answers.`,
      ],
      links: [portal(f)],
    };
  },

  interface_misconfigured: (f) => {
    const partial = partialInterface(f.evidence);
    const side = partial?.device.matchedAs ?? 'failing';
    return {
      summary: `The ${side} interface does not answer although its VLANs pair: the host's network configuration is at fault`,
      evidence: partialEvidence(f, 'the VLAN names pair'),
      fixes: [
        `Log onto ${deviceName(f)} and check that \`ip addr\` (or \`ifconfig\`) configures ${f.ip}: a public IP added after the machine was ordered is often missing.`,
        `If ${f.ip} is missing, either configure the interface in the OS so it answers ping from ${f.scanner}, or ask by IBM Infrastructure ticket for the public interface to be removed.`,
        'Press Re-check once it answers.',
      ],
      links: [portal(f)],
    };
  },

  unreachable: (f) => {
    const partial = partialInterface(f.evidence);
    const unknownVlans = partial?.pairing === 'unknown';
    return {
      summary: `No ping from ${f.scanner}: the host is down or its firewall blocks the scanner`,
      evidence: [
        reachabilityLine(f.evidence),
        ...(f.device ? [deviceLine(f.device)] : []),
        environmentLine(f.evidence),
        ...(partial && unknownVlans
          ? [
              `its ${partial.sibling.interface} IP ${partial.sibling.ip} is not in the report, but a VLAN name is missing (${vlanPair(f)}), so a VLAN mismatch cannot be told from a host problem`,
            ]
          : []),
      ],
      fixes: [
        `From ${f.scanner}, run \`ping ${f.ip}\`. With no answer, ask the owner of ${f.host} to open the firewall for ping from the scanner; once ping works the machine gets scanned.`,
        `\`nc -zv ${f.ip} 22\` from the same scanner checks SSH as a second way in (useful on private IPs only).`,
        'If the machine does not answer at all, reboot it (Reboot here, or from the IBM Infrastructure portal) and watch it come back; if it does not, look at its console through KVM/IPMI for kernel or boot problems.',
        'If the owner says it does answer ping, suspect a firewall between it and the scanner: open a firewall ticket with NetInt and tell them in #netint via @ask-netint.',
        ...(unknownVlans
          ? ['Check in the IBM Infrastructure portal that its public and private VLANs form a matching pair.']
          : []),
      ],
      links: [
        runbookLink(f.context.links, 'ownerSaysPings'),
        portal(f),
        { label: 'KVM access runbook', url: f.context.links.kvmAccess },
        { label: 'NetInt firewall request', url: f.context.links.netintRequest },
      ],
    };
  },

  reachable: (f) => {
    const health = f.evidence.scanner?.status === 'ok' ? f.evidence.scanner.value : null;
    return {
      summary: `Answers ping from ${f.scanner} and no cause was found: it should be scanned at the next cycle`,
      evidence: [
        reachabilityLine(f.evidence),
        ...(health ? [`scanner ${health.name} is ready`] : []),
        ...(f.device ? [deviceLine(f.device)] : []),
        coverageLine(f.ip, f.evidence.assetLists, 'asset list'),
        coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
      ],
      fixes: [
        `Nothing blocks ${f.ip} any more: the next scheduled scan should cover it.`,
        'To scan it now, launch its scan (Launch scan here, or the arrow next to the scan name in Security Center); Scans > Active scans shows it running.',
        'If the next report still lists it, ask the SOS team through a service request (SOS Vulnerability scanning group).',
      ],
      links: [
        { label: 'Security Center', url: f.context.links.securityCenter },
        { label: 'IBM Cloud Employee Service Portal', url: f.context.links.sosServiceRequest },
      ],
    };
  },
};

function deviceName(f: Facts): string {
  return f.device ? `${deviceKindLabel(f.device)} ${f.device.hostname} (id ${f.device.id})` : f.host;
}

function namesOf(f: Facts): string[] {
  return [
    ...new Set([f.evidence.target.hostname, f.device?.hostname, f.ip].filter((n): n is string => Boolean(n))),
  ];
}

function openTickets(f: Facts) {
  const tickets = openDecommissionTickets(f.evidence);
  return tickets.ok ? tickets.value : [];
}

function portal(f: Facts): Link {
  return { label: 'IBM Infrastructure portal', url: f.context.links.infrastructurePortal };
}

/** `Prod/Carrier6 (public) vs Prod/CSMG/B (private)` */
function vlanPair(f: Facts): string {
  return `${vlanName(f.device?.publicVlan)} (public) vs ${vlanName(f.device?.privateVlan)} (private)`;
}

function vlanName(vlan: VlanRef | null | undefined): string {
  const name = vlan?.name?.trim();
  if (name) return name;
  return vlan?.number != null ? `unnamed VLAN ${vlan.number}` : 'unknown VLAN';
}

function partialEvidence(f: Facts, verdict: string): string[] {
  const partial = partialInterface(f.evidence);
  return [
    ...(f.device ? [deviceLine(f.device)] : []),
    `${f.ip} (${partial?.device.matchedAs ?? 'data'}): ${reachabilityLine(f.evidence)}`,
    ...(partial
      ? [
          `its ${partial.sibling.interface} IP ${partial.sibling.ip} is not in the report, so it is being scanned`,
        ]
      : []),
    `VLAN ${vlanPair(f)}: ${verdict}`,
  ];
}

/** The VLAN the target IP sits on: its interface's VLAN on the device, else the subnet's. */
function vlanOfTarget(f: Facts): string | null {
  const device = f.device;
  if (device?.matchedAs === 'public' && device.publicVlan) return vlanText(device.publicVlan);
  if (device?.matchedAs === 'private' && device.privateVlan) return vlanText(device.privateVlan);
  const subnet = subnetOf(f.evidence);
  return subnet?.vlan ? vlanText(subnet.vlan) : null;
}
