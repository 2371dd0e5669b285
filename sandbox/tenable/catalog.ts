/**
 * The read-only resources: scan zones (docs/outside-apis.md section 2.3), asset lists (2.4) and scanners
 * (2.8), shaped as SC sends them: string ids and timestamps, `fields` selection, `{usable, manageable}` for
 * assets.
 *
 * What a key sees depends on its user, as on the real server (docs.tenable.com Asset, Scanner and
 * Current User API pages): an organisation user gets the pseudo list "All Defined Ranges" (id 0)
 * first among its usable asset lists (recorded in pyTenable's test_asset_lists_list_success
 * cassette) and only the agent-capable scanners on `/scanner`; an administrator gets every scanner,
 * asset lists as `{assets: [...]}` without `typeFields`, and no asset details without an orgID.
 */
import { ErrorCodes, TenableFailure } from './envelope.js';
import {
  asScStrings,
  filterTokens,
  pickFields,
  requestedFields,
  type ScObject,
  usableManageable,
} from './fields.js';
import { byId, type TenableCenter } from './world.js';

/** Whose key made the request. */
export type Role = 'organization' | 'administrator';

const CREATED = '1553205885';
const ZONE_LIST_DEFAULT = ['name', 'description'];
const ASSET_LIST_BASE = ['name', 'description', 'type', 'status'];
/** `typeFields` (the defined IPs) comes only with the details call [U whether the list accepts it]. */
const ASSET_DETAIL_ONLY = new Set(['typeFields']);
const SCANNER_LIST_DEFAULT = ['name', 'description', 'status'];

function joinList(value: unknown): unknown {
  return Array.isArray(value) ? value.join(',') : value;
}

function notFound(kind: string, id: string): TenableFailure {
  return new TenableFailure(ErrorCodes.notFound, `Unable to find existing ${kind} #${id}.`);
}

function scannerSummary(scanner: ScObject): ScObject {
  return asScStrings({
    id: scanner.id,
    name: scanner.name,
    description: scanner.description ?? '',
    status: scanner.status ?? '1',
  }) as ScObject;
}

/** A zone's `scanners` entries may name scenario scanners by object, id or name. */
function zoneScanners(center: TenableCenter, zone: ScObject): ScObject[] {
  const entries = Array.isArray(zone.scanners) ? zone.scanners : [];
  return entries.map((entry: unknown) => {
    const key =
      typeof entry === 'object' && entry !== null ? (entry as ScObject) : { id: entry, name: entry };
    const known = center.scanners.find(
      (scanner) =>
        String(scanner.id) === String(key.id) || (key.name !== undefined && scanner.name === key.name),
    );
    return scannerSummary(known ?? key);
  });
}

export function zoneView(center: TenableCenter, zone: ScObject): ScObject {
  const scanners = zoneScanners(center, zone);
  return {
    ...(asScStrings({
      description: '',
      createdTime: CREATED,
      modifiedTime: CREATED,
      organizations: [],
      ...zone,
      ipList: joinList(zone.ipList) ?? '',
    }) as ScObject),
    scanners,
    activeScanners: scanners.filter((scanner) => scanner.status === '1').length,
    totalScanners: scanners.length,
  };
}

export function listZones(center: TenableCenter, query: URLSearchParams): ScObject[] {
  const fields = requestedFields(query) ?? ZONE_LIST_DEFAULT;
  return center.zones.map((zone) => pickFields(zoneView(center, zone), fields));
}

export function zoneDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const zone = byId(center.zones, id);
  if (!zone) throw notFound('Scan Zone', id);
  const view = zoneView(center, zone);
  const fields = requestedFields(query);
  return fields ? pickFields(view, fields) : view;
}

export function assetView(asset: ScObject): ScObject {
  const { definedIPs, typeFields, ...rest } = asset;
  const fieldsOfType: ScObject =
    typeof typeFields === 'object' && typeFields !== null ? { ...typeFields } : {};
  if (definedIPs !== undefined) fieldsOfType.definedIPs = definedIPs;
  if (fieldsOfType.definedIPs !== undefined) fieldsOfType.definedIPs = joinList(fieldsOfType.definedIPs);
  return {
    ...(asScStrings({
      description: '',
      type: 'static',
      tags: '',
      status: '0',
      createdTime: CREATED,
      modifiedTime: CREATED,
      repositories: [{ ipCount: '-1', repository: { id: '1', name: 'Main', description: '' } }],
      canUse: true,
      canManage: true,
      owner: { id: '1', username: 'secmanager', firstname: '', lastname: '' },
      ...rest,
      typeFields: fieldsOfType,
    }) as ScObject),
    ipCount: -1,
  };
}

