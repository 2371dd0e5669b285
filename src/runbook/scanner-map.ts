/**
 * Which Nessus scanner should reach a target: the runbook's environment table, and for rows that
 * name no environment, a configured datacenter -> environment map.
 */
import type { Device, ScannerAssignment } from './evidence.js';
import type { Target } from './model.js';

/** Environment -> scanner; a list names several scanners, the first being the one we use. */
export type EnvironmentScanners = Readonly<Record<string, string | readonly string[]>>;

/** Datacenter (`dal10`) -> environment (`PROD-US-SOUTH`). */
export type DatacenterEnvironments = Readonly<Record<string, string>>;

export interface ScannerMaps {
  environments: EnvironmentScanners;
  datacenters: DatacenterEnvironments;
}

/** The table of the runbook's "Other Uncontactable machines" section. */
export const DEFAULT_ENVIRONMENT_SCANNERS: EnvironmentScanners = Object.freeze({
  'PROD-AP-NORTH': 'prod-dal09-infra-nessus-01',
  'PROD-US-SOUTH': 'prod-dal09-infra-nessus-01',
  STAGE: 'stage-dal09-infra-nessus-01',
  FOUNDATION: 'sup-wdc04-infra-nessus-01',
  'PROD-AP-SOUTH': 'prod-dal09-infra-nessus-01',
  'PROD-US-EAST': 'prod-dal09-infra-nessus-01',
  'DEV-PRESTAGE': Object.freeze(['dev-mon01-infra-nessus-01', 'prestage-mon01-infra-nessus-01']),
  'PROD-EU-CENTRAL': 'prod-lon02-infra-nessus-01',
  'PROD-UK-SOUTH': 'prod-lon02-infra-nessus-01',
});

/**
 * No datacenter map by default: a datacenter such as dal10 hosts several environments, so only an
 * operator can say which one its machines belong to.
 */
export const DEFAULT_DATACENTER_ENVIRONMENTS: DatacenterEnvironments = Object.freeze({});

export const DEFAULT_SCANNER_MAPS: ScannerMaps = Object.freeze({
  environments: DEFAULT_ENVIRONMENT_SCANNERS,
  datacenters: DEFAULT_DATACENTER_ENVIRONMENTS,
});

/** Every scanner named for an environment (primary first); empty when the environment is unknown. */
export function scannersFor(environment: string | null, environments: EnvironmentScanners): string[] {
  if (!environment) return [];
  const entry = findKey(environments, environment.trim().toUpperCase(), (key) => key.trim().toUpperCase());
  if (entry === undefined) return [];
  return typeof entry === 'string' ? [entry] : [...entry];
}

/**
 * The environment comes from the report row, else from the datacenter of the device (or of the
 * account subnet when no device uses the IP) through the datacenter map; with neither, the scanner is
 * unknown and stays null rather than guessed.
 */
export function assignScanner(
  target: Pick<Target, 'environment'>,
  place: Pick<Device, 'datacenter'> | null,
  maps: ScannerMaps,
): ScannerAssignment {
  const fromReport = target.environment?.trim();
  if (fromReport) {
    return {
      environment: fromReport,
      environmentSource: 'report',
      scanner: scannersFor(fromReport, maps.environments)[0] ?? null,
    };
  }
  const datacenter = place?.datacenter?.trim().toLowerCase();
  const fromDatacenter = datacenter
    ? findKey(maps.datacenters, datacenter, (key) => key.trim().toLowerCase())
    : undefined;
  if (fromDatacenter) {
    return {
      environment: fromDatacenter,
      environmentSource: 'datacenter',
      scanner: scannersFor(fromDatacenter, maps.environments)[0] ?? null,
    };
  }
  return { environment: null, environmentSource: null, scanner: null };
}

/** Map keys are written by people (config files): match them case- and space-insensitively. */
function findKey<V>(
  map: Readonly<Record<string, V>>,
  wanted: string,
  normalise: (key: string) => string,
): V | undefined {
  if (Object.hasOwn(map, wanted)) return map[wanted];
  for (const [key, value] of Object.entries(map)) {
    if (normalise(key) === wanted) return value;
  }
  return undefined;
}
