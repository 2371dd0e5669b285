import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningEmulator } from '../../../sandbox/http-kit.js';
import {
  startTenableEmulator,
  type TenableState,
  type TenableWorld,
  TRANSIENT_ERROR_CODE,
} from '../../../sandbox/tenable/index.js';

const keys = { accessKey: 'acc0123', secretKey: 'sec4567' };
const adminKeys = { accessKey: 'adm0123', secretKey: 'adm4567' };
const apiKeyHeader = `accesskey=${keys.accessKey}; secretkey=${keys.secretKey};`;
const adminKeyHeader = `accesskey=${adminKeys.accessKey}; secretkey=${adminKeys.secretKey};`;

function world(): TenableWorld {
  return {
    zones: [
      {
        id: 7,
        name: 'DAL10-private',
        ipList: '10.20.0.0/16,10.21.4.0-10.21.4.255',
        scanners: [{ id: 3, name: 'nessus-dal10-01' }],
      },
      { id: '8', name: 'DAL09-private', ipList: ['10.30.0.0/16'], scanners: ['nessus-dal09-01'] },
    ],
    assets: [
      {
        id: 41,
        name: 'IBM DAL10 scan targets',
        type: 'static',
        typeFields: { definedIPs: '10.20.30.40,10.20.31.0/28' },
      },
      { id: 42, name: 'IBM DAL09 scan targets', type: 'static', typeFields: { definedIPs: '10.30.1.1' } },
      { id: 43, name: 'Watchlist', type: 'dynamic' },
    ],
    ipSummary: [
      {
        ip: '10.20.30.40',
        dnsName: 'app01.example.internal',
        lastAuthRun: '',
        lastUnauthRun: 1545071370,
        repository: { id: 1, name: 'Main' },
      },
      {
        ip: '10.20.30.41',
        dnsName: 'db02',
        lastAuthRun: '1545066276',
        lastUnauthRun: null,
        repository: { id: 2, name: 'Agents' },
      },
      { ip: '10.20.30.9', dnsName: 'web09', lastAuthRun: 1545000000, lastUnauthRun: '' },
      { ip: '10.30.1.1', dnsName: 'dal09-host' },
    ],
    scanners: [
      { id: 3, name: 'nessus-dal10-01', status: 1, ip: '10.20.0.5' },
      { id: 4, name: 'nessus-dal09-01', status: '16', ip: '10.30.0.5' },
    ],
  };
}

let emulator: RunningEmulator & { state(): TenableState };

beforeAll(async () => {
  emulator = await startTenableEmulator(world(), { ...keys, administrator: adminKeys });
});
afterAll(async () => {
  await emulator.close();
});

type Obj = Record<string, unknown>;

interface Reply {
  status: number;
  envelope: Obj;
  response: unknown;
}

async function sc(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    header?: string | null;
    headerName?: string;
    timeoutMs?: number;
  } = {},
  base: string = emulator.url,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.header !== null) headers[init.headerName ?? 'x-apikey'] = init.header ?? apiKeyHeader;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(`/rest/${path}`, base), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(init.timeoutMs ?? 2000),
  });
  const envelope = (await response.json()) as Obj;
  return { status: response.status, envelope, response: envelope.response };
}

function sumip(ipValue: string, offsets: { root?: [number, number]; query?: [number, number] } = {}) {
  return {
    type: 'vuln',
    sourceType: 'cumulative',
    ...(offsets.root ? { startOffset: offsets.root[0], endOffset: offsets.root[1] } : {}),
    query: {
      type: 'vuln',
      tool: 'sumip',
      ...(offsets.query ? { startOffset: offsets.query[0], endOffset: offsets.query[1] } : {}),
      filters: [{ filterName: 'ip', operator: '=', value: ipValue }],
    },
  };
}