/** The pseudo list of every range the user's group may see; its IPs are the group's, not a list's. */
export const ALL_DEFINED_RANGES_ID = '0';

function allDefinedRanges(center: TenableCenter): ScObject {
  const ranges = center.zones.map((zone) => joinList(zone.ipList)).filter((list) => list !== '');
  return {
    id: ALL_DEFINED_RANGES_ID,
    name: 'All Defined Ranges',
    description: 'All defining ranges of the Group in whose context this Asset is being evaluated.',
    type: 'static',
    typeFields: { definedIPs: ranges.join(',') },
    canManage: false,
  };
}

export function listAssets(
  center: TenableCenter,
  query: URLSearchParams,
  role: Role = 'organization',
): ScObject {
  const tokens = filterTokens(query);
  const requested = requestedFields(query) ?? [];
  if (role === 'administrator') {
    const fields = [...ASSET_LIST_BASE, 'organization', ...requested].filter((f) => f !== 'typeFields');
    const organization = { id: '1', name: 'Organization', description: '' };
    return {
      assets: center.assets.map((asset) => pickFields({ ...assetView(asset), organization }, fields)),
    };
  }
  const extra = requested.filter((field) => !ASSET_DETAIL_ONLY.has(field));
  const view = (asset: ScObject) => pickFields(assetView(asset), [...ASSET_LIST_BASE, ...extra]);
  const lists = usableManageable(center.assets.map(view), tokens);
  // The pseudo list is usable only, first, unless excludeAllDefined asks it away.
  if (Array.isArray(lists.usable) && !tokens.has('excludealldefined')) {
    lists.usable = [view(allDefinedRanges(center)), ...lists.usable];
  }
  return lists;
}

export function assetDetails(
  center: TenableCenter,
  id: string,
  query: URLSearchParams,
  role: Role = 'organization',
): ScObject {
  // An administrator reads an organisation's objects only with its orgID (pyTenable issue #294).
  if (role === 'administrator' && !query.get('orgID')) {
    throw new TenableFailure(ErrorCodes.orgIdRequired, 'Valid orgID is required.\n');
  }
  const asset = id === ALL_DEFINED_RANGES_ID ? allDefinedRanges(center) : byId(center.assets, id);
  if (!asset) throw notFound('Asset', id);
  const view = assetView(asset);
  const fields = requestedFields(query);
  return fields ? pickFields(view, fields) : view;
}

export function scannerView(center: TenableCenter, scanner: ScObject): ScObject {
  const zones = center.zones
    .filter((zone) => zoneScanners(center, zone).some((entry) => entry.id === String(scanner.id)))
    .map((zone) => asScStrings({ id: zone.id, name: zone.name, description: zone.description ?? '' }));
  return asScStrings({
    description: '',
    status: '1',
    statusMessage: '',
    agentCapable: false,
    port: 8834,
    enabled: true,
    authType: 'password',
    version: '10.7.1',
    numScans: 0,
    numHosts: 0,
    createdTime: CREATED,
    modifiedTime: CREATED,
    ...scanner,
    zones,
  }) as ScObject;
}

/** What an organisation user may read of a scanner on `/scanner` (Scanner API page, "Org User"). */
const ORG_USER_SCANNER_FIELDS = new Set(['id', 'name', 'description', 'status', 'agentCapable']);

export function listScanners(
  center: TenableCenter,
  query: URLSearchParams,
  role: Role = 'organization',
): ScObject[] {
  const fields = requestedFields(query) ?? SCANNER_LIST_DEFAULT;
  if (role === 'administrator') {
    return center.scanners.map((scanner) => pickFields(scannerView(center, scanner), fields));
  }
  // "For an Organization User, it will only return agent-capable Scanners".
  return center.scanners
    .filter((scanner) => String(scanner.agentCapable ?? 'false') === 'true')
    .map((scanner) =>
      pickFields(
        scannerView(center, scanner),
        fields.filter((field) => ORG_USER_SCANNER_FIELDS.has(field)),
      ),
    );
}

export function scannerDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const scanner = byId(center.scanners, id);
  if (!scanner) throw notFound('Scanner', id);
  const view = scannerView(center, scanner);
  const fields = requestedFields(query);
  return fields ? pickFields(view, fields) : view;
}
