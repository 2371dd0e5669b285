import { type NessusEmulator, startNessusEmulator } from '../../../sandbox/nessus/index.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { NessusClient, type NessusScannerEndpoint } from '../../../src/integrations/nessus/nessus-client.js';
import { silentLogger } from '../../../src/logger.js';

const keys = {
  'nessus-ready': { accessKey: 'ready-access-0001', secretKey: 'ready-secret-0001' },
  'nessus-loading': { accessKey: 'loading-access-02', secretKey: 'loading-secret-02' },
  'nessus-odd': { accessKey: 'odd-access-000003', secretKey: 'odd-secret-000003' },
};

const running: NessusEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function emulate(extra: { faultRate?: number; seed?: number } = {}) {
  const emulator = await startNessusEmulator(
    {
      'nessus-ready': { status: 'ready' },
      'nessus-loading': { status: 'loading', progress: 50 },
      'nessus-odd': { status: 'corrupt' },
    },
    { keys, ...extra },
  );
  running.push(emulator);
  return emulator;
}

function scannersOf(emulator: NessusEmulator): Record<string, NessusScannerEndpoint> {
  return Object.fromEntries(
    Object.entries(keys).map(([name, pair]) => [name, { url: emulator.scannerUrl(name), ...pair }]),
  );
}

function client(
  scanners: Record<string, NessusScannerEndpoint>,
  extra: { retries?: number; timeoutMs?: number } = {},
) {
  const counter = createCallCounter();
  const nessus = new NessusClient({
    scanners,
    logger: silentLogger(),
    counter,
    sleep: async () => {},
    ...extra,
  });
  return { nessus, counter };
}

describe('NessusClient against the Nessus emulator', () => {
  it('reports ready only for "ready", and the status word with progress otherwise', async () => {
    const emulator = await emulate();
    const { nessus, counter } = client(scannersOf(emulator));
    expect(nessus.configured()).toEqual(['nessus-loading', 'nessus-odd', 'nessus-ready']);
    expect(await nessus.status('nessus-ready')).toEqual({
      name: 'nessus-ready',
      ready: true,
      status: 'ready',
    });
    expect(await nessus.status('nessus-loading')).toEqual({
      name: 'nessus-loading',
      ready: false,
      status: 'loading (50%)',
    });
    expect(await nessus.status('nessus-odd')).toEqual({
      name: 'nessus-odd',
      ready: false,
      status: 'corrupt',
    });
    expect(counter.snapshot()).toEqual({ nessus: 3 });
  });

  it('says which setting is missing for an unconfigured scanner, without a call', async () => {
    const emulator = await emulate();
    const { nessus } = client(scannersOf(emulator));
    const error = await failure(nessus.status('nessus-elsewhere'));
    expect(error.message).toBe(
      'nessus: no URL configured for scanner nessus-elsewhere (add it under scanners in NESSUS_GAP_CONFIG)',
    );
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(emulator.calls).toHaveLength(0);
  });

  it('fails on wrong keys without showing them', async () => {
    const emulator = await emulate();
    const scanners = scannersOf(emulator);
    const wrong = {
      ...scanners,
      'nessus-ready': {
        url: emulator.scannerUrl('nessus-ready'),
        accessKey: 'ready-access-0001',
        secretKey: 'not-the-secret-key',
      },
    };
    const error = await failure(client(wrong).nessus.status('nessus-ready'));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^nessus: GET server\/status failed: HTTP 401 Invalid Credentials/);
    expect(error.message).not.toContain('not-the-secret-key');
    expect(error.message).not.toContain('ready-access-0001');
  });

  it('reports a scanner that does not answer after one short wait, not after retries', async () => {
    // Rate 1: every call fails (500, hang or reset); seed 8 draws a hang first.
    const emulator = await emulate({ faultRate: 1, seed: 8 });
    const started = Date.now();
    const error = await failure(
      new NessusClient({
        scanners: scannersOf(emulator),
        statusTimeoutMs: 300,
        retries: 8,
        logger: silentLogger(),
        sleep: async () => {},
      }).status('nessus-ready'),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(emulator.calls).toHaveLength(1);
    expect(emulator.calls[0]?.status).toBe('hang');
    expect(error.code).toBe(ErrorCode.Timeout);
    expect(error.message).toBe('nessus: GET server/status failed: timed out after 300ms');
    // An answer that says "try again" (500) is still retried.
    const flaky = await emulate({ faultRate: 0.5, seed: 4 });
    const { nessus: retrying } = client(scannersOf(flaky), { retries: 8, timeoutMs: 250 });
    for (let i = 0; i < 4; i++) await retrying.status('nessus-ready').catch(() => null);
    expect(flaky.calls.some((call) => call.status === 500)).toBe(true);
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
