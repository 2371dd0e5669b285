/**
 * SimulatedProbe against the sandbox's simulated network (sandbox/network) on 127.0.0.1: scenario
 * IPs like 10.x are looked up in a table, never sent a packet. Also createProbe over the same
 * emulator. The investigation's bound on probes is tested in
 * test/integration/investigation/probe-bound.test.ts.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  type EmulatorRequest,
  type Fault,
  type RunningEmulator,
  seededRandom,
} from '../../../sandbox/http-kit.js';
import { networkFault, startNetworkEmulator } from '../../../sandbox/network/index.js';
import { type ScenarioInput, validateScenario } from '../../../sandbox/scenario.js';
import { ErrorCode } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { createProbe } from '../../../src/integrations/probe/create-probe.js';
import { SimulatedProbe } from '../../../src/integrations/probe/simulated-probe.js';
import { silentLogger } from '../../../src/logger.js';

const SCANNER = 'prod-dal09-infra-nessus-01';
const OTHER = 'prod-lon02-infra-nessus-01';

/** A seed under which the emulator's first call fails as `wanted` says (http-kit draws once, then the fault). */
function seedWhereFirstFault(wanted: (fault: Fault) => boolean, rate = 1): number {
  const request: EmulatorRequest = {
    method: 'GET',
    path: '/v1/probe',
    query: new URLSearchParams(),
    headers: {},
    body: '',
  };
  for (let seed = 1; seed < 10_000; seed++) {
    const random = seededRandom(seed);
    if (random() < rate && wanted(networkFault(request, random))) return seed;
  }
  throw new Error('no seed fits');
}

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function network(
  table: NonNullable<ScenarioInput['network']>,
  options: { latencyMs?: number; faultRate?: number; seed?: number } = {},
) {
  const emulator = await startNetworkEmulator(validateScenario({ network: table }).network, options);
  running.push(emulator);
  return emulator;
}

const TABLE: NonNullable<ScenarioInput['network']> = {
  '10.1.2.3': { ping: true, tcp22: false },
  '10.1.2.4': { ping: false, tcp22: false, from: { [OTHER]: { ping: true, tcp22: true } } },
};

describe('SimulatedProbe', () => {
  it('answers from the scenario table, per scanner, and counts each call', async () => {
    const emulator = await network(TABLE);
    const counter = createCallCounter();
    const probe = new SimulatedProbe({ url: emulator.url, logger: silentLogger(), counter });

    await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
    await expect(probe.probe('10.1.2.4', SCANNER)).resolves.toEqual({ ping: false, tcp22: false });
    await expect(probe.probe('10.1.2.4', OTHER)).resolves.toEqual({ ping: true, tcp22: true });
    await expect(probe.probe('10.200.0.1', SCANNER)).resolves.toEqual({ ping: false, tcp22: false });
    expect(counter.snapshot().probe).toBe(4);
  });

  it('refuses an invalid IP without calling the network', async () => {
    const emulator = await network(TABLE);
    const probe = new SimulatedProbe({ url: emulator.url, logger: silentLogger() });
    await expect(probe.probe('10.1.2.3&from=x', SCANNER)).rejects.toMatchObject({
      code: ErrorCode.InputInvalid,
    });
    await expect(probe.probe('10.1.2.3', 'bad scanner')).rejects.toMatchObject({
      code: ErrorCode.InputInvalid,
    });
    expect(emulator.calls).toHaveLength(0);
  });

  it('times out a hung probe service', async () => {
    const emulator = await network(TABLE, { faultRate: 1, seed: seedWhereFirstFault((f) => f === 'hang') });
    const probe = new SimulatedProbe({
      url: emulator.url,
      logger: silentLogger(),
      timeoutMs: 150,
      retries: 0,
    });
    const error = await probe.probe('10.1.2.3', SCANNER).catch((e: unknown) => e);
    expect(error).toMatchObject({ system: 'probe', code: ErrorCode.Timeout });
    expect(emulator.calls[0]?.status).toBe('hang');
  });

  it('retries a 503 from the probe service', async () => {
    const seed = seedWhereFirstFault((f) => typeof f === 'object' && f.status === 503, 0.5);
    const emulator = await network(TABLE, { faultRate: 0.5, seed });
    const probe = new SimulatedProbe({ url: emulator.url, logger: silentLogger(), retries: 3 });
    await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
    expect(emulator.calls[0]?.status).toBe(503);
  });
});

describe('createProbe', () => {
  it('builds the simulated probe from settings', async () => {
    const emulator = await network(TABLE);
    const probe = createProbe(
      { mode: 'simulated', url: emulator.url, timeoutMs: 1000 },
      { logger: silentLogger() },
    );
    await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
    probe.close();
  });

  it('builds the local probe, which refuses a non-IP', async () => {
    const probe = createProbe({ mode: 'local', timeoutMs: 500 }, { logger: silentLogger() });
    await expect(probe.probe('example.com', SCANNER)).rejects.toMatchObject({ code: ErrorCode.InputInvalid });
  });
});
