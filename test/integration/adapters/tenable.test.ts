import type { RunningEmulator } from '../../../sandbox/http-kit.js';
import {
  startTenableEmulator,
  type TenableState,
  type TenableWorld,
} from '../../../sandbox/tenable/index.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import {
  TenableClient,
  type TenableClientOptions,
} from '../../../src/integrations/tenable/tenable-client.js';
import { silentLogger } from '../../../src/logger.js';

const keys = { accessKey: 'ak-0123456789abcdef', secretKey: 'sk-fedcba9876543210' };
const adminKeys = { accessKey: 'ak-admin-000000000', secretKey: 'sk-admin-000000000' };

type Emulator = RunningEmulator & { state(): TenableState };
const running: Emulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const world: TenableWorld = {
  zones: [
    {
      id: '7',
      name: 'DAL10-private',
      ipList: '10.20.0.0/16,10.21.4.0-10.21.4.255',
      scanners: [{ id: '3' }, { id: '4' }],
    },
    { id: 8, name: 'DAL12-private', ipList: ['10.22.0.0/16'], scanners: [{ id: '5' }] },
  ],
  assets: [
    {
      id: '41',
      name: 'IBM DAL10 scan targets',
      type: 'static',
      typeFields: { definedIPs: '10.20.30.40,10.20.31.0/28' },
    },
    { id: '42', name: 'Dynamic linux', type: 'dynamic' },
    { id: '43', name: 'DAL12 static', type: 'static', definedIPs: ['10.22.1.1', '10.22.1.2'] },
    { id: '44', name: 'Empty static', type: 'static' },
    { id: '45', name: 'DNS list', type: 'dnsname' },
    { id: '46', name: 'Another static', type: 'static', typeFields: { definedIPs: '10.23.0.1' } },
  ],
  ipSummary: [
    {
      ip: '10.20.30.40',
      lastAuthRun: '',
      lastUnauthRun: '1545071370',
      repository: { id: '1', name: 'Main' },
    },
    {
      ip: '10.20.30.40',
      lastAuthRun: '1545066276',
      lastUnauthRun: '1545000000',
      repository: { id: '2', name: 'Agents' },
    },
    { ip: '10.20.30.41', lastAuthRun: '1545066276', lastUnauthRun: '' },
    { ip: '10.20.30.42', lastAuthRun: '0', lastUnauthRun: 0 },
    { ip: '10.20.30.43', lastAuthRun: '2026-03-01T12:00:00Z' },
    { ip: '10.20.30.44', lastUnauthRun: 1_700_000_000 },
    { ip: '10.99.0.1', lastAuthRun: '1545066276' },
  ],
  scanners: [
    { id: '3', name: 'nessus-dal10-01', status: '1', ip: '10.20.0.5' },
    { id: '4', name: 'nessus-dal10-02', status: '33', ip: '10.20.0.6', agentCapable: true },
    { id: '5', name: 'nessus-dal12-01', status: '16384' },
  ],
  scans: [
    { id: '9', name: 'Everything private', ipList: '10.0.0.0/8' },
    { id: '10', name: 'DAL10 gap rescan', ipList: '10.20.30.0/24' },
    { id: '11', name: 'Asset based', ipList: '' },
  ],
};

async function emulate(extra: { faultRate?: number; seed?: number } = {}, custom: TenableWorld = world) {
  const emulator = await startTenableEmulator(custom, { ...keys, administrator: adminKeys, ...extra });
  running.push(emulator);
  return emulator;
}

function client(emulator: Emulator, extra: Partial<TenableClientOptions> = {}) {
  const counter = createCallCounter();
  const tenable = new TenableClient({
    baseUrl: emulator.url,
    ...keys,
    logger: silentLogger(),
    counter,
    sleep: async () => {},
    ...extra,
  });
  return { tenable, counter };
}

const calls = (emulator: Emulator, method: string, pattern: RegExp) =>
  emulator.calls.filter((call) => call.method === method && pattern.test(call.path)).length;

const requested = [
  '10.20.30.40',
  '10.20.30.41',
  '10.20.30.42',
  '10.20.30.43',
  '10.20.30.44',
  '10.20.30.45',
  '10.20.30.46',
];

const expectedScans = new Map([
  ['10.20.30.40', { lastAuthRun: '2018-12-17T17:04:36.000Z', lastUnauthRun: '2018-12-17T18:29:30.000Z' }],
  ['10.20.30.41', { lastAuthRun: '2018-12-17T17:04:36.000Z', lastUnauthRun: null }],
  ['10.20.30.42', { lastAuthRun: null, lastUnauthRun: null }],
  ['10.20.30.43', { lastAuthRun: '2026-03-01T12:00:00.000Z', lastUnauthRun: null }],
  ['10.20.30.44', { lastAuthRun: null, lastUnauthRun: '2023-11-14T22:13:20.000Z' }],
]);

