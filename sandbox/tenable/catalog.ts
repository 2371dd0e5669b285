/**
 * The read-only resources: scan zones (api-notes 2.3), asset lists (2.4) and scanners (2.8), shaped as
 * SC sends them: string ids and timestamps, `fields` selection, `{usable, manageable}` for assets.
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

export function listAssets(center: TenableCenter, query: URLSearchParams): ScObject {
  const tokens = filterTokens(query);
  const extra = (requestedFields(query) ?? []).filter((field) => !ASSET_DETAIL_ONLY.has(field));
  const assets = center.assets
    .filter((asset) => !(tokens.has('excludealldefined') && asset.name === 'All Defined Ranges'))
    .map((asset) => pickFields(assetView(asset), [...ASSET_LIST_BASE, ...extra]));
  return usableManageable(assets, tokens);
}

export function assetDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const asset = byId(center.assets, id);
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

export function listScanners(center: TenableCenter, query: URLSearchParams): ScObject[] {
  const fields = requestedFields(query) ?? SCANNER_LIST_DEFAULT;
  return center.scanners.map((scanner) => pickFields(scannerView(center, scanner), fields));
}

export function scannerDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const scanner = byId(center.scanners, id);
  if (!scanner) throw notFound('Scanner', id);
  const view = scannerView(center, scanner);
  const fields = requestedFields(query);
  return fields ? pickFields(view, fields) : view;
}
