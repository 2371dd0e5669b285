/**
 * Tenable.sc behind `CoverageApi`: scan zones, static asset lists, last scan runs per IP (one sumip
 * analysis for all targets), scanner health, and launching the scan that covers an IP.
 * Speaks the REST API as docs/outside-apis.md section 2 describes it, with API-key authentication.
 */
import { z } from 'zod';
import { ErrorCode, InputError, IntegrationError } from '../../errors.js';
import type {
  AssetListRecord,
  CoverageApi,
  ScanZoneRecord,
  TenableScannerRecord,
} from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import { mapConcurrent } from '../../map-concurrent.js';
import type { LastScan } from '../../runbook/evidence.js';
import { isIPv4, parseIpList, rangesContain } from '../../runbook/ip.js';
import { HttpClient, type TransportOptions, transportOptions } from '../http/http-client.js';
import { idString, optionalText } from '../http/lenient.js';
import { classifyTenable, envelope } from './envelope.js';
import { chunkIpList, mergeLastScans, type SumipRow, sumipRowSchema } from './last-scans.js';
import { describeScannerStatus, isHealthyScannerStatus, scannerCondition } from './scanner-status.js';

export interface TenableClientOptions extends TransportOptions {
  /** `https://sc.example.com`; `/rest` is added unless the URL already ends with it. */
  baseUrl: string;
  accessKey: string;
  secretKey: string;
  /** Rows per sumip page (default 1000). */
  analysisPageSize?: number;
  /** Longest `ip` filter value before the IPs are split over several analyses (default 60000). */
  maxFilterChars?: number;
  /** Per-object calls (asset list details) in flight at once. Default 8. */
  concurrency?: number;
}

const listOf = <T>(item: z.ZodType<T>) =>
  z.object({ usable: z.array(item).nullish(), manageable: z.array(item).nullish() });

/** An administrator's asset listing is `{assets: [...]}` (docs.tenable.com Asset API page). */
const assetListingSchema = z.object({
  usable: z.array(z.unknown()).nullish(),
  manageable: z.array(z.unknown()).nullish(),
  assets: z.array(z.unknown()).nullish(),
});

/** The pseudo list "All Defined Ranges": every range of the user's group, not a list of targets. */
export const ALL_DEFINED_RANGES_ID = '0';

const currentUserSchema = z.object({
  id: idString,
  username: optionalText,
  role: z.object({ id: idString, name: optionalText }).nullish(),
  organization: z.object({ id: idString.nullish(), name: optionalText }).nullish(),
});

export interface TenableUser {
  username: string | null;
  roleId: string | null;
  roleName: string | null;
  organization: string | null;
  /** Role 1 (Administrator), or the administration organisation (id 0). */
  administrator: boolean;
}

const zoneSchema = z.object({ id: idString, name: z.string(), ipList: optionalText });
const zoneScannerSchema = z.object({
  id: idString,
  name: z.string(),
  status: z.union([z.string(), z.number().transform(String)]).nullish(),
});
const zoneWithScannersSchema = z.object({
  id: idString,
  name: z.string(),
  scanners: z.array(zoneScannerSchema).nullish(),
});
const assetSummarySchema = z.object({ id: idString, name: z.string(), type: optionalText });
const assetDetailSchema = z.object({
  id: idString,
  name: z.string(),
  type: optionalText,
  typeFields: z.object({ definedIPs: optionalText }).nullish(),
});
const scannerSchema = z.object({
  id: idString,
  name: z.string(),
  status: z.union([z.string(), z.number().transform(String)]).nullish(),
  ip: optionalText,
});
const scanSchema = z.object({ id: idString, name: z.string(), ipList: optionalText });
const launchSchema = z.object({ scanResult: z.object({ id: idString }) });
const analysisSchema = z.object({ results: z.array(sumipRowSchema).nullish() });

export class TenableClient implements CoverageApi {
  private readonly http: HttpClient;
  private readonly log: Logger;
  private readonly pageSize: number;
  private readonly maxFilterChars: number;
  private readonly concurrency: number;

