/**
 * Emulator of the Tenable.sc REST API under `/rest/` for one scenario: scan zones, asset lists, the
 * `sumip` analysis, scanners, scans and launched scan results, all in SC's envelope with string ids.
 * Unconfirmed behaviours are marked [U] where they are chosen (see docs/outside-apis.md section 2).
 */
import type { EmulatorCommonOptions } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  jsonBody,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import { runAnalysis } from './analysis.js';
import { hasValidKeys } from './auth.js';
import {
  assetDetails,
  listAssets,
  listScanners,
  listZones,
  type Role,
  scannerDetails,
  zoneDetails,
} from './catalog.js';
import { ErrorCodes, ok, scError, TenableFailure } from './envelope.js';
import { tenableFault } from './faults.js';
import {
  launchScan,
  listScanResults,
  listScans,
  scanDetails,
  scanResultDetails,
  scanResultsNow,
} from './scans.js';
import { currentUser } from './users.js';
import { TenableCenter, type TenableState, type TenableWorld } from './world.js';

export { TRANSIENT_ERROR_CODE } from './faults.js';
export type { TenableState, TenableWorld } from './world.js';

export interface TenableEmulatorOptions extends EmulatorCommonOptions {
  /** The keys of the organisation user the bot should use. */
  accessKey: string;
  secretKey: string;
  /** Keys of an administrator, who sees what SC shows administrators (a fault to inject). */
  administrator?: { accessKey: string; secretKey: string };
  /** List "All Defined Ranges" even when the client asks `excludeAllDefined` (a server that ignores it [U]). */
  ignoreExcludeAllDefined?: boolean;
  /** Clock for timestamps (epoch ms). */
  now?: () => number;
}

/** `id` is the path's numeric id ("" for collection routes); `role` whose keys made the call. */
type Route = (
  center: TenableCenter,
  request: EmulatorRequest,
  id: string,
  nowMs: number,
  role: Role,
) => unknown;

/** `METHOD resource[/{id}][/action]` -> what goes in `response`. */
const ROUTES: Record<string, Route> = {
  'GET currentUser': (_center, _request, _id, _nowMs, role) => currentUser(role),
  'GET zone': (center, request) => listZones(center, request.query),
  'GET zone/{id}': (center, request, id) => zoneDetails(center, id, request.query),
  'GET asset': (center, request, _id, _nowMs, role) => listAssets(center, assetQuery(center, request), role),
  'GET asset/{id}': (center, request, id, _nowMs, role) => assetDetails(center, id, request.query, role),
  'GET scanner': (center, request, _id, _nowMs, role) => listScanners(center, request.query, role),
  'GET scanner/{id}': (center, request, id) => scannerDetails(center, id, request.query),
  'POST analysis': (center, request, _id, _nowMs, role) => {
    if (role === 'administrator') {
      // What SC answered a reporter's administrator keys (tenable/integration-jira-cloud #282) [O].
      throw new TenableFailure(
        ErrorCodes.administratorAnalysis,
        'Retrieving user LCEs during Query validate failed.\nUnable to retrieve group\n',
      );
    }
    return runAnalysis(center, jsonBody(request));
  },
  'GET scan': (center, request) => listScans(center, request.query),
  'GET scan/{id}': (center, request, id) => scanDetails(center, id, request.query),
  'POST scan/{id}/launch': (center, request, id, nowMs) => launchScan(center, id, jsonBody(request), nowMs),
  'GET scanResult': (center, request, _id, nowMs) => listScanResults(center, request.query, nowMs),
  'GET scanResult/{id}': (center, request, id) => scanResultDetails(center, id, request.query),
};

/** The asset query as this server reads it (without excludeAllDefined when it ignores that filter). */
function assetQuery(center: TenableCenter, request: EmulatorRequest): URLSearchParams {
  if (!center.ignoreExcludeAllDefined) return request.query;
  const query = new URLSearchParams(request.query);
  const kept = (query.get('filter') ?? '')
    .split(',')
    .filter((token) => token.trim().toLowerCase() !== 'excludealldefined');
  query.set('filter', kept.join(','));
  return query;
}

function findRoute(request: EmulatorRequest): { route: Route; id: string } | undefined {
  const match = /^\/rest\/([A-Za-z]+)(?:\/(\d+))?(?:\/([A-Za-z]+))?\/?$/.exec(request.path);
  if (!match) return undefined;
  const [, resource, id, action] = match;
  const key = `${request.method} ${resource}${id === undefined ? '' : '/{id}'}${action === undefined ? '' : `/${action}`}`;
  return Object.hasOwn(ROUTES, key) ? { route: ROUTES[key] as Route, id: id ?? '' } : undefined;
}

export async function startTenableEmulator(
  world: TenableWorld,
  options: TenableEmulatorOptions,
): Promise<RunningEmulator & { state(): TenableState }> {
  const center = new TenableCenter(world);
  center.ignoreExcludeAllDefined = options.ignoreExcludeAllDefined === true;
  const now = options.now ?? Date.now;
  const handler = (request: EmulatorRequest): EmulatorResponse => {
    const nowMs = now();
    // The status and code for a bad key are [U] (docs/outside-apis.md section 2.2): 403 like every SC error,
    // code 74.
    const role: Role | null = hasValidKeys(request.headers, options.accessKey, options.secretKey)
      ? 'organization'
      : options.administrator &&
          hasValidKeys(request.headers, options.administrator.accessKey, options.administrator.secretKey)
        ? 'administrator'
        : null;
    if (role === null) return scError(ErrorCodes.invalidApiKey, 'Invalid API key', nowMs);
    const found = findRoute(request);
    if (!found) {
      return scError(
        ErrorCodes.unknownResource,
        `Invalid resource: ${request.method} ${request.path}`,
        nowMs,
      );
    }
    try {
      return ok(found.route(center, request, found.id, nowMs, role), nowMs);
    } catch (error) {
      if (error instanceof TenableFailure) return scError(error.errorCode, error.message, nowMs);
      throw error;
    }
  };
  const emulator = await startEmulator({
    name: 'tenable',
    handler,
    fault: tenableFault,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.faultRate !== undefined ? { faultRate: options.faultRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  });
  return {
    ...emulator,
    state: () => structuredClone({ launches: center.launches, scanResults: scanResultsNow(center) }),
  };
}