describe('authentication and envelope', () => {
  it('refuses a missing or wrong API key with a 403 error envelope', async () => {
    for (const header of [null, 'accesskey=acc0123; secretkey=wrong;']) {
      const reply = await sc('zone', { header });
      expect(reply.status).toBe(403);
      expect(reply.envelope).toMatchObject({
        type: 'regular',
        response: '',
        error_code: 74,
        error_msg: 'Invalid API key',
      });
    }
  });

  it("accepts pyTenable's spelling: X-APIKey, camel-case names, no trailing semicolon", async () => {
    const reply = await sc('zone', {
      headerName: 'X-APIKey',
      header: `accessKey=${keys.accessKey}; secretKey=${keys.secretKey}`,
    });
    expect(reply.status).toBe(200);
  });

  it('wraps every answer in the envelope', async () => {
    const reply = await sc('scanner');
    expect(reply.status).toBe(200);
    expect(reply.envelope).toMatchObject({ type: 'regular', error_code: 0, error_msg: '', warnings: [] });
    expect(typeof reply.envelope.timestamp).toBe('number');
  });

  it('answers 403 with error_code 147 for an unknown object', async () => {
    const reply = await sc('zone/999');
    expect(reply.status).toBe(403);
    expect(reply.envelope).toMatchObject({ error_code: 147, response: '' });
  });
});

describe('zones', () => {
  it('lists only id, name and description without fields, ids as strings', async () => {
    expect((await sc('zone')).response).toEqual([
      { id: '7', name: 'DAL10-private', description: '' },
      { id: '8', name: 'DAL09-private', description: '' },
    ]);
  });

  it('returns requested fields, ipList as one string, scanners resolved by id or name', async () => {
    const zones = (await sc('zone?fields=id,name,ipList,scanners,activeScanners,totalScanners'))
      .response as Obj[];
    expect(zones[0]).toEqual({
      id: '7',
      name: 'DAL10-private',
      ipList: '10.20.0.0/16,10.21.4.0-10.21.4.255',
      scanners: [{ id: '3', name: 'nessus-dal10-01', description: '', status: '1' }],
      activeScanners: 1,
      totalScanners: 1,
    });
    expect(zones[1]).toMatchObject({
      ipList: '10.30.0.0/16',
      activeScanners: 0,
      scanners: [{ id: '4', status: '16' }],
    });
    expect((await sc('zone/8')).response).toMatchObject({
      id: '8',
      createdTime: expect.stringMatching(/^\d+$/),
    });
  });
});

describe('asset lists', () => {
  it('returns overlapping usable and manageable lists of summaries', async () => {
    const { usable, manageable } = (await sc('asset?fields=name,typeFields')).response as {
      usable: Obj[];
      manageable: Obj[];
    };
    // "All Defined Ranges" (id 0) comes first among the usable lists, as recorded from a real SC.
    expect(usable.map((asset) => asset.id)).toEqual(['0', '41', '42', '43']);
    expect(usable[0]).toMatchObject({ name: 'All Defined Ranges', type: 'static' });
    expect(manageable.map((asset) => asset.id)).toEqual(['41', '42']);
    expect(usable[1]).toEqual({
      id: '41',
      name: 'IBM DAL10 scan targets',
      description: '',
      type: 'static',
      status: '0',
    });
  });

  it('keeps only the requested list with filter=usable, without the pseudo list when asked', async () => {
    const response = (await sc('asset?filter=excludeAllDefined,usable')).response as Obj;
    expect(Object.keys(response)).toEqual(['usable']);
    expect((response.usable as Obj[]).map((asset) => asset.id)).toEqual(['41', '42', '43']);
  });

  it("gives the pseudo list's details: every range of the user's group", async () => {
    expect((await sc('asset/0?fields=id,name,typeFields')).response).toEqual({
      id: '0',
      name: 'All Defined Ranges',
      typeFields: { definedIPs: '10.20.0.0/16,10.21.4.0-10.21.4.255,10.30.0.0/16' },
    });
  });

  it('answers an administrator as SC does: {assets} without typeFields, no details or analysis', async () => {
    const as = (path: string, init: { method?: string; body?: unknown } = {}) =>
      sc(path, { ...init, header: adminKeyHeader });
    const listing = (await as('asset?fields=id,name,type,typeFields')).response as Obj;
    expect(Object.keys(listing)).toEqual(['assets']);
    expect((listing.assets as Obj[])[0]).not.toHaveProperty('typeFields');
    expect((await as('asset/41')).envelope).toMatchObject({ error_code: 15 });
    const analysis = await as('analysis', { body: sumip('10.20.30.40') });
    expect(analysis.status).toBe(403);
    expect(analysis.envelope.error_code).toBe(202);
    expect((await as('currentUser')).response).toMatchObject({ role: { id: '1', name: 'Administrator' } });
    expect((await sc('currentUser')).response).toMatchObject({ role: { id: '2' } });
  });

  it('gives the defined IPs in typeFields on the details call', async () => {
    const asset = (await sc('asset/41?fields=id,name,typeFields')).response;
    expect(asset).toEqual({
      id: '41',
      name: 'IBM DAL10 scan targets',
      typeFields: { definedIPs: '10.20.30.40,10.20.31.0/28' },
    });
    expect((await sc('asset/41')).response).toMatchObject({ ipCount: -1, canUse: 'true', status: '0' });
  });
});