  constructor(options: TenableClientOptions) {
    this.log = options.logger.child({ system: 'tenable' });
    this.pageSize = options.analysisPageSize ?? 1000;
    this.maxFilterChars = options.maxFilterChars ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    this.http = new HttpClient({
      system: 'tenable',
      baseUrl: tenableBaseUrl(options.baseUrl),
      headers: { 'x-apikey': `accesskey=${options.accessKey}; secretkey=${options.secretKey};` },
      secrets: [options.accessKey, options.secretKey],
      ...transportOptions(options),
      classify: classifyTenable,
    });
  }

  async listScanZones(): Promise<ScanZoneRecord[]> {
    const zones = await this.get('zone', { fields: 'id,name,ipList' }, z.array(zoneSchema));
    return zones.map((zone) => ({ id: zone.id, name: zone.name, ipList: zone.ipList ?? '' }));
  }

  /**
   * Static asset lists with their IPs; other list types hold no IPs of their own and are left out.
   * Asked as the documentation advises (`filter=excludeAllDefined,usable`), and the pseudo list
   * "All Defined Ranges" (id 0) is dropped even if a server sends it: its "IPs" are every range the
   * user may see, and reading it as a list would put every target in an asset list.
   */
  async listAssetLists(): Promise<AssetListRecord[]> {
    const listing = await this.get(
      'asset',
      { fields: 'id,name,type', filter: 'excludeAllDefined,usable' },
      assetListingSchema,
    );
    if (!listing.usable && !listing.manageable && listing.assets) {
      throw await this.administratorError('GET asset answered as to an administrator');
    }
    const lists = dedupeUsable(listOf(assetSummarySchema).parse(listing)).filter(
      (list) => list.id !== ALL_DEFINED_RANGES_ID,
    );
    const statics = lists.filter((list) => list.type?.toLowerCase() === 'static');
    return mapConcurrent(statics, this.concurrency, async (list) => {
      const detail = await this.get(
        `asset/${encodeURIComponent(list.id)}`,
        { fields: 'id,name,type,typeFields' },
        assetDetailSchema,
      ).catch((error: unknown) => this.explainRefusal(error));
      if (!detail.typeFields) {
        // typeFields is withheld from administrators only (Asset API page, allowed fields).
        const user = await this.currentUser().catch(() => null);
        if (user?.administrator) throw this.administratorMessage(user);
      }
      return { id: detail.id, name: detail.name, definedIPs: detail.typeFields?.definedIPs ?? '' };
    });
  }

  /** Who the API keys belong to (`GET /currentUser`); an administrator cannot do the bot's work. */
  async currentUser(): Promise<TenableUser> {
    const user = await this.get(
      'currentUser',
      { fields: 'id,username,role,organization' },
      currentUserSchema,
    );
    const roleId = user.role?.id ?? null;
    const orgId = user.organization?.id ?? null;
    return {
      username: user.username,
      roleId,
      roleName: user.role?.name ?? null,
      organization: user.organization?.name ?? null,
      administrator: roleId === '1' || orgId === '0',
    };
  }

  /**
   * One sumip analysis filtered on every IP (split only when the filter value would be too long),
   * paged until a short page. IPs with no scan data are absent from the map.
   */
  async lastScans(ips: string[]): Promise<Map<string, LastScan>> {
    const wanted = new Set(ips.map((ip) => ip.trim()).filter(isIPv4));
    if (wanted.size === 0) return new Map();
    const chunks = chunkIpList([...wanted], this.maxFilterChars);
    const rows = (await mapConcurrent(chunks, 4, (chunk) => this.sumip(chunk))).flat();
    return mergeLastScans(rows, wanted);
  }

