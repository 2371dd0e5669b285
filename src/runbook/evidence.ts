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

/** A device of the IBM Cloud classic account that uses the target IP on one of its interfaces. */
export interface Device {
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
  powerState: 'on' | 'off' | 'unknown';
  /** Why the power state is unknown, when known (`power state unknown: IPMI did not answer in 5 s`). */
  powerStateReason?: string;
  publicVlan: VlanRef | null;
  privateVlan: VlanRef | null;
  /** A cancellation is pending: billing cancellation date in the future, or an open cancellation ticket. */
  cancellation: { date: string | null; ticketId: number | null } | null;
  activeTickets: DeviceTicket[];
}

/** An account subnet that holds the IP (what `@netmax` shows in the runbook). */
export interface AccountSubnet {
  id: number;
  cidr: string;
  subnetType: string | null;
  vlan: VlanRef | null;
  datacenter: string | null;
}

export interface AccountLookup {
  device: Device | null;
  subnet: AccountSubnet | null;
}

export interface DecommissionTicket {
  repo: string;
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
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

export interface ScannerHealth {
  name: string;
  ready: boolean;
  /** The scanner's own word for its state (`ready`, `loading`, an error...). */
  status: string;
}

export interface Reachability {
  ping: boolean;
  /** null when the TCP 22 check was not made. */
  tcp22: boolean | null;
}

/**
 * The device's other data interface (public for a private target and the other way round), used by
 * the "only one of public/private works" rules.
 */
export interface SiblingInterface {
  ip: string;
  interface: Extract<InterfaceKind, 'public' | 'private'>;
  /** The gap report lists it too. */
  listed: boolean;
}

/** The scanner that should reach this target, from the environment table. */
export interface ScannerAssignment {
  environment: string | null;
  /** How the environment was found: from the report row or the datacenter map. */
  environmentSource: 'report' | 'datacenter' | null;
  scanner: string | null;
}

export interface Evidence {
  target: Target;
  account: Check<AccountLookup>;
  decommissionTickets: Check<DecommissionTicket[]>;
  assetLists: Check<AssetListRef[]>;
  scanZones: Check<ScanZoneRef[]>;
  lastScan: Check<LastScan | null>;
  assignment: ScannerAssignment;
  /** Health of the assigned scanner; null when no scanner is assigned. */
  scanner: Check<ScannerHealth> | null;
  /**
   * Reachability from the assigned scanner; null when the probe was not made, with the reason in
   * `probeSkipped` (no scanner for the environment, or the IP is outside the account and allowed CIDRs).
   */
  reachability: Check<Reachability> | null;
  probeSkipped: string | null;
  sibling: SiblingInterface | null;
}
