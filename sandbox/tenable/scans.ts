/**
 * Scans and their results (docs/outside-apis.md sections 2.5 and 2.6): `GET /rest/scan`, `POST
 * /rest/scan/{id}/launch`, `GET /rest/scanResult[?filter=running]`. A launched result reads `Queued` the
 * first time it is seen and `Running` afterwards; it never completes by itself.
 */
import { z } from 'zod';
import { ErrorCodes, TenableFailure } from './envelope.js';
import {
  asScStrings,
  filterTokens,
  pickFields,
  requestedFields,
  type ScObject,
  usableManageable,
} from './fields.js';
import { addressCount, parseList } from './ip-list.js';
import { byId, type TenableCenter } from './world.js';

const SCAN_LIST_DEFAULT = ['name', 'description', 'status', 'uuid'];
const RESULT_LIST_DEFAULT = ['name', 'description', 'status'];
const THIRTY_DAYS_S = 30 * 24 * 3600;

export function scanView(scan: ScObject): ScObject {
  return asScStrings({
    description: '',
    status: '0',
    uuid: `emulated-scan-${String(scan.id)}`,
    type: 'policy',
    policy: { id: '1000001', name: 'Full Safe Scan', description: '' },
    repository: { id: '1', name: 'Main', description: '' },
    zone: { id: '-1', name: 'All Zones', description: '' },
    assets: [],
    schedule: { type: 'template' },
    maxScanTime: 'unlimited',
    ...scan,
    ipList: Array.isArray(scan.ipList) ? scan.ipList.join(',') : (scan.ipList ?? ''),
  }) as ScObject;
}

export function listScans(center: TenableCenter, query: URLSearchParams): ScObject {
  const fields = requestedFields(query) ?? SCAN_LIST_DEFAULT;
  return usableManageable(
    center.scans.map((scan) => pickFields(scanView(scan), fields)),
    filterTokens(query),
  );
}

export function scanDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const scan = byId(center.scans, id);
  if (!scan) throw new TenableFailure(ErrorCodes.notFound, `Unable to find existing Scan #${id}.`);
  const fields = requestedFields(query);
  return fields ? pickFields(scanView(scan), fields) : scanView(scan);
}

const launchSchema = z
  .looseObject({ diagnosticTarget: z.string().optional(), diagnosticPassword: z.string().optional() })
  .optional();

export function launchScan(center: TenableCenter, id: string, rawBody: unknown, nowMs: number): ScObject {
  const scan = byId(center.scans, id);
  if (!scan) throw new TenableFailure(ErrorCodes.notFound, `Unable to find existing Scan #${id}.`);
  const parsed = launchSchema.safeParse(rawBody);
  if (!parsed.success) throw new TenableFailure(ErrorCodes.invalidRequest, 'Invalid launch parameters.');
  const { diagnosticTarget, diagnosticPassword } = parsed.data ?? {};
  if ((diagnosticTarget === undefined) !== (diagnosticPassword === undefined)) {
    throw new TenableFailure(
      ErrorCodes.invalidRequest,
      'Diagnostic scans require both a diagnosticTarget and a diagnosticPassword.',
    );
  }
  const view = scanView(scan);
  const resultId = center.newScanResultId();
  const now = String(Math.floor(nowMs / 1000));
  const totalIPs = diagnosticTarget ? 1 : addressCount(parseList(String(view.ipList)).ranges);
  const result: ScObject = {
    id: resultId,
    scanID: view.id,
    initiatorID: '2',
    ownerID: '2',
    jobID: String(3700 + Number(resultId)),
    repositoryID: (view.repository as ScObject).id,
    name: view.name,
    description: view.description,
    details: (view.policy as ScObject).name,
    status: 'Queued',
    downloadFormat: 'v2',
    dataFormat: 'IPv4',
    resultType: 'active',
    resultsSyncID: -1,
  };
  center.scanResults.push({
    reads: 0,
    result: {
      ...result,
      running: 'true',
      initiator: { id: '2', username: 'secmanager', firstname: '', lastname: '' },
      owner: { id: '2', username: 'secmanager', firstname: '', lastname: '' },
      repository: view.repository,
      scan: { id: view.id, name: view.name, description: view.description },
      importStatus: 'No Results',
      createdTime: now,
      startTime: now,
      finishTime: '-1',
      totalIPs: String(totalIPs),
      scannedIPs: '0',
      completedIPs: '0',
      completedChecks: '0',
      totalChecks: '0',
      scanDuration: '0',
      downloadAvailable: 'false',
      errorDetails: '',
    },
  });
  center.launches.push({
    scanId: String(view.id),
    scanResultId: resultId,
    at: nowMs,
    ...(diagnosticTarget ? { diagnosticTarget } : {}),
  });
  return { scanID: view.id, scanResult: result };
}

/** The result as a read sees it now; `read` counts the sighting (Queued once, Running afterwards). */
function resultView(record: { result: ScObject; reads: number }, read: boolean): ScObject {
  const view = { ...record.result, status: record.reads === 0 ? 'Queued' : 'Running' };
  if (read) record.reads++;
  return view;
}

export function listScanResults(center: TenableCenter, query: URLSearchParams, nowMs: number): ScObject {
  const tokens = filterTokens(query);
  const fields = requestedFields(query) ?? RESULT_LIST_DEFAULT;
  const endTime = Number(query.get('endTime') ?? Math.floor(nowMs / 1000));
  const startTime = Number(query.get('startTime') ?? endTime - THIRTY_DAYS_S);
  const wantRunning = tokens.has('running') || !tokens.has('completed');
  const wantCompleted = tokens.has('completed') || !tokens.has('running');
  const records = center.scanResults.filter((record) => {
    const created = Number(record.result.createdTime);
    const running = record.result.running === 'true';
    return created >= startTime && created <= endTime && (running ? wantRunning : wantCompleted);
  });
  return usableManageable(
    records.map((record) => pickFields(resultView(record, true), fields)),
    tokens,
  );
}

export function scanResultDetails(center: TenableCenter, id: string, query: URLSearchParams): ScObject {
  const record = center.scanResults.find((candidate) => candidate.result.id === id);
  if (!record) throw new TenableFailure(ErrorCodes.notFound, `Unable to find existing Scan Result #${id}.`);
  const view = resultView(record, true);
  const detailed = {
    ...view,
    progress: {
      completedIPs: view.completedIPs,
      completedChecks: view.completedChecks,
      totalChecks: view.totalChecks,
      scannedIPs: view.scannedIPs,
      deadHostIPs: '0',
      runState: view.status === 'Queued' ? 'queued' : 'running',
      status: view.status,
    },
  };
  const fields = requestedFields(query);
  return fields ? pickFields(detailed, fields) : detailed;
}

/** Current views of every launched result, without counting as a read (for `state()`). */
export function scanResultsNow(center: TenableCenter): ScObject[] {
  return center.scanResults.map((record) => resultView(record, false));
}
