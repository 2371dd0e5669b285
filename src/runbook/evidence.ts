/**
 * What the integrations must supply about one target so the rules can diagnose it.
 *
 * Every check is a `Check<T>`: either its value, or why it could not be made. A rule that needs a
 * failed check does not guess: the target becomes `check_failed`, naming the check and the reason.
 */
import type { InterfaceKind, Target } from './model.js';

/** The outside systems, as named in upstream call counts, logs and failure messages. */
export type SystemName = 'github' | 'softlayer' | 'tenable' | 'nessus' | 'inventory' | 'probe' | 'slack';

/** The checks of the runbook; each is answered by one system. */
export type CheckName =
  | 'account_devices'
  | 'account_subnets'
  | 'decommission_tickets'
  | 'asset_lists'
  | 'scan_zones'
  | 'last_scan'
  | 'scanner_health'
  | 'ping'
  | 'tcp22';

export type Check<T> =
  | { status: 'ok'; value: T }
  | { status: 'failed'; check: CheckName; system: SystemName; reason: string };

export interface FailedCheck {
  check: CheckName;
  system: SystemName;
  reason: string;
}

export function ok<T>(value: T): Check<T> {
  return { status: 'ok', value };
}

export function failed<T>(check: CheckName, system: SystemName, reason: string): Check<T> {
  return { status: 'failed', check, system, reason };
}

export interface VlanRef {
  id: number | null;
  number: number | null;
  /** Customer name of the VLAN, e.g. `Prod/CSMG/F`; absent on many VLANs. */
  name: string | null;
}

export interface DeviceTicket {
  id: number;
  title: string;
  status: string | null;
}

export type PowerState = 'on' | 'off' | 'unknown';

/** A device of one of our IBM Cloud classic accounts that uses the target IP on one of its interfaces. */
export interface Device {
  /** The account (as the configuration names it) that holds the device. */
  account: string;
  kind: 'hardware' | 'virtual';
  id: number;
  hostname: string;
  fqdn: string | null;
  datacenter: string | null;
  publicIp: string | null;
  privateIp: string | null;
  /** IPMI / remote management IP (bare metal only). */
  managementIp: string | null;
  /** Which of the device's addresses the target IP is. */
  matchedAs: 'public' | 'private' | 'management';
  powerState: PowerState;
  /** Why the power state is unknown, when known (`power state unknown: IPMI did not answer in 5 s`). */
  powerStateReason?: string;
  publicVlan: VlanRef | null;
  privateVlan: VlanRef | null;
  /**
   * A cancellation is pending: billing cancellation date, an open cancellation ticket, or reclaim.
   * `ticketId` is the cancellation ticket where a reclaim can be asked; null when none is known.
   */
  cancellation: { date: string | null; ticketId: number | null } | null;
  activeTickets: DeviceTicket[];
}

/** An account subnet that holds the IP (what `@netmax` shows in the runbook). */
export interface AccountSubnet {
  account: string;
  id: number;
  cidr: string;
  subnetType: string | null;
  vlan: VlanRef | null;
  datacenter: string | null;
}

export interface AccountLookup {
  device: Device | null;
  subnet: AccountSubnet | null;
  /** The accounts that were searched (all of them, or the look-up would have failed). */
  accounts: string[];
}

/**
 * A ticket of the decommission repository that names the target (its host or IP as a whole word).
 * Whether it is a decommission record is for the rules to say: it must speak of decommissioning or
 * cancelling, and be open or closed recently.
 */
export interface DecommissionTicket {
  repo: string;
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  /** ISO time it was closed; null while open (or when GitHub did not say). */
  closedAt: string | null;
  /** The words of its title, body or labels that speak of decommissioning; empty when none do. */
  decommissionWords: string[];
}

export interface ScanZoneRef {
  id: string;
  name: string;
}

export interface AssetListRef {
  id: string;
  name: string;
}

export interface LastScan {
  /** ISO timestamps of Tenable.sc's last authenticated / unauthenticated run; null = never. */
  lastAuthRun: string | null;
  lastUnauthRun: string | null;
}

/**
 * A scanner as Tenable.sc sees it: `error` when it cannot use the scanner, `disabled` when a person
 * turned it off, `busy` while it reloads or updates (it comes back by itself), `working` otherwise.
 */
export type ScannerCondition = 'working' | 'busy' | 'disabled' | 'error';

/** What the scanner's own Nessus API says (`GET /server/status`). */
export interface ScannerHealth {
  name: string;
  ready: boolean;
  /** The scanner's own word for its state (`ready`, `loading`, an error...). */
  status: string;
}

/** What Tenable.sc says of a scanner, when it lists one by that name. */
export interface TenableScannerView {
  condition: ScannerCondition;
  /** The status in words (`Updating Plugins, Working`). */
  status: string;
}

/** Both views of one scanner the target needs. */
export interface ScannerEvidence {
  name: string;
  /** Null when no Nessus API is configured for the scanner: Tenable.sc's view stands alone. */
  nessus: Check<ScannerHealth> | null;
  /** Null when Tenable.sc lists no scanner of that name. */
  tenable: Check<TenableScannerView | null>;
}

export interface Reachability {
  ping: boolean;
  /** null when the TCP 22 check was not made. */
  tcp22: boolean | null;
}

/** Where a probe ran from: the scanner itself (over SSH, or the sandbox's network), or the bot's host. */
export type ProbeOrigin = 'scanner' | 'bot';

/** One probe of one IP, from one scanner's point of view. */
export interface Probe {
  scanner: string;
  origin: ProbeOrigin;
  result: Check<Reachability>;
}

/**
 * The device's other data interface (public for a private target and the other way round), probed
 * from the same scanners whether the report lists it or not.
 */
export interface SiblingInterface {
  ip: string;
  interface: Extract<InterfaceKind, 'public' | 'private'>;
  /** The gap report lists it too. */
  listed: boolean;
  probes: Probe[];
}

/** How the scanners of a target were chosen. */
export type ScannerChoice =
  /** The environment names one scanner. */
  | 'only'
  /** Several were possible; the host's name or datacenter picked these. */
  | 'location'
  /** Several were possible and the host's location does not tell: every one is asked. */
  | 'each';

/** The scanners that should reach this target, from the environment table. */
export interface ScannerAssignment {
  environment: string | null;
  /** How the environment was found: from the report row, the datacenter map, or the machine's location. */
  environmentSource: 'report' | 'datacenter' | 'location' | null;
  /** The scanners probed from, in order of preference; empty when none is known. */
  scanners: string[];
  choice: ScannerChoice | null;
  /** Environments other rows of the report named for this IP and that lost to `environment`. */
  overruled: string[];
}

export interface Evidence {
  target: Target;
  account: Check<AccountLookup>;
  decommissionTickets: Check<DecommissionTicket[]>;
  assetLists: Check<AssetListRef[]>;
  scanZones: Check<ScanZoneRef[]>;
  lastScan: Check<LastScan | null>;
  assignment: ScannerAssignment;
  /** Both views of each scanner of the assignment, in its order. */
  scanners: ScannerEvidence[];
  /** One probe per scanner of the assignment; empty when the probe was skipped (`probeSkipped`). */
  probes: Probe[];
  probeSkipped: string | null;
  sibling: SiblingInterface | null;
}
