import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../sandbox/scenario.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { configFileSchema } from '../../../src/config/file-schema.js';

const FIXTURE = new URL('../../fixtures/scenarios/sandbox-small.yaml', import.meta.url).pathname;

describe('startSandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox(loadScenario(FIXTURE), { seed: 1 });
  });
  afterAll(() => sandbox.close());

  it('points every integration but Slack at loopback emulators', () => {
    const { env } = sandbox;
    expect(Object.keys(env).sort()).toEqual(
      [
        'GITHUB_API_URL',
        'GITHUB_TOKEN',
        'GAP_ISSUES_REPO',
        'DECOM_TICKETS_REPO',
        'SOFTLAYER_API_URL',
        'SOFTLAYER_USERNAME',
        'SOFTLAYER_API_KEY',
        'TENABLE_SC_URL',
        'TENABLE_SC_ACCESS_KEY',
        'TENABLE_SC_SECRET_KEY',
        'INVENTORY_API_URL',
        'INVENTORY_API_TOKEN',
        'NESSUS_GAP_CONFIG',
      ].sort(),
    );
    expect(env.GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    expect(env.SOFTLAYER_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/v3\.1\/$/);
    expect(env.TENABLE_SC_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.INVENTORY_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.GAP_ISSUES_REPO).toBe('alchemy-conductors/alcatraz');
    expect(env.DECOM_TICKETS_REPO).toBe('alchemy-conductors/team');
  });

  it('writes a config file src/config accepts, naming every scanner of the scenario and the simulated network', () => {
    const path = sandbox.env.NESSUS_GAP_CONFIG ?? '';
    expect(statSync(path).mode & 0o077).toBe(0);
    const parsed = configFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    expect(Object.keys(parsed.scanners ?? {}).sort()).toEqual([
      'dev-mon01-infra-nessus-01',
      'prestage-mon01-infra-nessus-01',
      'prod-dal09-infra-nessus-01',
      'stage-dal09-infra-nessus-01',
    ]);
    expect(parsed.environments?.['PROD-US-SOUTH']).toEqual(['prod-dal09-infra-nessus-01']);
    expect(parsed.probe).toEqual({
      mode: 'simulated',
      simulatedUrl: sandbox.emulators.network.url,
      allowedCidrs: [],
    });
  });

  it('answers with the generated credentials and rejects others', async () => {
    const { env } = sandbox;
    const issue = await fetch(`${env.GITHUB_API_URL}/repos/alchemy-conductors/alcatraz/issues/4711`, {
      headers: { authorization: `token ${env.GITHUB_TOKEN}` },
    });
    expect(((await issue.json()) as { number: number }).number).toBe(4711);

    const servers = await fetch(`${env.INVENTORY_API_URL}/servers?ip=10.1.2.3`, {
      headers: { authorization: `Bearer ${env.INVENTORY_API_TOKEN}` },
    });
    expect(await servers.json()).toEqual([expect.objectContaining({ id: '1' })]);

    const config = JSON.parse(readFileSync(env.NESSUS_GAP_CONFIG ?? '', 'utf8')) as {
      scanners: Record<string, { url: string; accessKey: string; secretKey: string }>;
      probe: { simulatedUrl: string };
    };
    const scanner = config.scanners['stage-dal09-infra-nessus-01'];
    const status = await fetch(`${scanner?.url}/server/status`, {
      headers: { 'x-apikeys': `accessKey=${scanner?.accessKey}; secretKey=${scanner?.secretKey}` },
    });
    expect(await status.json()).toMatchObject({ status: 'loading', progress: 50 });
    const probe = await fetch(
      `${config.probe.simulatedUrl}/v1/probe?ip=10.1.2.3&from=prod-dal09-infra-nessus-01`,
    );
    expect(await probe.json()).toMatchObject({ ping: true, tcp22: false });

    const basic = Buffer.from(`${env.SOFTLAYER_USERNAME}:${env.SOFTLAYER_API_KEY}`).toString('base64');
    const hardware = await fetch(`${env.SOFTLAYER_API_URL}SoftLayer_Account/getHardware.json`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(hardware.status).toBe(200);
    const zones = await fetch(`${env.TENABLE_SC_URL}/rest/zone`, {
      headers: {
        'x-apikey': `accesskey=${env.TENABLE_SC_ACCESS_KEY}; secretkey=${env.TENABLE_SC_SECRET_KEY};`,
      },
    });
    expect(zones.status).toBe(200);
    const wrongKeys = await fetch(`${env.TENABLE_SC_URL}/rest/zone`, {
      headers: { 'x-apikey': 'accesskey=a; secretkey=b;' },
    });
    expect(wrongKeys.status).not.toBe(200);

    const calls = sandbox.calls();
    expect(calls).toEqual({ github: 1, softlayer: 1, tenable: 2, nessus: 1, inventory: 1, network: 1 });
  });

  it('makes fresh credentials on every run, and close() removes the directory it made', async () => {
    const other = await startSandbox(loadScenario(FIXTURE));
    expect(other.env.GITHUB_TOKEN).not.toBe(sandbox.env.GITHUB_TOKEN);
    expect(other.env.INVENTORY_API_TOKEN).not.toBe(sandbox.env.INVENTORY_API_TOKEN);
    const config = other.configPath;
    expect(existsSync(config)).toBe(true);
    await other.close();
    await other.close();
    expect(existsSync(config)).toBe(false);
    await expect(fetch(`${other.emulators.github.url}/api/v3`)).rejects.toThrow();
  });

  it('writes into a given workDir and leaves it in place', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'sandbox-workdir-'));
    const other = await startSandbox(loadScenario(FIXTURE), { workDir });
    expect(other.configPath).toBe(join(workDir, 'nessus-gap.sandbox.json'));
    await other.close();
    expect(existsSync(other.configPath)).toBe(true);
  });
});
