/**
 * Typed builders of complete evidence for rule tests. The defaults describe a healthy, reachable
 * target (every check made, scanner ready, recent scan); each test overrides what its case needs.
 */

import type { DiagnosisContext } from '../../../src/runbook/diagnose.js';
import type {
  AccountLookup,
  AccountSubnet,
  Check,
  DecommissionTicket,
  Device,
  Evidence,
  Probe,
  ProbeOrigin,
  Reachability,
  ScannerEvidence,
  ScannerHealth,
  SiblingInterface,
  TenableScannerView,
} from '../../../src/runbook/evidence.js';
import { failed, ok } from '../../../src/runbook/evidence.js';
import { DEFAULT_LINKS } from '../../../src/runbook/links.js';
import type { Target } from '../../../src/runbook/model.js';

/** The injected clock of every test unless it says otherwise. */
export const NOW = new Date('2026-11-26T09:00:00Z');

export const CONTEXT: DiagnosisContext = { now: NOW, links: DEFAULT_LINKS, decommissionWindowDays: 180 };

export function buildTarget(overrides: Partial<Target> = {}): Target {
  return {
    ip: '10.10.1.11',
    interface: 'private',
    hostname: 'prod-dal10-carrier4-worker-01',
    environment: 'PROD-US-SOUTH',
    neverScanned: false,
    lastScan: '2026-10-01',
    ...overrides,
  };
}

export function buildDevice(overrides: Partial<Device> = {}): Device {
  return {
    account: 'ALC',
    kind: 'hardware',
    id: 123,
    hostname: 'prod-dal10-carrier4-worker-01',
    fqdn: 'prod-dal10-carrier4-worker-01.alchemy.ibm.com',
    datacenter: 'dal10',
    publicIp: null,
    privateIp: '10.10.1.11',
    managementIp: '10.10.9.11',
    matchedAs: 'private',
    powerState: 'on',
    publicVlan: null,
    privateVlan: { id: 2001, number: 1142, name: 'Prod/Carrier4' },
    cancellation: null,
    activeTickets: [],
    ...overrides,
  };
}

export function buildSubnet(overrides: Partial<AccountSubnet> = {}): AccountSubnet {
  return {
    account: 'ALC',
    id: 77,
    cidr: '10.10.1.0/26',
    subnetType: 'PRIMARY',
    vlan: { id: 2001, number: 1142, name: 'Prod/Carrier4' },
    datacenter: 'dal10',
    ...overrides,
  };
}

export function account(lookup: Partial<AccountLookup> = {}): Check<AccountLookup> {
  return ok({ device: buildDevice(), subnet: buildSubnet(), accounts: ['ALC'], ...lookup });
}

export function reach(value: Partial<Reachability> = {}): Check<Reachability> {
  return ok({ ping: true, tcp22: true, ...value });
}

export function scannerHealth(value: Partial<ScannerHealth> = {}): Check<ScannerHealth> {
  return ok({ name: 'prod-dal09-infra-nessus-01', ready: true, status: 'ready', ...value });
}

export const SCANNER = 'prod-dal09-infra-nessus-01';

/** A probe from the default scanner, as the scanner itself ran it. */
export function probeFrom(
  result: Check<Reachability>,
  scanner = SCANNER,
  origin: ProbeOrigin = 'scanner',
): Probe {
  return { scanner, origin, result };
}

/** Both views of the default scanner: Nessus as given, Tenable.sc saying it works. */
export function scannerViews(
  nessus: Check<ScannerHealth> | null = scannerHealth(),
  tenable: Check<TenableScannerView | null> = ok({ condition: 'working', status: 'Working' }),
  name = SCANNER,
): ScannerEvidence {
  return { name, nessus, tenable };
}

/**
 * Overrides of an evidence object. `reachability` and `scanner` are shorthands for the usual case of
 * one scanner: a probe from it, and its Nessus view (null: no probe, no scanner).
 */
export type EvidenceOverrides = Omit<Partial<Evidence>, 'target' | 'sibling'> & {
  target?: Partial<Target>;
  reachability?: Check<Reachability> | null;
  scanner?: Check<ScannerHealth> | null;
  sibling?: (Omit<SiblingInterface, 'probes'> & { probes?: Probe[] }) | null;
};

export function buildEvidence(overrides: EvidenceOverrides = {}): Evidence {
  const { target, reachability, scanner, sibling, ...rest } = overrides;
  return {
    target: buildTarget(target),
    account: account(),
    decommissionTickets: ok([]),
    assetLists: ok([{ id: '1', name: 'ALC prod private' }]),
    scanZones: ok([{ id: '2', name: 'dal zone' }]),
    lastScan: ok({ lastAuthRun: '2026-10-02T03:00:00Z', lastUnauthRun: null }),
    assignment: {
      environment: 'PROD-US-SOUTH',
      environmentSource: 'report',
      scanners: [SCANNER],
      choice: 'only',
      overruled: [],
    },
    scanners: scanner === null ? [] : [scannerViews(scanner ?? scannerHealth())],
    probes: reachability === null ? [] : [probeFrom(reachability ?? reach())],
    probeSkipped: null,
    sibling: sibling ? { ...sibling, probes: sibling.probes ?? [probeFrom(reach())] } : null,
    ...rest,
  };
}

/**
 * A device with both data interfaces, the target being its private one (silent), the public one not
 * listed and answering.
 */
export function buildPartialEvidence(
  vlans: { publicVlan: string | null; privateVlan: string | null },
  overrides: EvidenceOverrides = {},
): Evidence {
  const device = buildDevice({
    publicIp: '169.60.1.11',
    publicVlan: { id: 3001, number: 901, name: vlans.publicVlan },
    privateVlan: { id: 2001, number: 1142, name: vlans.privateVlan },
  });
  return buildEvidence({
    account: account({ device }),
    reachability: reach({ ping: false, tcp22: false }),
    sibling: { ip: '169.60.1.11', interface: 'public', listed: false },
    ...overrides,
  });
}

/** A ticket of the decommission repository naming the target. */
export function ticket(overrides: Partial<DecommissionTicket> = {}): DecommissionTicket {
  return {
    repo: 'alchemy-conductors/team',
    number: 812,
    title: 'Decommission prod-dal10-carrier4-worker-01',
    url: 'https://github.ibm.com/alchemy-conductors/team/issues/812',
    state: 'open',
    closedAt: null,
    decommissionWords: ['decommission'],
    ...overrides,
  };
}

export const tenableDown = <T>(check: 'asset_lists' | 'scan_zones' | 'last_scan') =>
  failed<T>(check, 'tenable', 'timeout after 3 tries');
