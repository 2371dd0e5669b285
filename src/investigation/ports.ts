/**
 * The small interfaces the investigation needs from the outside world. Adapters in
 * `src/integrations/` implement them against the real APIs; tests may use the sandbox emulators.
 * Every method either returns validated data or throws an `IntegrationError` (src/errors.ts).
 * Methods are batch-shaped on purpose: the cost of an investigation must not grow with its targets.
 */
import type {
  AccountSubnet,
  DecommissionTicket,
  Device,
  LastScan,
  Reachability,
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
export interface TicketCandidate extends DecommissionTicket {
  text: string;
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

/** IBM Cloud classic infrastructure (SoftLayer). */
export interface InfraApi {
  /**
   * Every hardware server and virtual guest of the account, power state included. Hardware power
   * costs one call per server, so it is asked only for servers with an IP in `powerStateForIps`
   * (all servers when absent); the others report `unknown`.
   */
  listDevices(options?: ListDevicesOptions): Promise<AccountDevice[]>;
  listSubnets(): Promise<AccountSubnet[]>;
  powerOn(device: { kind: 'hardware' | 'virtual'; id: number }): Promise<void>;
  /** A soft reboot, hard when the soft one is not answered (SoftLayer's `rebootDefault`). */
  reboot(device: { kind: 'hardware' | 'virtual'; id: number }): Promise<void>;
  createTicket(request: {
    title: string;
    body: string;
    device: { kind: 'hardware' | 'virtual'; id: number } | null;
  }): Promise<{ id: number }>;
  addTicketUpdate(ticketId: number, entry: string): Promise<void>;
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
  status: string;
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
  probe(ip: string, fromScanner: string): Promise<Reachability>;
}

/** Upstream calls made so far, by system (read by the benchmark and /metrics). */
export interface CallCounter {
  count(system: string, outcome: 'ok' | 'error', ms: number): void;
  snapshot(): Record<string, number>;
}
