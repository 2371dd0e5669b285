/**
 * `POST /rest/analysis` with tool `sumip` (docs/outside-apis.md section 2.7): one row per IP (and repository)
 * that has scan data; an IP without data is simply absent. `lastAuthRun`/`lastUnauthRun` are epoch-second
 * strings, `""` meaning never. Offsets may sit at the root or inside `query`; when both are given, `query`
 * wins (the recorded SC 5.8 honoured `query`; which wins on a real system is [U]). endOffset is exclusive.
 */
import { z } from 'zod';
import { assetView } from './catalog.js';
import { ErrorCodes, TenableFailure } from './envelope.js';
import { asScStrings, type ScObject } from './fields.js';
import { compareIps, inRanges, parseList } from './ip-list.js';
import { byId, type TenableCenter } from './world.js';

const offset = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

const bodySchema = z.looseObject({
  type: z.string(),
  sourceType: z.string().optional(),
  startOffset: offset.optional(),
  endOffset: offset.optional(),
  sortField: z.string().optional(),
  sortDir: z.string().optional(),
  query: z.looseObject({
    type: z.string().optional(),
    tool: z.string(),
    startOffset: offset.optional(),
    endOffset: offset.optional(),
    filters: z
      .array(z.looseObject({ filterName: z.string(), operator: z.string(), value: z.unknown() }))
      .default([]),
  }),
});

/** Without offsets SC's page size is [U]; the emulator uses 50 so a client that does not page notices. */
const DEFAULT_PAGE = 50;

const VULN_TOOLS = [
  'cceipdetail',
  'cveipdetail',
  'iavmipdetail',
  'iplist',
  'listmailclients',
  'listos',
  'listservices',
  'listsoftware',
  'listsshservers',
  'listvuln',
  'listwebclients',
  'listwebservers',
  'popcount',
  'sumasset',
  'sumcce',
  'sumclassa',
  'sumclassb',
  'sumclassc',
  'sumcve',
  'sumdnsname',
  'sumfamily',
  'sumiavm',
  'sumid',
  'sumip',
  'summsbulletin',
  'sumport',
  'sumprotocol',
  'sumremediation',
  'sumseverity',
  'sumuserresponsibility',
  'trend',
  'vulndetails',
  'vulnipdetail',
  'vulnipsummary',
];

const VULN_FILTERS = [
  'acceptRisk',
  'acceptRiskStatus',
  'asset',
  'assetCriticalityRating',
  'auditFileID',
  'baseCVSSScore',
  'benchmarkName',
  'cceID',
  'cpe',
  'cveID',
  'cvssV3BaseScore',
  'cvssV3Vector',
  'cvssVector',
  'dataFormat',
  'daysMitigated',
  'daysToMitigated',
  'dnsName',
  'exploitAvailable',
  'exploitFrameworks',
  'familyID',
  'firstSeen',
  'hostUUID',
  'iavmID',
  'ip',
  'lastMitigated',
  'lastSeen',
  'macAddress',
  'msbulletinID',
  'mitigatedStatus',
  'netbiosName',
  'outputAssets',
  'patchPublished',
  'pluginID',
  'pluginModified',
  'pluginName',
  'pluginPublished',
  'pluginText',
  'pluginType',
  'policyID',
  'port',
  'protocol',
  'recastRisk',
  'recastRiskStatus',
  'repository',
  'responsibleUserIDs',
  'severity',
  'solutionID',
  'stigSeverity',
  'tcpport',
  'udpport',
  'uuid',
  'vprScore',
  'vulnPublished',
  'wasMitigated',
  'xref',
];

function invalid(message: string): TenableFailure {
  return new TenableFailure(ErrorCodes.invalidAnalysis, message);
}

/** A scenario time (epoch seconds as number or string, an ISO date, empty/null = never) as SC sends it. */
function epochString(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return '';
  if (typeof value === 'number') return String(Math.floor(value));
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return String(Math.floor(Date.parse(value) / 1000));
  return String(value);
}

