/**
 * A scanner whose Nessus API does not answer at all (nessusd down, or the host gone): the emulator
 * resets every connection to it without an HTTP response, at once, whatever the keys or the fault
 * rate, so a client sees a dead service quickly rather than a timeout.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type NessusEmulator, startNessusEmulator } from '../../../sandbox/nessus/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { IntegrationError } from '../../../src/errors.js';
import { NessusClient } from '../../../src/integrations/nessus/nessus-client.js';
import { silentLogger } from '../../../src/logger.js';

const scenario = validateScenario({
  nessus: {
    'prod-dal09-infra-nessus-01': { status: 'ready' },
    'prod-dal09-infra-nessus-02': { silent: true },
    'stage-dal09-infra-nessus-01': { status: 'loading', progress: 30, silent: true },
  },
});
const keys = {
  'prod-dal09-infra-nessus-01': { accessKey: 'a1', secretKey: 's1' },
  'prod-dal09-infra-nessus-02': { accessKey: 'a2', secretKey: 's2' },
  'stage-dal09-infra-nessus-01': { accessKey: 'a3', secretKey: 's3' },
};

const running: Array<NessusEmulator | Sandbox> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

async function emulate(faultRate = 0): Promise<NessusEmulator> {
  const nessus = await startNessusEmulator(scenario.nessus, { keys, faultRate, seed: 7 });
  running.push(nessus);
  return nessus;
}

/**
 * What fetch says about one call to a scanner's status: the HTTP status, or the socket error code.
 * The 5-second abort only tells a reset (the scanner's answer) from a hang (which would be a timeout).
 */
async function outcome(nessus: NessusEmulator, name: string, header = 'accessKey=a2; secretKey=s2') {
  try {
    const response = await fetch(`${nessus.scannerUrl(name)}/server/status`, {
      headers: { 'X-ApiKeys': header },
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
}

describe('a silent Nessus scanner', () => {
  it('resets the connection without an HTTP answer, whatever the keys, while the others answer', async () => {
    const nessus = await emulate();
    expect(await outcome(nessus, 'prod-dal09-infra-nessus-02')).toBe('ECONNRESET');
    expect(await outcome(nessus, 'prod-dal09-infra-nessus-02', 'accessKey=wrong; secretKey=wrong')).toBe(
      'ECONNRESET',
    );
    expect(await outcome(nessus, 'stage-dal09-infra-nessus-01')).toBe('ECONNRESET');
    expect(await outcome(nessus, 'prod-dal09-infra-nessus-01', 'accessKey=a1; secretKey=s1')).toBe(200);
    expect(nessus.calls.map((call) => call.status)).toEqual(['reset', 'reset', 'reset', 200]);
  });

  it('stays silent under faults: no 500 and no hang from a service that is not there', async () => {
    const nessus = await emulate(1);
    for (let i = 0; i < 5; i++)
      expect(await outcome(nessus, 'prod-dal09-infra-nessus-02')).toBe('ECONNRESET');
  });

  it('fails the Nessus adapter at once, as a scanner that cannot be reached', async () => {
    const nessus = await emulate();
    const client = new NessusClient({
      scanners: {
        'prod-dal09-infra-nessus-02': {
          url: nessus.scannerUrl('prod-dal09-infra-nessus-02'),
          ...keys['prod-dal09-infra-nessus-02'],
        },
      },
      logger: silentLogger(),
      retries: 2,
      timeoutMs: 10_000,
      sleep: async () => {},
    });
    const error = await client.status('prod-dal09-infra-nessus-02').then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).status).toBeNull();
    // One short failure, not one per retry: a scanner that does not answer is not asked again, and
    // nothing waited for the 10-second timeout.
    expect(nessus.calls.map((call) => call.status)).toEqual(['reset']);
  });

  it('goes silent and answers again on demand', async () => {
    const nessus = await emulate();
    nessus.setSilent('prod-dal09-infra-nessus-01', true);
    expect(await outcome(nessus, 'prod-dal09-infra-nessus-01', 'accessKey=a1; secretKey=s1')).toBe(
      'ECONNRESET',
    );
    nessus.setSilent('prod-dal09-infra-nessus-01', false);
    expect(await outcome(nessus, 'prod-dal09-infra-nessus-01', 'accessKey=a1; secretKey=s1')).toBe(200);

    // A scanner declared silent with a status answers with it when it comes back.
    nessus.setSilent('stage-dal09-infra-nessus-01', false);
    const response = await fetch(`${nessus.scannerUrl('stage-dal09-infra-nessus-01')}/server/status`, {
      headers: { 'X-ApiKeys': 'accessKey=a3; secretKey=s3' },
    });
    expect(await response.json()).toEqual({ status: 'loading', progress: 30, must_destroy_session: false });

    expect(() => nessus.setSilent('prod-dal09-infra-nessus-02', false)).toThrow(/no status to answer with/);
    nessus.setStatus('prod-dal09-infra-nessus-02', 'ready');
    const revived = await fetch(`${nessus.scannerUrl('prod-dal09-infra-nessus-02')}/server/status`, {
      headers: { 'X-ApiKeys': 'accessKey=a2; secretKey=s2' },
    });
    expect(await revived.json()).toMatchObject({ status: 'ready' });
  });

  it('is still configured by the sandbox, with a URL and keys like any scanner', async () => {
    const sandbox = await startSandbox(scenario);
    running.push(sandbox);
    const config = (await import('node:fs')).readFileSync(sandbox.configPath, 'utf8');
    const scanners = (JSON.parse(config) as { scanners: Record<string, { url: string }> }).scanners;
    expect(Object.keys(scanners).sort()).toEqual(Object.keys(keys).sort());
    expect(scanners['prod-dal09-infra-nessus-02']?.url).toBe(
      sandbox.emulators.nessus.scannerUrl('prod-dal09-infra-nessus-02'),
    );
  });
});
