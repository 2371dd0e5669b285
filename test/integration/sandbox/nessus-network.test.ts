import type { RunningEmulator } from '../../../sandbox/http-kit.js';
import { type NessusEmulator, startNessusEmulator } from '../../../sandbox/nessus/index.js';
import { startNetworkEmulator } from '../../../sandbox/network/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';

const scenario = validateScenario({
  nessus: {
    'prod-dal09-infra-nessus-01': { status: 'ready' },
    'stage-dal09-infra-nessus-01': { status: 'loading', progress: 50 },
  },
  network: {
    '10.1.2.3': { ping: true, tcp22: false },
    '10.1.2.4': { ping: false, from: { 'stage-dal09-infra-nessus-01': { ping: true, tcp22: true } } },
  },
});
const keys = {
  'prod-dal09-infra-nessus-01': { accessKey: 'a1', secretKey: 's1' },
  'stage-dal09-infra-nessus-01': { accessKey: 'a2', secretKey: 's2' },
};

describe('Nessus scanners emulator', () => {
  let nessus: NessusEmulator;
  beforeAll(async () => {
    nessus = await startNessusEmulator(scenario.nessus, { keys });
  });
  afterAll(() => nessus.close());

  const status = (name: string, header: string) =>
    fetch(`${nessus.scannerUrl(name)}/server/status`, { headers: { 'X-ApiKeys': header } });

  it('serves each scanner under its own base URL', async () => {
    expect(nessus.scannerUrl('prod-dal09-infra-nessus-01')).toBe(
      `${nessus.url}/scanners/prod-dal09-infra-nessus-01`,
    );
    const ready = await status('prod-dal09-infra-nessus-01', 'accessKey=a1; secretKey=s1');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', progress: null, must_destroy_session: false });
    const loading = await status('stage-dal09-infra-nessus-01', 'accesskey=a2;secretkey=s2');
    expect(await loading.json()).toEqual({ status: 'loading', progress: 50, must_destroy_session: false });
  });

  it('answers 401 Invalid Credentials for missing, wrong or another scanner’s keys', async () => {
    for (const header of ['', 'accessKey=a1; secretKey=wrong', 'accessKey=a2; secretKey=s2']) {
      const response = await status('prod-dal09-infra-nessus-01', header);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Invalid Credentials' });
    }
  });

  it('answers 404 for a scanner the scenario does not have', async () => {
    expect((await status('sup-wdc04-infra-nessus-01', 'accessKey=a1; secretKey=s1')).status).toBe(404);
  });
});

describe('simulated network emulator', () => {
  let network: RunningEmulator;
  beforeAll(async () => {
    network = await startNetworkEmulator(scenario.network);
  });
  afterAll(() => network.close());

  const probe = async (query: string) => {
    const response = await fetch(`${network.url}/v1/probe?${query}`);
    return { status: response.status, body: await response.json() };
  };

  it('answers from the table, a scanner-specific entry first', async () => {
    expect(await probe('ip=10.1.2.3&from=prod-dal09-infra-nessus-01')).toEqual({
      status: 200,
      body: { ip: '10.1.2.3', from: 'prod-dal09-infra-nessus-01', ping: true, tcp22: false },
    });
    expect((await probe('ip=10.1.2.4&from=stage-dal09-infra-nessus-01')).body).toMatchObject({
      ping: true,
      tcp22: true,
    });
    expect((await probe('ip=10.1.2.4&from=prod-dal09-infra-nessus-01')).body).toMatchObject({
      ping: false,
      tcp22: false,
    });
  });

  it('answers nothing for an unlisted IP and 400 for a malformed one', async () => {
    expect((await probe('ip=10.200.0.1&from=x')).body).toMatchObject({ ping: false, tcp22: false });
    for (const ip of ['10.1.2', '010.1.2.3', 'example.com', '10.1.2.3/24', '']) {
      expect((await probe(`ip=${encodeURIComponent(ip)}&from=x`)).status).toBe(400);
    }
  });
});
