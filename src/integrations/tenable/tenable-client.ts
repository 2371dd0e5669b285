/**
 * Tenable.sc behind `CoverageApi`: scan zones, static asset lists, last scan runs per IP (one sumip
 * analysis for all targets), scanner health, and launching the scan that covers an IP.
 * Speaks the REST API as api-notes section 2 describes it, with API-key authentication.
 */
import { z } from 'zod';
import { ErrorCode, InputError, IntegrationError } from '../../errors.js';
import type {
  AssetListRecord,
  CallCounter,
  CoverageApi,
  ScanZoneRecord,
  TenableScannerRecord,
} from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import type { LastScan } from '../../runbook/evidence.js';
import { isIPv4, parseIpList, rangesContain } from '../../runbook/ip.js';
import { mapConcurrent } from '../http/concurrency.js';
import { HttpClient } from '../http/http-client.js';
import { idString, optionalText } from '../http/lenient.js';
import { classifyTenable, envelope } from './envelope.js';
import { chunkIpList, mergeLastScans, type SumipRow, sumipRowSchema } from './last-scans.js';
import { describeScannerStatus, isHealthyScannerStatus, scannerCondition } from './scanner-status.js';

export interface TenableClientOptions {
  /** `https://sc.example.com`; `/rest` is added unless the URL already ends with it. */
  baseUrl: string;
  accessKey: string;
  secretKey: string;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Rows per sumip page (default 1000). */
  analysisPageSize?: number;
  /** Longest `ip` filter value before the IPs are split over several analyses (default 60000). */
  maxFilterChars?: number;
  /** Per-object calls (asset list details) in flight at once. Default 8. */
  concurrency?: number;
  logger: Logger;
  counter?: CallCounter;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const listOf = <T>(item: z.ZodType<T>) =>
  z.object({ usable: z.array(item).nullish(), manageable: z.array(item).nullish() });

const zoneSchema = z.object({ id: idString, name: z.string(), ipList: optionalText });
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
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      minBackoffMs: options.minBackoffMs,
      maxBackoffMs: options.maxBackoffMs,
      logger: options.logger,
      counter: options.counter,
      fetch: options.fetch,
      sleep: options.sleep,
      classify: classifyTenable,
    });
  }

  async listScanZones(): Promise<ScanZoneRecord[]> {
    const zones = await this.get('zone', { fields: 'id,name,ipList' }, z.array(zoneSchema));
    return zones.map((zone) => ({ id: zone.id, name: zone.name, ipList: zone.ipList ?? '' }));
  }

  /** Static asset lists with their IPs; other list types hold no IPs of their own and are left out. */
  async listAssetLists(): Promise<AssetListRecord[]> {
    const lists = dedupeUsable(
      await this.get('asset', { fields: 'id,name,type' }, listOf(assetSummarySchema)),
    );
    const statics = lists.filter((list) => list.type?.toLowerCase() === 'static');
    return mapConcurrent(statics, this.concurrency, async (list) => {
      const detail = await this.get(
        `asset/${encodeURIComponent(list.id)}`,
        { fields: 'id,name,type,typeFields' },
        assetDetailSchema,
      );
      return { id: detail.id, name: detail.name, definedIPs: detail.typeFields?.definedIPs ?? '' };
    });
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

  async listScanners(): Promise<TenableScannerRecord[]> {
    const scanners = await this.get('scanner', { fields: 'id,name,status,ip' }, z.array(scannerSchema));
    return scanners.map((scanner) => {
      const status = scanner.status ?? '';
      return {
        id: scanner.id,
        name: scanner.name,
        ip: scanner.ip,
        healthy: isHealthyScannerStatus(status),
        status: describeScannerStatus(status),
        condition: scannerCondition(status),
      };
    });
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
    const seen = new Set<string>();
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
      const page = await this.http.request({
        method: 'POST',
        path: 'analysis',
        label: 'analysis (sumip)',
        json: body,
        idempotent: true,
        schema: envelope(analysisSchema),
      });
      const results = page.results ?? [];
      const fresh = results.filter((row) => {
        const key = `${row.ip}|${row.repository?.id ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      rows.push(...fresh);
      if (results.length < this.pageSize) break;
      if (fresh.length === 0) {
        this.log.warn({ offset }, 'sumip returned the same rows again; the server ignores the offsets');
        break;
      }
    }
    return rows;
  }

  private get<T>(path: string, query: Record<string, string>, inner: z.ZodType<T>): Promise<T> {
    return this.http.request({ method: 'GET', path, query, schema: envelope(inner) });
  }
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
