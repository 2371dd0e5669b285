/**
 * Several IBM Cloud classic accounts in one sandbox (test/fixtures/scenarios/two-accounts.yaml):
 * every account at the same emulator URL, the credentials deciding which account a call sees, the
 * bot's configuration reading them from the env and config file the sandbox writes, and one
 * account's outage leaving the others answering.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, type Scenario, validateScenario } from '../../../sandbox/scenario.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { configFileSchema } from '../../../src/config/file-schema.js';
import { loadConfig } from '../../../src/config/index.js';
import { IntegrationError } from '../../../src/errors.js';
import { SoftLayerClient } from '../../../src/integrations/softlayer/softlayer-client.js';
import { silentLogger } from '../../../src/logger.js';

const FIXTURE = new URL('../../fixtures/scenarios/two-accounts.yaml', import.meta.url).pathname;

function clientFor(sandbox: Sandbox, username: string | undefined, apiKey: string | undefined) {
  return new SoftLayerClient({
    baseUrl: sandbox.env.SOFTLAYER_API_URL ?? '',
    username: username ?? '',
    apiKey: apiKey ?? '',
    logger: silentLogger(),
    retries: 1,
    sleep: async () => {},
  });
}

const alc = (sandbox: Sandbox) =>
  clientFor(sandbox, sandbox.env.SOFTLAYER_USERNAME, sandbox.env.SOFTLAYER_API_KEY);
const fr2 = (sandbox: Sandbox) =>
  clientFor(sandbox, sandbox.env.SOFTLAYER_ALC_FR2_USERNAME, sandbox.env.SOFTLAYER_ALC_FR2_API_KEY);

const idsOf = (devices: Array<{ id: number }>) => devices.map((device) => device.id).sort((a, b) => a - b);

describe('a sandbox with two SoftLayer accounts', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox(loadScenario(FIXTURE), { seed: 3 });
  });
  afterAll(() => sandbox.close());

  it('prints fresh credentials for each account, every account at the same URL', () => {
    const { env } = sandbox;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['SOFTLAYER_ALC_FR2_USERNAME', 'SOFTLAYER_ALC_FR2_API_KEY']),
    );
    expect(env.SOFTLAYER_ALC_FR2_USERNAME).toMatch(/^SL\d+$/);
    expect(env.SOFTLAYER_ALC_FR2_USERNAME).not.toBe(env.SOFTLAYER_USERNAME);
    expect(env.SOFTLAYER_ALC_FR2_API_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(env.SOFTLAYER_ALC_FR2_API_KEY).not.toBe(env.SOFTLAYER_API_KEY);
    expect(sandbox.emulators.softlayer.accountNames()).toEqual(['ALC', 'ALC_FR2']);
  });

  it('writes the accounts into the config file, and the bot reads both with their credentials', () => {
    const file = configFileSchema.parse(JSON.parse(readFileSync(sandbox.configPath, 'utf8')));
    expect(file.softlayer).toEqual({ name: 'ALC', accounts: { ALC_FR2: {} } });

    const config = loadConfig({ ...sandbox.env }, { mode: 'investigate' });
    expect(config.softlayer.accounts).toEqual([
      {
        name: 'ALC',
        apiUrl: sandbox.env.SOFTLAYER_API_URL,
        username: sandbox.env.SOFTLAYER_USERNAME,
        apiKey: sandbox.env.SOFTLAYER_API_KEY,
      },
      {
        name: 'ALC_FR2',
        apiUrl: sandbox.env.SOFTLAYER_API_URL,
        username: sandbox.env.SOFTLAYER_ALC_FR2_USERNAME,
        apiKey: sandbox.env.SOFTLAYER_ALC_FR2_API_KEY,
      },
    ]);
  });

  it('shows each account only its own devices and subnets', async () => {
    const [alcDevices, fr2Devices, alcSubnets, fr2Subnets] = await Promise.all([
      alc(sandbox).listDevices(),
      fr2(sandbox).listDevices(),
      alc(sandbox).listSubnets(),
      fr2(sandbox).listSubnets(),
    ]);
    expect(idsOf(alcDevices)).toEqual([3101, 6101]);
    expect(idsOf(fr2Devices)).toEqual([4101, 7101, 7102]);
    expect(alcSubnets.map((subnet) => subnet.cidr)).toEqual(['10.10.20.0/24']);
    expect(fr2Subnets.map((subnet) => subnet.cidr)).toEqual(['10.75.20.0/24']);
    // Power states and tickets come from the account that owns the device.
    expect(fr2Devices.find((device) => device.id === 4101)?.powerState).toBe('off');
    expect(alcDevices.find((device) => device.id === 3101)?.powerState).toBe('on');
    expect(fr2Devices.find((device) => device.id === 7102)?.cancellation).toEqual({
      date: '2026-12-01T00:00:00-06:00',
      ticketId: 98102,
    });
  });

  it('keeps power commands and tickets in the account whose credentials made them', async () => {
    await fr2(sandbox).powerOn({ kind: 'hardware', id: 4101 });
    // Another account's device does not exist for these credentials.
    await expect(alc(sandbox).powerOn({ kind: 'hardware', id: 4101 })).rejects.toThrow(
      /Unable to find object with id of '4101'/,
    );
    // The 20-minute window is the FR2 device's own: a command on an ALC device is accepted.
    await alc(sandbox).powerOn({ kind: 'hardware', id: 3101 });
    await expect(fr2(sandbox).powerOn({ kind: 'hardware', id: 4101 })).rejects.toThrow(/20 minutes/);

    const ticket = await fr2(sandbox).createTicket({
      title: 'Nessus scan gap: prod-fra02-carrier2-worker-02',
      body: 'powered off',
      device: { kind: 'virtual', id: 7102 },
    });
    const fr2State = sandbox.emulators.softlayer.accountState('alc_fr2');
    const alcState = sandbox.emulators.softlayer.state();
    expect(fr2State.tickets.map((t) => t.id)).toContain(ticket.id);
    expect(alcState.tickets.map((t) => t.id)).not.toContain(ticket.id);
    // Ids are global, as on SoftLayer: above every scenario ticket of every account.
    expect(ticket.id).toBeGreaterThan(98102);
    expect(fr2State.powerCommands.map((c) => [c.id, c.accepted])).toEqual([
      [4101, true],
      [4101, false],
    ]);
    expect(alcState.powerCommands.map((c) => [c.id, c.accepted])).toEqual([[3101, true]]);
    expect(fr2State.hardware.find((hw) => hw.id === 4101)?.serverPowerState).toBe('on');
  });

  it('refuses one account’s user name with another account’s key', async () => {
    const mixed = clientFor(sandbox, sandbox.env.SOFTLAYER_USERNAME, sandbox.env.SOFTLAYER_ALC_FR2_API_KEY);
    await expect(mixed.listSubnets()).rejects.toMatchObject({ status: 401 });
  });
});

describe('an account that is down', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    const scenario: Scenario = loadScenario(FIXTURE);
    const fr2Account = scenario.softlayer.accounts?.ALC_FR2;
    if (!fr2Account) throw new Error('the fixture has an ALC_FR2 account');
    const down = validateScenario({
      ...scenario,
      softlayer: { ...scenario.softlayer, accounts: { ALC_FR2: { ...fr2Account, down: true } } },
    });
    sandbox = await startSandbox(down, { seed: 3 });
  });
  afterAll(() => sandbox.close());

  it('fails every call with its credentials as a SoftLayer outage does, while the other account answers', async () => {
    const basic = Buffer.from(
      `${sandbox.env.SOFTLAYER_ALC_FR2_USERNAME}:${sandbox.env.SOFTLAYER_ALC_FR2_API_KEY}`,
    ).toString('base64');
    const raw = await fetch(`${sandbox.env.SOFTLAYER_API_URL}SoftLayer_Account/getHardware.json`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(raw.status).toBe(500);
    expect(await raw.json()).toEqual({ error: 'Internal Error', code: 'SoftLayer_Exception_Public' });

    const failure = await fr2(sandbox)
      .listDevices()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(IntegrationError);
    expect((failure as IntegrationError).status).toBe(500);
    expect((failure as Error).message).toContain('Internal Error');

    expect(idsOf(await alc(sandbox).listDevices())).toEqual([3101, 6101]);
  });

  it('comes back when the test brings it up again, and goes down on demand', async () => {
    sandbox.emulators.softlayer.setDown('ALC_FR2', false);
    expect(idsOf(await fr2(sandbox).listDevices())).toEqual([4101, 7101, 7102]);
    sandbox.emulators.softlayer.setDown('ALC', true);
    await expect(alc(sandbox).listSubnets()).rejects.toThrow(/Internal Error/);
    expect((await fr2(sandbox).listSubnets()).map((subnet) => subnet.id)).toEqual([9901]);
    expect(() => sandbox.emulators.softlayer.setDown('ALC_XX', true)).toThrow(/no account named ALC_XX/);
  });
});
