/**
 * The small interfaces the investigation needs from the outside world. Adapters in
 * `src/integrations/` implement them against the real APIs; tests may use the sandbox emulators.
 * Every method either returns validated data or throws an `IntegrationError` (src/errors.ts).
 * Methods are batch-shaped on purpose: the cost of an investigation must not grow with its targets.
 */
import type {
  AccountSubnet,
  Check,
  DecommissionTicket,
  Device,
  LastScan,
  ProbeOrigin,
  Reachability,
  ScannerCondition,
  ScannerHealth,
} from '../runbook/evidence.js';

export interface IssueComment {
  id: number;
  body: string;
  author: string | null;
}

export interface GapIssue {
  repo: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  body: string;
  url: string;
  comments: IssueComment[];
}

/** A ticket that may name targets; `text` is title, body and comments, matched locally. */
export interface TicketCandidate extends Omit<DecommissionTicket, 'decommissionWords'> {
  text: string;
  /** When the ticket was closed (ISO 8601), null while open. */
  closedAt: string | null;
  /** Label names, as on the ticket. */
  labels: string[];
}

/** GitHub Enterprise: the gap issue, decommission tickets, and comments. */
export interface IssueTracker {
  getIssue(repo: string, number: number): Promise<GapIssue>;
  /** Newest open issue in `repo` whose title matches, or null. */
  findLatestIssue(repo: string, titlePattern: RegExp): Promise<{ number: number; title: string } | null>;
  /** Tickets of `repo` that may name any of the terms (IPs, hostnames); few calls for many terms. */
  searchTickets(repo: string, terms: string[]): Promise<TicketCandidate[]>;
  postComment(repo: string, number: number, body: string): Promise<{ id: number; url: string }>;
  /** The login the token acts as: comments by it are the bot's own (GET /user). */
  whoAmI(): Promise<string>;
  /**
   * The newest comment anywhere in `repo` written by `login` that contains `text`, among the
   * repository's newest `maxPages` pages of 100 comments; null when there is none.
   */
  findRecentComment(
    repo: string,
    login: string,
    text: string,
    maxPages: number,
  ): Promise<{ issueNumber: number; url: string } | null>;
}

/** A device of the account, without the per-target `matchedAs`. */
export type AccountDevice = Omit<Device, 'matchedAs'>;

export interface ListDevicesOptions {
  powerStateForIps?: ReadonlySet<string>;
}

/** A device of one account, as the actions name it. */
export interface DeviceRef {
  account: string;
  kind: 'hardware' | 'virtual';
  id: number;
}

/** One IBM Cloud classic infrastructure (SoftLayer) account. */
export interface InfraAccountApi {
  /**
   * Every hardware server and virtual guest of the account, power state included. Hardware power
   * costs one call per server, so it is asked only for servers with an IP in `powerStateForIps`
   * (all servers when absent); the others report `unknown`.
   */
  listDevices(options?: ListDevicesOptions): Promise<AccountDevice[]>;
  listSubnets(): Promise<AccountSubnet[]>;
  powerOn(device: Omit<DeviceRef, 'account'>): Promise<void>;
  /** A soft reboot, hard when the soft one is not answered (SoftLayer's `rebootDefault`). */
  reboot(device: Omit<DeviceRef, 'account'>): Promise<void>;
  createTicket(request: {
    title: string;
    body: string;
    device: Omit<DeviceRef, 'account'> | null;
  }): Promise<{ id: number }>;
  addTicketUpdate(ticketId: number, entry: string): Promise<void>;
}

/**
 * All our IBM Cloud classic infrastructure accounts ("Does the machine exist in our accounts?").
 * Look-ups are asked account by account, so one account that fails does not hide the others;
 * changes go to the account that holds the device.
 */
export interface InfraApi {
  /** The accounts' names as the configuration gives them, the one of SOFTLAYER_USERNAME first. */
  readonly accounts: readonly string[];
  listDevices(account: string, options?: ListDevicesOptions): Promise<AccountDevice[]>;
  listSubnets(account: string): Promise<AccountSubnet[]>;
  powerOn(device: DeviceRef): Promise<void>;
  reboot(device: DeviceRef): Promise<void>;
  /** Opens a ticket in the device's account (or the first account when there is no device). */
  createTicket(request: { title: string; body: string; device: DeviceRef | null }): Promise<{ id: number }>;
  addTicketUpdate(account: string, ticketId: number, entry: string): Promise<void>;
}

export interface ScanZoneRecord {
  id: string;
  name: string;
  /** IPs, CIDRs and ranges, as Tenable.sc stores them (comma or whitespace separated). */
  ipList: string;
}

export interface AssetListRecord {
  id: string;
  name: string;
  /** Static lists only: IPs, CIDRs and ranges. */
  definedIPs: string;
}

export interface TenableScannerRecord {
  id: string;
  name: string;
  ip: string | null;
  healthy: boolean;
  /** The status in words (`Authentication Error, Working`). */
  status: string;
  condition: ScannerCondition;
  /** The scan zones that use it (names), when Tenable.sc says. */
  zones?: string[];
}

/** Tenable.sc: scan coverage and last scans. */
export interface CoverageApi {
  listScanZones(): Promise<ScanZoneRecord[]>;
  listAssetLists(): Promise<AssetListRecord[]>;
  /** Last scan runs of each IP; an IP with no scan data is absent from the map. */
  lastScans(ips: string[]): Promise<Map<string, LastScan>>;
  listScanners(): Promise<TenableScannerRecord[]>;
  /** Launches the scan that covers `ip` (or the named scan) and returns the scan result id. */
  launchScan(request: { ip: string; scanName?: string }): Promise<{ scanResultId: string; scanName: string }>;
}

/** Nessus scanners' own health endpoint. */
export interface ScannerStatusApi {
  status(scanner: string): Promise<ScannerHealth>;
  /** Names of the scanners this API knows how to reach. */
  configured(): string[];
}

export interface InventoryServer {
  id: string;
  hostname: string;
  ip: string;
  environment: string;
  application: string;
}

export interface InventoryApi {
  findByIp(ip: string): Promise<InventoryServer[]>;
  update(
    id: string,
    patch: { environment?: string; application?: string; comment?: string },
  ): Promise<InventoryServer>;
}

/** Reachability of a target from a scanner (ping and TCP 22, as the runbook does by hand). */
export interface NetworkProbe {
  /** Where the probes really run: on the scanner (SSH, or the sandbox's network) or on the bot's host. */
  readonly origin: ProbeOrigin;
  probe(ip: string, fromScanner: string): Promise<Reachability>;
  /**
   * Every IP of `ips` (distinct) probed from one scanner in one go: over SSH one remote command,
   * in the sandbox one call; on the scanner the IPs run side by side, `scannerParallelism` at once.
   * A check that could not be made for one IP (ping failing on the scanner) is that IP's failed
   * check; it throws when the batch as a whole fails (no connection, no readable answer).
   */
  probeMany(ips: readonly string[], fromScanner: string): Promise<Map<string, Check<Reachability>>>;
}

/** Upstream calls made so far, by system (read by the benchmark and /metrics). */
export interface CallCounter {
  count(system: string, outcome: 'ok' | 'error', ms: number): void;
  snapshot(): Record<string, number>;
}