describe('sumip analysis', () => {
  it('returns rows only for IPs with data, times as epoch strings with "" for never', async () => {
    const reply = await sc('analysis', {
      body: sumip('10.20.30.40,10.20.30.41,10.20.30.77', { query: [0, 100] }),
    });
    const response = reply.response as Obj;
    expect(response).toMatchObject({
      totalRecords: '2',
      returnedRecords: 2,
      startOffset: '0',
      endOffset: '100',
    });
    const rows = response.results as Obj[];
    expect(rows.map((row) => row.ip)).toEqual(['10.20.30.40', '10.20.30.41']);
    expect(rows[0]).toMatchObject({
      dnsName: 'app01.example.internal',
      lastAuthRun: '',
      lastUnauthRun: '1545071370',
      repository: { id: '1', name: 'Main', dataFormat: 'IPv4' },
      score: '0',
    });
    expect(rows[1]).toMatchObject({ lastAuthRun: '1545066276', lastUnauthRun: '', repository: { id: '2' } });
  });

  it('matches CIDRs and ranges and pages with an exclusive endOffset', async () => {
    const page1 = (await sc('analysis', { body: sumip('10.20.30.0/24', { query: [0, 2] }) })).response as Obj;
    const page2 = (await sc('analysis', { body: sumip('10.20.30.0/24', { query: [2, 4] }) })).response as Obj;
    expect(page1.totalRecords).toBe('3');
    expect((page1.results as Obj[]).map((row) => row.ip)).toEqual(['10.20.30.40', '10.20.30.41']);
    expect(page2).toMatchObject({ returnedRecords: 1, startOffset: '2', endOffset: '4' });
    expect((page2.results as Obj[]).map((row) => row.ip)).toEqual(['10.20.30.9']);
    const range = (await sc('analysis', { body: sumip('10.30.1.0-10.30.1.5', { query: [0, 10] }) }))
      .response as Obj;
    expect((range.results as Obj[]).map((row) => row.ip)).toEqual(['10.30.1.1']);
  });

  it('honours offsets at the root, and prefers those inside query when both are given', async () => {
    const root = (await sc('analysis', { body: sumip('10.20.30.0/24', { root: [1, 2] }) })).response as Obj;
    expect((root.results as Obj[]).map((row) => row.ip)).toEqual(['10.20.30.41']);
    const both = (await sc('analysis', { body: sumip('10.20.30.0/24', { root: [1, 2], query: [2, 3] }) }))
      .response as Obj;
    expect((both.results as Obj[]).map((row) => row.ip)).toEqual(['10.20.30.9']);
    expect(both.startOffset).toBe('2');
  });

  it('refuses an invalid filter or tool with error_code 146 listing the valid ones', async () => {
    const body = sumip('10.20.30.40');
    body.query.filters = [{ filterName: 'ipAddress', operator: '=', value: '10.20.30.40' }];
    const badFilter = await sc('analysis', { body });
    expect(badFilter.status).toBe(403);
    expect(badFilter.envelope.error_code).toBe(146);
    expect(badFilter.envelope.error_msg).toMatch(/Valid filters are: .*\bip\b/);
    const badTool = await sc('analysis', {
      body: { ...sumip('10.20.30.40'), query: { ...sumip('1.1.1.1').query, tool: 'nope' } },
    });
    expect(badTool.envelope).toMatchObject({ error_code: 146, response: '' });
  });
});