export function sumipRow(row: ScObject): ScObject {
  const repository = typeof row.repository === 'object' && row.repository !== null ? row.repository : {};
  return {
    ...(asScStrings({
      uuid: '',
      dnsName: '',
      netbiosName: '',
      macAddress: '',
      score: '0',
      total: '0',
      severityInfo: '0',
      severityLow: '0',
      severityMedium: '0',
      severityHigh: '0',
      severityCritical: '0',
      policyName: '',
      pluginSet: '',
      osCPE: '',
      biosGUID: '',
      tpmID: '',
      mcafeeGUID: '',
      uniqueness: 'repositoryID,ip,dnsName',
      ...row,
      repository: { id: '1', name: 'Main', description: '', dataFormat: 'IPv4', ...repository },
    }) as ScObject),
    lastAuthRun: epochString(row.lastAuthRun),
    lastUnauthRun: epochString(row.lastUnauthRun),
  };
}

type RowTest = (row: ScObject) => boolean;

function ipTest(operator: string, value: unknown): RowTest {
  if (operator !== '=') throw invalid(`Invalid operator '${operator}' for filter 'ip'.`);
  if (typeof value !== 'string') throw invalid("Invalid value for filter 'ip': expected a string.");
  const { ranges, invalid: bad } = parseList(value);
  if (bad !== undefined) throw invalid(`Invalid IP address or range '${bad}' for filter 'ip'.`);
  return (row) => inRanges(String(row.ip), ranges);
}

function idsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) =>
    String(typeof entry === 'object' && entry !== null ? (entry as ScObject).id : entry),
  );
}

function definedIps(asset: ScObject | undefined): string {
  if (!asset) return '';
  const typeFields = assetView(asset).typeFields as ScObject;
  return typeof typeFields.definedIPs === 'string' ? typeFields.definedIPs : '';
}

function filterTest(
  center: TenableCenter,
  filter: { filterName: string; operator: string; value: unknown },
): RowTest {
  switch (filter.filterName) {
    case 'ip':
      return ipTest(filter.operator, filter.value);
    case 'dnsName':
      return (row) => row.dnsName === String(filter.value);
    case 'repository': {
      const ids = idsOf(filter.value);
      return (row) => ids.includes(String((row.repository as ScObject | undefined)?.id ?? '1'));
    }
    case 'asset': {
      const lists = idsOf(filter.value).map((id) => definedIps(byId(center.assets, id)));
      const { ranges } = parseList(lists.join(','));
      return (row) => inRanges(String(row.ip), ranges);
    }
    default:
      if (VULN_FILTERS.includes(filter.filterName)) {
        throw invalid(`Filter '${filter.filterName}' is valid but not emulated.`);
      }
      throw invalid(`Invalid filter '${filter.filterName}'. Valid filters are: ${VULN_FILTERS.join(', ')}.`);
  }
}

function sortRows(rows: ScObject[], field: string | undefined, direction: string | undefined): ScObject[] {
  if (!field) return rows;
  const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = String(a[field] ?? '');
    const right = String(b[field] ?? '');
    if (field === 'ip') return sign * compareIps(left, right);
    const numeric = /^\d+$/.test(left) && /^\d+$/.test(right);
    return sign * (numeric ? Number(left) - Number(right) : left.localeCompare(right));
  });
}

export function runAnalysis(center: TenableCenter, rawBody: unknown): ScObject {
  const parsed = bodySchema.safeParse(rawBody);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `Invalid analysis request: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const body = parsed.data;
  if (body.type !== 'vuln') throw invalid(`Analysis type '${body.type}' is not emulated; use 'vuln'.`);
  const tool = body.query.tool;
  if (tool !== 'sumip') {
    if (VULN_TOOLS.includes(tool)) throw invalid(`Tool '${tool}' is valid but not emulated.`);
    throw invalid(`Invalid tool '${tool}'. Valid tools are: ${VULN_TOOLS.join(', ')}.`);
  }
  const tests = body.query.filters.map((filter) => filterTest(center, filter));
  const rows = sortRows(
    center.ipSummary.filter((row) => tests.every((test) => test(row))).map(sumipRow),
    body.sortField,
    body.sortDir,
  );
  const startOffset = body.query.startOffset ?? body.startOffset ?? 0;
  const endOffset = body.query.endOffset ?? body.endOffset ?? startOffset + DEFAULT_PAGE;
  const results = rows.slice(startOffset, Math.max(startOffset, endOffset));
  return {
    totalRecords: String(rows.length),
    returnedRecords: results.length,
    startOffset: String(startOffset),
    endOffset: String(endOffset),
    matchingDataElementCount: String(rows.length),
    results,
  };
}
