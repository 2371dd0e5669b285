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
  options: {
    latencyMs?: number;
    faultRate?: number;
    seed?: number;
    silentWaitMs?: { pingMs: number; tcp22Ms: number };
  } = {},
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

describe('SimulatedProbe batches', () => {
  // Short waits for the test; the benchmark uses the scanner commands' own (2 s and 3 s).
  const silentWaitMs = { pingMs: 100, tcp22Ms: 150 };
  const table: NonNullable<ScenarioInput['network']> = {
    '10.5.0.1': { ping: true, tcp22: true },
    '10.5.0.2': { ping: true, tcp22: false }, // port 22 silent: 150 ms
    '10.5.0.4': { ping: false, tcp22: false, refused: true }, // rejects at once
    // 10.5.0.3 and 10.5.0.5 are absent: dead, 150 ms each (ping and TCP side by side)
  };

  it('answers a batch in one call, each silent host costing its longer wait, the parallelism as slots', async () => {
    const emulator = await network(table, { silentWaitMs });
    const counter = createCallCounter();
    const probe = new SimulatedProbe({
      url: emulator.url,
      logger: silentLogger(),
      counter,
      scannerParallelism: 2,
    });
    const ips = ['10.5.0.1', '10.5.0.2', '10.5.0.3', '10.5.0.4', '10.5.0.5'];
    const started = Date.now();
    const results = await probe.probeMany(ips, SCANNER);
    const elapsed = Date.now() - started;
    expect(Object.fromEntries(results)).toEqual({
      '10.5.0.1': { status: 'ok', value: { ping: true, tcp22: true } },
      '10.5.0.2': { status: 'ok', value: { ping: true, tcp22: false } },
      '10.5.0.3': { status: 'ok', value: { ping: false, tcp22: false } },
      '10.5.0.4': { status: 'ok', value: { ping: false, tcp22: false } },
      '10.5.0.5': { status: 'ok', value: { ping: false, tcp22: false } },
    });
    expect(emulator.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/probe/batch']);
    // Costs 0, 150, 150, 0, 150 on two slots, each IP on the first free one: .1 and .2 on A (A
    // free at 150), .3 on B (150), .4 on A (150), .5 on A: the batch ends at 300.
    expect(emulator.batches).toEqual([{ from: SCANNER, ips, parallelism: 2, costMs: 300 }]);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(counter.snapshot().probe).toBe(1);
  });

  it('charges a single probe of a silent host its wait too, and a refused one nothing', async () => {
    const emulator = await network(table, { silentWaitMs });
    const probe = new SimulatedProbe({ url: emulator.url, logger: silentLogger() });
    let started = Date.now();
    await expect(probe.probe('10.5.0.3', SCANNER)).resolves.toEqual({ ping: false, tcp22: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    started = Date.now();
    await expect(probe.probe('10.5.0.4', SCANNER)).resolves.toEqual({ ping: false, tcp22: false });
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('refuses a batch naming a non-IP before calling, and the emulator refuses a malformed batch', async () => {
    const emulator = await network(table);
    const probe = new SimulatedProbe({ url: emulator.url, logger: silentLogger() });
    await expect(probe.probeMany(['10.5.0.1', '10.5.0.1; id'], SCANNER)).rejects.toMatchObject({
      code: ErrorCode.InputInvalid,
    });
    expect(emulator.calls).toHaveLength(0);
    const post = (body: unknown) =>
      fetch(`${emulator.url}/v1/probe/batch`, { method: 'POST', body: JSON.stringify(body) }).then(
        async (r) => ({
          status: r.status,
          body: (await r.json()) as { error: string },
        }),
      );
    await expect(post({ from: SCANNER, ips: ['10.5.0.1', 'x'], parallelism: 2 })).resolves.toEqual({
      status: 400,
      body: { error: 'ips.1: not an IPv4 address' },
    });
    await expect(post({ from: SCANNER, ips: ['10.5.0.1', '10.5.0.1'], parallelism: 2 })).resolves.toEqual({
      status: 400,
      body: { error: 'ips: an IP is named twice' },
    });
    await expect(post({ from: SCANNER, ips: ['10.5.0.1'], parallelism: 2, extra: 1 })).resolves.toMatchObject(
      {
        status: 400,
      },
    );
    expect(emulator.batches).toEqual([]);
  });
});