describe('scanners', () => {
  it('shows an organisation user only agent-capable scanners, with few fields', async () => {
    expect((await sc('scanner?fields=id,name,status,ip,zones')).response).toEqual([]);
  });

  it('lists scanners as a plain array with status as a numeric string (administrator)', async () => {
    const scanners = (await sc('scanner?fields=id,name,status,ip,zones', { header: adminKeyHeader }))
      .response as Obj[];
    expect(scanners).toEqual([
      {
        id: '3',
        name: 'nessus-dal10-01',
        status: '1',
        ip: '10.20.0.5',
        zones: [{ id: '7', name: 'DAL10-private', description: '' }],
      },
      {
        id: '4',
        name: 'nessus-dal09-01',
        status: '16',
        ip: '10.30.0.5',
        zones: [{ id: '8', name: 'DAL09-private', description: '' }],
      },
    ]);
  });
});

describe('scans', () => {
  it('synthesises one scan per zone and launches it, Queued then Running on the next read', async () => {
    const scans = (await sc('scan?fields=id,name,ipList,zone')).response as { usable: Obj[] };
    expect(scans.usable[0]).toMatchObject({
      name: 'DAL10-private scan',
      ipList: '10.20.0.0/16,10.21.4.0-10.21.4.255',
      zone: { id: '7', name: 'DAL10-private' },
    });
    const scanId = scans.usable[0]?.id as string;

    const launch = await sc(`scan/${scanId}/launch`, { body: {} });
    expect(launch.status).toBe(200);
    const launched = launch.response as { scanID: string; scanResult: Obj };
    expect(launched.scanID).toBe(scanId);
    expect(launched.scanResult).toMatchObject({
      scanID: scanId,
      status: 'Queued',
      name: 'DAL10-private scan',
    });
    const resultId = launched.scanResult.id as string;
    expect(resultId).toMatch(/^\d+$/);

    const read = async () =>
      (
        (await sc('scanResult?filter=running&fields=id,name,status,running,scan')).response as {
          usable: Obj[];
        }
      ).usable;
    expect(await read()).toEqual([
      {
        id: resultId,
        name: 'DAL10-private scan',
        status: 'Queued',
        running: 'true',
        scan: expect.objectContaining({ id: scanId }),
      },
    ]);
    expect((await read())[0]?.status).toBe('Running');
    expect(emulator.state().launches).toEqual([expect.objectContaining({ scanId, scanResultId: resultId })]);
  });

  it('refuses to launch an unknown scan', async () => {
    const reply = await sc('scan/9999/launch', { body: {} });
    expect(reply.envelope).toMatchObject({
      error_code: 147,
      error_msg: 'Unable to find existing Scan #9999.',
    });
  });
});

describe('faults', () => {
  it('fails every call at rate 1 in the documented shapes, launching nothing', async () => {
    const faulty = await startTenableEmulator(world(), { ...keys, faultRate: 1, seed: 11 });
    try {
      const shapes = new Set<string>();
      for (let attempt = 0; attempt < 30; attempt++) {
        try {
          const reply = await sc('scan/101/launch', { body: {}, timeoutMs: 150 }, faulty.url);
          expect(reply.envelope.response).toBe('');
          shapes.add(`${reply.status}:${String(reply.envelope.error_code)}`);
        } catch (error) {
          shapes.add((error as Error).name === 'TimeoutError' ? 'hang' : 'reset');
        }
      }
      expect([...shapes].sort()).toEqual(['403:18', '500:500', '503:503', 'hang', 'reset'].sort());
      expect(TRANSIENT_ERROR_CODE).toBe(18);
      expect(faulty.state().launches).toEqual([]);
    } finally {
      await faulty.close();
    }
  });
});