  /**
   * Every scanner this user can see, with its state. `/scanner` shows an organisation user only the
   * agent-capable scanners (Scanner API page), so the scanners of the scan zones (each with its
   * status) are read too and merged by id; `/scanner`'s own entry wins where both have one.
   */
  async listScanners(): Promise<TenableScannerRecord[]> {
    const [scanners, zones] = await Promise.all([
      this.get('scanner', { fields: 'id,name,status,ip' }, z.array(scannerSchema)),
      this.get('zone', { fields: 'id,name,scanners' }, z.array(zoneWithScannersSchema)),
    ]);
    const byId = new Map<string, { name: string; status: string; ip: string | null; zones: string[] }>();
    for (const scanner of scanners) {
      byId.set(scanner.id, { name: scanner.name, status: scanner.status ?? '', ip: scanner.ip, zones: [] });
    }
    for (const zone of zones) {
      for (const scanner of zone.scanners ?? []) {
        const known = byId.get(scanner.id);
        if (known) {
          if (!known.zones.includes(zone.name)) known.zones.push(zone.name);
          continue;
        }
        byId.set(scanner.id, {
          name: scanner.name,
          status: scanner.status ?? '',
          ip: null,
          zones: [zone.name],
        });
      }
    }
    return [...byId.entries()].map(([id, scanner]) => ({
      id,
      name: scanner.name,
      ip: scanner.ip,
      healthy: isHealthyScannerStatus(scanner.status),
      status: describeScannerStatus(scanner.status),
      condition: scannerCondition(scanner.status),
      zones: scanner.zones,
    }));
  }

  /**
   * Launches the named scan, or else the scan whose target list covers the IP most narrowly, and
   * returns the scan result id to follow. Scans that target asset lists instead of IPs cannot be
   * matched to an IP here; name them.
   */
  async launchScan(request: {
    ip: string;
    scanName?: string;
  }): Promise<{ scanResultId: string; scanName: string }> {
    if (!isIPv4(request.ip)) throw new InputError(`not an IPv4 address: ${JSON.stringify(request.ip)}`);
    const scans = dedupeUsable(await this.get('scan', { fields: 'id,name,ipList,zone' }, listOf(scanSchema)));
    const scan = request.scanName ? pickNamed(scans, request.scanName) : pickCovering(scans, request.ip);
    if (request.scanName && !rangesContain(parseIpList(scan.ipList ?? ''), request.ip)) {
      this.log.warn(
        { scan: scan.name, ip: request.ip },
        `scan "${scan.name}" does not list ${request.ip} in its IPs`,
      );
    }
    const path = `scan/${encodeURIComponent(scan.id)}/launch`;
    const launched = await this.http.request({
      method: 'POST',
      path,
      json: {},
      schema: envelope(launchSchema),
    });
    return { scanResultId: launched.scanResult.id, scanName: scan.name };
  }

  private async sumip(ipFilter: string): Promise<SumipRow[]> {
    const rows: SumipRow[] = [];
    const seen = new Map<string, number>();
    for (let offset = 0; ; offset += this.pageSize) {
      const window = { startOffset: offset, endOffset: offset + this.pageSize };
      // pyTenable sends the offsets inside `query`, the official docs at the root: send both.
      const body = {
        type: 'vuln',
        sourceType: 'cumulative',
        ...window,
        query: {
          type: 'vuln',
          tool: 'sumip',
          ...window,
          filters: [{ filterName: 'ip', operator: '=', value: ipFilter }],
        },
      };
      const page = await this.http
        .request({
          method: 'POST',
          path: 'analysis',
          label: 'analysis (sumip)',
          json: body,
          idempotent: true,
          schema: envelope(analysisSchema),
        })
        .catch((error: unknown) => this.explainRefusal(error));
      const results = page.results ?? [];
      // Rows are unique per repository, IP and DNS name (the recorded `uniqueness` field); a key
      // seen again keeps its newest run.
      let fresh = 0;
      for (const row of results) {
        const key = sumipKey(row);
        const at = seen.get(key);
        if (at === undefined) {
          seen.set(key, rows.length);
          rows.push(row);
          fresh += 1;
          continue;
        }
        const earlier = rows[at];
        if (earlier && newestRun(row) > newestRun(earlier)) rows[at] = row;
      }
      if (results.length < this.pageSize) break;
      if (fresh === 0) {
        this.log.warn({ offset }, 'sumip returned the same rows again; the server ignores the offsets');
        break;
      }
    }
    return rows;
  }

