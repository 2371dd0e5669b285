/**
 * Typed builders of complete evidence for rule tests. The defaults describe a healthy, reachable
 * target (every check made, scanner ready, recent scan); each test overrides what its case needs.
 */

import type { DiagnosisContext } from '../../../src/runbook/diagnose.js';
import type {
  AccountLookup,
  AccountSubnet,
  Check,
  Device,
  Evidence,
  Reachability,
  ScannerHealth,
} from '../../../src/runbook/evidence.js';
import { failed, ok } from '../../../src/runbook/evidence.js';
import { DEFAULT_LINKS } from '../../../src/runbook/links.js';
import type { Target } from '../../../src/runbook/model.js';

/** The injected clock of every test unless it says otherwise. */
export const NOW = new Date('2026-11-26T09:00:00Z');

export const CONTEXT: DiagnosisContext = { now: NOW, links: DEFAULT_LINKS };

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
    id: 77,
    cidr: '10.10.1.0/26',
    subnetType: 'PRIMARY',
    vlan: { id: 2001, number: 1142, name: 'Prod/Carrier4' },
    datacenter: 'dal10',
    ...overrides,
  };
}

export function account(lookup: Partial<AccountLookup> = {}): Check<AccountLookup> {
  return ok({ device: buildDevice(), subnet: buildSubnet(), ...lookup });
}

export function reach(value: Partial<Reachability> = {}): Check<Reachability> {
  return ok({ ping: true, tcp22: true, ...value });
}

export function scannerHealth(value: Partial<ScannerHealth> = {}): Check<ScannerHealth> {
  return ok({ name: 'prod-dal09-infra-nessus-01', ready: true, status: 'ready', ...value });
}

export type EvidenceOverrides = Omit<Partial<Evidence>, 'target'> & { target?: Partial<Target> };

export function buildEvidence(overrides: EvidenceOverrides = {}): Evidence {
  const { target, ...rest } = overrides;
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
      scanner: 'prod-dal09-infra-nessus-01',
    },
    scanner: scannerHealth(),
    reachability: reach(),
    probeSkipped: null,
    sibling: null,
    ...rest,
  };
}

/** A device with both data interfaces, the target being its private one, the public one not listed. */
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

export const tenableDown = <T>(check: 'asset_lists' | 'scan_zones' | 'last_scan') =>
  failed<T>(check, 'tenable', 'timeout after 3 tries');
