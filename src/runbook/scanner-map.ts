/**
 * Which Nessus scanner should reach a target: the runbook's environment table, and for rows that
 * name no environment, a configured datacenter -> environment map.
 */
import type { ScannerAssignment } from './evidence.js';
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

/** Where the machine is, as the account and the report tell it. */
export interface Place {
  hostname: string | null;
  datacenter: string | null;
}

/**
 * The scanners that should reach a target. The runbook: "Look at the output in the GHE ticket and
 * identify where the machine is located, this can then be used to map to the appropriate nessus
 * scanner". The environment comes from the report row; rows that disagree are settled by where the
 * machine is (the datacenter map, else its host name and datacenter against the scanners' names);
 * a row with no environment takes it from the datacenter map. Where the environment names several
 * scanners (DEV-PRESTAGE), the host's location picks one, and when it cannot, every one is asked.
 * With no environment the scanner stays unknown rather than guessed.
 */
export function assignScanner(
  target: Pick<Target, 'environment'> & { otherEnvironments?: readonly string[] | undefined },
  place: Place,
  maps: ScannerMaps,
): ScannerAssignment {
  const named = [target.environment, ...(target.otherEnvironments ?? [])]
    .map((environment) => environment?.trim() ?? '')
    .filter((environment, index, all) => environment !== '' && all.indexOf(environment) === index);
  const fromDatacenter = environmentOfDatacenter(place.datacenter, maps.datacenters);
  if (named.length === 0) {
    if (!fromDatacenter)
      return { environment: null, environmentSource: null, scanners: [], choice: null, overruled: [] };
    return { ...chooseScanners(fromDatacenter, place, maps), environmentSource: 'datacenter', overruled: [] };
  }
  if (named.length === 1) {
    return { ...chooseScanners(named[0] as string, place, maps), environmentSource: 'report', overruled: [] };
  }
  const settled = settleEnvironments(named, place, maps, fromDatacenter);
  if (settled) {
    return {
      ...chooseScanners(settled, place, maps),
      environmentSource: 'location',
      overruled: named.filter((environment) => environment !== settled),
    };
  }
  // The rows disagree and the location does not settle it: ask every scanner any row names.
  const scanners = [...new Set(named.flatMap((environment) => scannersFor(environment, maps.environments)))];
  return {
    environment: named[0] as string,
    environmentSource: 'report',
    scanners,
    choice: scanners.length > 1 ? 'each' : scanners.length === 1 ? 'only' : null,
    overruled: [],
  };
}

function chooseScanners(
  environment: string,
  place: Place,
  maps: ScannerMaps,
): Omit<ScannerAssignment, 'environmentSource' | 'overruled'> {
  const candidates = scannersFor(environment, maps.environments);
  if (candidates.length <= 1) {
    return { environment, scanners: candidates, choice: candidates.length === 1 ? 'only' : null };
  }
  const best = bestByLocation(candidates, place);
  if (best.length === 1) return { environment, scanners: best, choice: 'location' };
  return { environment, scanners: candidates, choice: 'each' };
}

/** The environment among `named` whose scanners sit where the machine is, when exactly one does. */
function settleEnvironments(
  named: readonly string[],
  place: Place,
  maps: ScannerMaps,
  fromDatacenter: string | undefined,
): string | null {
  if (fromDatacenter) {
    const match = named.find((environment) => environment.toUpperCase() === fromDatacenter.toUpperCase());
    if (match) return match;
  }
  const scored = named.map((environment) => ({
    environment,
    score: Math.max(
      0,
      ...scannersFor(environment, maps.environments).map((name) => locationScore(name, place)),
    ),
  }));
  const top = Math.max(...scored.map((entry) => entry.score));
  const winners = scored.filter((entry) => entry.score === top);
  return top > 0 && winners.length === 1 ? (winners[0]?.environment ?? null) : null;
}

function bestByLocation(candidates: readonly string[], place: Place): string[] {
  const scored = candidates.map((name) => ({ name, score: locationScore(name, place) }));
  const top = Math.max(...scored.map((entry) => entry.score));
  return top > 0 ? scored.filter((entry) => entry.score === top).map((entry) => entry.name) : [...candidates];
}

/**
 * How well a scanner's name matches where the machine is. Scanner names follow the runbook's
 * `<tier>-<datacenter>-infra-nessus-NN`: a host named `prestage-mon01-...` belongs to the
 * `prestage-...` scanner, a machine in dal10 to a scanner of the same metro (dal09).
 */
function locationScore(scanner: string, place: Place): number {
  const parts = scanner.toLowerCase().split(/[-.]/);
  const host = place.hostname?.trim().toLowerCase().split(/[-.]/)[0] ?? '';
  const datacenter = place.datacenter?.trim().toLowerCase() ?? '';
  let score = 0;
  if (host !== '' && parts[0] === host) score += 2;
  if (datacenter !== '') {
    if (parts.includes(datacenter)) score += 2;
    else if (parts.some((part) => metro(part) !== '' && metro(part) === metro(datacenter))) score += 1;
  }
  return score;
}

/** `dal` for `dal10`: the metro a datacenter belongs to; empty for a part that is no datacenter. */
function metro(part: string): string {
  const match = /^([a-z]{3})\d{2}$/.exec(part);
  return match?.[1] ?? '';
}

function environmentOfDatacenter(datacenter: string | null, map: DatacenterEnvironments): string | undefined {
  const wanted = datacenter?.trim().toLowerCase();
  return wanted ? findKey(map, wanted, (key) => key.trim().toLowerCase()) : undefined;
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