describe('TenableClient against the Tenable.sc emulator', () => {
  it('lists scan zones with their IP lists', async () => {
    const emulator = await emulate();
    expect(await client(emulator).tenable.listScanZones()).toEqual([
      { id: '7', name: 'DAL10-private', ipList: '10.20.0.0/16,10.21.4.0-10.21.4.255' },
      { id: '8', name: 'DAL12-private', ipList: '10.22.0.0/16' },
    ]);
  });

  it('lists each static asset list once, with its defined IPs, from usable and manageable', async () => {
    const emulator = await emulate();
    const { tenable, counter } = client(emulator);
    const lists = await tenable.listAssetLists();
    expect(lists).toEqual([
      { id: '41', name: 'IBM DAL10 scan targets', definedIPs: '10.20.30.40,10.20.31.0/28' },
      { id: '43', name: 'DAL12 static', definedIPs: '10.22.1.1,10.22.1.2' },
      { id: '44', name: 'Empty static', definedIPs: '' },
      { id: '46', name: 'Another static', definedIPs: '10.23.0.1' },
    ]);
    expect(calls(emulator, 'GET', /^\/rest\/asset$/)).toBe(1);
    expect(calls(emulator, 'GET', /^\/rest\/asset\/\d+$/)).toBe(4);
    expect(counter.snapshot()).toEqual({ tenable: 5 });
  });

  it('reads last scans for all IPs in one paged sumip analysis; IPs with no data are absent', async () => {
    const emulator = await emulate();
    const { tenable } = client(emulator, { analysisPageSize: 2 });
    const scans = await tenable.lastScans([...requested, 'not-an-ip', '10.20.30.40']);
    expect(scans).toEqual(expectedScans);
    // Six rows for the requested IPs, two a page: three full pages and an empty one.
    expect(calls(emulator, 'POST', /^\/rest\/analysis$/)).toBe(4);
  });

  it('splits a long IP filter over several analyses and merges the answers', async () => {
    const emulator = await emulate();
    const { tenable } = client(emulator, { maxFilterChars: 30 });
    expect(await tenable.lastScans(requested)).toEqual(expectedScans);
    expect(calls(emulator, 'POST', /^\/rest\/analysis$/)).toBe(4);
  });

  it('makes no call for an empty IP list', async () => {
    const emulator = await emulate();
    expect((await client(emulator).tenable.lastScans([])).size).toBe(0);
    expect(emulator.calls).toHaveLength(0);
  });

  it("decodes scanner status flags; an organisation user sees the scan zones' scanners too", async () => {
    const emulator = await emulate();
    // /scanner shows an organisation user only agent-capable scanners (4 here), without their IP.
    expect(await client(emulator).tenable.listScanners()).toEqual([
      {
        id: '4',
        name: 'nessus-dal10-02',
        ip: null,
        healthy: false,
        status: 'Authentication Error, Working',
        condition: 'error',
        zones: ['DAL10-private'],
      },
      {
        id: '3',
        name: 'nessus-dal10-01',
        ip: null,
        healthy: true,
        status: 'Working',
        condition: 'working',
        zones: ['DAL10-private'],
      },
      {
        id: '5',
        name: 'nessus-dal12-01',
        ip: null,
        healthy: false,
        status: 'Scanner disabled by user',
        condition: 'disabled',
        zones: ['DAL12-private'],
      },
    ]);
    expect(calls(emulator, 'GET', /^\/rest\/scanner$/)).toBe(1);
    expect(calls(emulator, 'GET', /^\/rest\/zone$/)).toBe(1);
  });

  it('never reads the pseudo list "All Defined Ranges" (id 0) as an asset list', async () => {
    const emulator = await emulate();
    const lists = await client(emulator).tenable.listAssetLists();
    expect(lists.map((list) => list.id)).not.toContain('0');
    expect(calls(emulator, 'GET', /^\/rest\/asset\/0$/)).toBe(0);
    // The server does list it to an organisation user who does not ask it away.
    const raw = await fetch(`${emulator.url}/rest/asset?filter=usable`, {
      headers: { 'x-apikey': `accesskey=${keys.accessKey}; secretkey=${keys.secretKey};` },
    });
    const usable = ((await raw.json()) as { response: { usable: { id: string; name: string }[] } }).response
      .usable;
    expect(usable[0]).toMatchObject({ id: '0', name: 'All Defined Ranges' });
  });

  it('keeps the newest run of rows that repeat a repository, IP and DNS name', async () => {
    const emulator = await emulate(
      {},
      {
        ...world,
        ipSummary: [
          { ip: '10.20.30.40', dnsName: 'a', lastAuthRun: '1000', repository: { id: '1' } },
          { ip: '10.20.30.40', dnsName: 'a', lastAuthRun: '3000', repository: { id: '1' } },
          { ip: '10.20.30.40', dnsName: 'b', lastUnauthRun: '2000', repository: { id: '1' } },
        ],
      },
    );
    const scans = await client(emulator).tenable.lastScans(['10.20.30.40']);
    expect(scans.get('10.20.30.40')).toEqual({
      lastAuthRun: new Date(3000_000).toISOString(),
      lastUnauthRun: new Date(2000_000).toISOString(),
    });
  });

  it('says clearly when the keys belong to an administrator', async () => {
    const emulator = await emulate();
    const admin = client(emulator, adminKeys).tenable;
    expect(await admin.currentUser()).toMatchObject({ administrator: true, roleName: 'Administrator' });
    expect(await client(emulator).tenable.currentUser()).toMatchObject({ administrator: false });
    for (const call of [() => admin.lastScans(['10.20.30.40']), () => admin.listAssetLists()]) {
      const error = await failure(call());
      expect(error.code).toBe(ErrorCode.NotAllowed);
      expect(error.message).toMatch(
        /^tenable: the API keys belong to a Tenable\.sc administrator \(admin\); .*organisation user with access to the repositories/,
      );
    }
  });

  it('launches the scan that lists the IP most narrowly, or the named one', async () => {
    const emulator = await emulate();
    const { tenable } = client(emulator);
    const covering = await tenable.launchScan({ ip: '10.20.30.40' });
    expect(covering.scanName).toBe('DAL10 gap rescan');
    const named = await tenable.launchScan({ ip: '10.20.30.40', scanName: 'Everything private' });
    expect(named.scanName).toBe('Everything private');
    const launches = emulator.state().launches;
    expect(launches.map((l) => [l.scanId, l.scanResultId])).toEqual([
      ['10', covering.scanResultId],
      ['9', named.scanResultId],
    ]);
  });

  it('says so when no scan covers the IP', async () => {
    const emulator = await emulate();
    const error = await failure(client(emulator).tenable.launchScan({ ip: '192.168.1.1' }));
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.message).toContain(
      'tenable: no scan lists 192.168.1.1 in its target IPs; name the scan to launch',
    );
    expect(emulator.state().launches).toHaveLength(0);
  });

  it('turns a 403 envelope into an error with its error_msg, not retried, keys redacted', async () => {
    const emulator = await emulate();
    const { tenable } = client(emulator, { secretKey: 'sk-wrong-wrong-wrong' });
    const error = await failure(tenable.listScanZones());
    expect(error.message).toBe('tenable: GET zone failed: HTTP 403 error_code 74: Invalid API key');
    expect(error.status).toBe(403);
    expect(emulator.calls).toHaveLength(1);
    for (const secret of [keys.accessKey, 'sk-wrong-wrong-wrong'])
      expect(error.message).not.toContain(secret);
  });

  it('says so when the named scan does not exist, listing the scans there are', async () => {
    const emulator = await emulate();
    const error = await failure(client(emulator).tenable.launchScan({ ip: '10.20.30.40', scanName: 'Nope' }));
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.message).toBe(
      'tenable: no scan named "Nope" (scans: "Everything private", "DAL10 gap rescan", "Asset based")',
    );
  });

  it('comes through server errors, a locked database, hangs and resets with the same answers', async () => {
    const clean = await emulate();
    const expectedLists = await client(clean).tenable.listAssetLists();

    // Seed 2 at rate 0.4 draws each of the emulator's five faults within this run's 19 calls.
    const faulty = await emulate({ faultRate: 0.4, seed: 2 });
    const { tenable, counter } = client(faulty, { retries: 8, timeoutMs: 250, analysisPageSize: 2 });
    expect(await tenable.listAssetLists()).toEqual(expectedLists);
    expect(await tenable.lastScans(requested)).toEqual(expectedScans);
    expect(await tenable.listScanners()).toHaveLength(3);
    const statuses = faulty.calls.map((call) => call.status);
    expect(statuses).toEqual(expect.arrayContaining([500, 503, 403, 'hang', 'reset']));
    expect(counter.outcomes().tenable?.error).toBe(statuses.filter((s) => s !== 200).length);
  });
});

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrationError);
    return error as IntegrationError;
  }
  throw new Error('expected the call to fail');
}