  private get<T>(path: string, query: Record<string, string>, inner: z.ZodType<T>): Promise<T> {
    return this.http.request({ method: 'GET', path, query, schema: envelope(inner) });
  }

  /**
   * SC refuses an administrator's analysis and asset details with an error that does not say why
   * (error_code 202 or 15): on a refusal, ask who the keys belong to and say so when that is it.
   */
  private async explainRefusal(error: unknown): Promise<never> {
    if (error instanceof IntegrationError && error.status === 403) {
      const user = await this.currentUser().catch(() => null);
      if (user?.administrator) throw this.administratorMessage(user, error);
    }
    throw error;
  }

  private async administratorError(what: string): Promise<IntegrationError> {
    const user = await this.currentUser().catch(() => null);
    return this.administratorMessage(
      user ?? { username: null, roleId: null, roleName: null, organization: null, administrator: true },
      new Error(what),
    );
  }

  private administratorMessage(user: TenableUser, cause?: unknown): IntegrationError {
    const who = user.username ? ` (${user.username})` : '';
    return new IntegrationError(
      'tenable',
      `tenable: the API keys belong to a Tenable.sc administrator${who}; administrators cannot run analyses and do not see the IPs of asset lists. ` +
        'Generate API keys for an organisation user with access to the repositories that hold the scans, and set TENABLE_SC_ACCESS_KEY and TENABLE_SC_SECRET_KEY to them',
      { code: ErrorCode.NotAllowed, status: 403, cause },
    );
  }
}

function sumipKey(row: SumipRow): string {
  return `${row.repository?.id ?? ''}|${row.ip.trim()}|${(row.dnsName ?? '').toLowerCase()}`;
}

/** The later of a row's two runs, as epoch seconds (0 when never). */
function newestRun(row: SumipRow): number {
  const seconds = (value: unknown) =>
    /^\d+$/.test(String(value ?? '').trim()) ? Number(String(value).trim()) : 0;
  return Math.max(seconds(row.lastAuthRun), seconds(row.lastUnauthRun));
}

export function tenableBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/rest') ? trimmed : `${trimmed}/rest`;
}

/** `usable` and `manageable` overlap; each object once, by id, in first-seen order. */
function dedupeUsable<T extends { id: string }>(lists: {
  usable?: T[] | null | undefined;
  manageable?: T[] | null | undefined;
}): T[] {
  const byId = new Map<string, T>();
  for (const item of [...(lists.usable ?? []), ...(lists.manageable ?? [])]) {
    if (!byId.has(item.id)) byId.set(item.id, item);
  }
  return [...byId.values()];
}

type Scan = z.output<typeof scanSchema>;

function pickNamed(scans: readonly Scan[], name: string): Scan {
  const exact = scans.find((scan) => scan.name === name);
  const loose = exact ?? scans.find((scan) => scan.name.toLowerCase() === name.toLowerCase());
  if (loose) return loose;
  throw new IntegrationError('tenable', `tenable: no scan named "${name}" (scans: ${listNames(scans)})`, {
    code: ErrorCode.NotFound,
  });
}

function pickCovering(scans: readonly Scan[], ip: string): Scan {
  let best: { scan: Scan; size: number } | null = null;
  for (const scan of scans) {
    const ranges = parseIpList(scan.ipList ?? '');
    if (!rangesContain(ranges, ip)) continue;
    const size = ranges.reduce((sum, range) => sum + (range.last - range.first + 1), 0);
    if (!best || size < best.size) best = { scan, size };
  }
  if (best) return best.scan;
  throw new IntegrationError(
    'tenable',
    `tenable: no scan lists ${ip} in its target IPs; name the scan to launch (scans: ${listNames(scans)})`,
    { code: ErrorCode.NotFound },
  );
}

function listNames(scans: readonly Scan[]): string {
  if (scans.length === 0) return 'none';
  const names = scans.slice(0, 10).map((scan) => `"${scan.name}"`);
  return scans.length > 10 ? `${names.join(', ')} and ${scans.length - 10} more` : names.join(', ');
}
