/**
 * TLS as these systems ship: a Nessus scanner and a Tenable.sc serving HTTPS with self-signed
 * certificates made in the test for 127.0.0.1. Reached with the pinned fingerprint or the CA file,
 * refused without them, with an error that names the system, the host and the setting that fixes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScenario, startSandbox } from '../../../sandbox/index.js';
import { startNessusEmulator } from '../../../sandbox/nessus/index.js';
import { startTenableEmulator } from '../../../sandbox/tenable/index.js';
import { selfSignedCertificate } from '../../../sandbox/tls/self-signed.js';
import { type InvestigateConfig, loadConfig } from '../../../src/config/index.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createIntegrations } from '../../../src/integrations/create-integrations.js';
import { platformTrust, type TlsTrust } from '../../../src/integrations/http/tls-trust.js';
import { NessusClient } from '../../../src/integrations/nessus/nessus-client.js';
import { TenableClient } from '../../../src/integrations/tenable/tenable-client.js';
import { silentLogger } from '../../../src/logger.js';

const SCANNER = 'prod-dal09-infra-nessus-01';
const scannerKeys = { accessKey: 'a'.repeat(32), secretKey: 'b'.repeat(32) };
const tenableKeys = { accessKey: 'ak-tls-test', secretKey: 'sk-tls-test' };
const nessusCert = selfSignedCertificate();
const tenableCert = selfSignedCertificate();
const otherCert = selfSignedCertificate();

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function nessus() {
  const emulator = await startNessusEmulator(
    { [SCANNER]: { status: 'ready' } },
    { keys: { [SCANNER]: scannerKeys }, tls: { key: nessusCert.key, cert: nessusCert.cert } },
  );
  closers.push(() => emulator.close());
  return emulator;
}

async function tenable() {
  const emulator = await startTenableEmulator(
    { zones: [{ id: 1, name: 'DAL10', ipList: '10.0.0.0/8' }], assets: [], ipSummary: [], scanners: [] },
    { ...tenableKeys, tls: { key: tenableCert.key, cert: tenableCert.cert } },
  );
  closers.push(() => emulator.close());
  return emulator;
}

const scannerTrust = (extra: Partial<TlsTrust>): TlsTrust => ({
  ...platformTrust('nessus', `scanners.${SCANNER}.tls`),
  name: `nessus scanner ${SCANNER}`,
  ...extra,
});

function nessusClient(url: string, tls: TlsTrust) {
  return new NessusClient({
    scanners: { [SCANNER]: { url, ...scannerKeys, tls } },
    logger: silentLogger(),
    retries: 3,
    sleep: async () => {},
  });
}

function tenableClient(url: string, tls: TlsTrust) {
  return new TenableClient({
    baseUrl: url,
    ...tenableKeys,
    tls,
    logger: silentLogger(),
    sleep: async () => {},
  });
}

async function refusal(promise: Promise<unknown>): Promise<IntegrationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the certificate to be refused');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntegrationError);
  expect((error as IntegrationError).code).toBe(ErrorCode.TlsUntrusted);
  return error as IntegrationError;
}

describe('TLS trust per system', () => {
  it('reaches a self-signed Nessus with its pinned fingerprint, colons or not', async () => {
    const emulator = await nessus();
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    for (const pin of [
      nessusCert.fingerprint256,
      nessusCert.fingerprint256.replace(/:/g, '').toLowerCase(),
    ]) {
      const fingerprint256 = pin.includes(':') ? pin : (pin.toUpperCase().match(/../g) ?? []).join(':');
      const health = await nessusClient(
        emulator.scannerUrl(SCANNER),
        scannerTrust({ fingerprint256 }),
      ).status(SCANNER);
      expect(health).toEqual({ name: SCANNER, ready: true, status: 'ready' });
    }
  });

  it('refuses it without a pin, once, naming the system, the host, the certificate and the setting', async () => {
    const emulator = await nessus();
    const error = await refusal(nessusClient(emulator.scannerUrl(SCANNER), scannerTrust({})).status(SCANNER));
    expect(error.message).toBe(
      `nessus scanner ${SCANNER}: the certificate of 127.0.0.1:${emulator.port} is not trusted (self-signed certificate); ` +
        `pin it with scanners.${SCANNER}.tls.fingerprint256: "${nessusCert.fingerprint256}" in NESSUS_GAP_CONFIG ` +
        `(or set scanners.${SCANNER}.tls.caFile to the PEM file of the CA that issued it)`,
    );
    // Refused before any request was sent, and not retried.
    expect(emulator.calls).toHaveLength(0);
  });

  it('refuses a certificate that is not the pinned one', async () => {
    const emulator = await nessus();
    const pinned = scannerTrust({ fingerprint256: otherCert.fingerprint256 });
    const error = await refusal(nessusClient(emulator.scannerUrl(SCANNER), pinned).status(SCANNER));
    expect(error.message).toContain(
      `it offered ${nessusCert.fingerprint256}, which is not the pinned scanners.${SCANNER}.tls.fingerprint256 ${otherCert.fingerprint256}`,
    );
  });

  it('reaches Tenable.sc with its CA file and refuses it without', async () => {
    const emulator = await tenable();
    const trusted = tenableClient(emulator.url, { ...platformTrust('tenable'), ca: tenableCert.cert });
    expect(await trusted.listScanZones()).toEqual([{ id: '1', name: 'DAL10', ipList: '10.0.0.0/8' }]);
    const wrongCa = tenableClient(emulator.url, { ...platformTrust('tenable'), ca: otherCert.cert });
    const error = await refusal(wrongCa.listScanZones());
    expect(error.message).toMatch(
      new RegExp(
        `^tenable: the certificate of 127\\.0\\.0\\.1:${emulator.port} is not trusted \\(self-signed certificate\\); pin it with tls\\.tenable\\.fingerprint256: "${tenableCert.fingerprint256}"`,
      ),
    );
  });

  it('accepts any certificate only with an explicit insecure: true', async () => {
    const emulator = await tenable();
    const client = tenableClient(emulator.url, { ...platformTrust('tenable'), insecure: true });
    expect(await client.listScanZones()).toHaveLength(1);
  });

  it('takes the settings from NESSUS_GAP_CONFIG: the sandbox with --tls pins and gives a CA file', async () => {
    const sandbox = await startSandbox(loadScenario('test/fixtures/scenarios/sandbox-small.yaml'), {
      tls: true,
    });
    closers.push(() => sandbox.close());
    const config = loadConfig(sandbox.env, { mode: 'investigate' }) as InvestigateConfig;
    expect(config.tls.tenable.caFile).toMatch(/tenable-ca\.pem$/);
    expect(config.scanners[SCANNER]?.tls.fingerprint256).toBe(sandbox.certificates?.nessus.fingerprint256);
    const integrations = createIntegrations(config, silentLogger(), { fast: true });
    try {
      expect((await integrations.scanners.status(SCANNER)).ready).toBe(true);
      expect(await integrations.coverage.listScanZones()).toEqual([]);
    } finally {
      integrations.close();
    }

    // The same sandbox without the trust settings: refused, the fix named.
    const file = JSON.parse(readFileSync(sandbox.configPath, 'utf8'));
    delete file.tls;
    for (const scanner of Object.values(file.scanners) as Array<Record<string, unknown>>) delete scanner.tls;
    const untrusting = loadConfig(sandbox.env, {
      mode: 'investigate',
      readFile: (path) => (path === sandbox.configPath ? JSON.stringify(file) : readFileSync(path, 'utf8')),
    }) as InvestigateConfig;
    const refused = createIntegrations(untrusting, silentLogger(), { fast: true });
    try {
      const scannerError = await refusal(refused.scanners.status(SCANNER));
      expect(scannerError.message).toContain(`scanners.${SCANNER}.tls.fingerprint256`);
      const tenableError = await refusal(refused.coverage.listScanZones());
      expect(tenableError.message).toContain('tls.tenable.fingerprint256');
    } finally {
      refused.close();
    }
  });

  it('refuses insecure: true in production and rejects a CA file that holds no certificate', () => {
    const file = (content: unknown) => () => JSON.stringify(content);
    const env = { NESSUS_GAP_CONFIG: '/etc/nessus-gap.json', NODE_ENV: 'production' };
    expect(() => loadConfig(env, { readFile: file({ tls: { tenable: { insecure: true } } }) })).toThrow(
      /tls\.tenable\.insecure: certificate verification cannot be turned off in production/,
    );
    const path = `${process.env.TMPDIR ?? '/tmp'}/nessus-gap-not-a-ca-${process.pid}.pem`;
    writeFileSync(path, 'hello');
    expect(() =>
      loadConfig(
        { NESSUS_GAP_CONFIG: '/etc/nessus-gap.json' },
        { readFile: (p) => (p === path ? 'hello' : JSON.stringify({ tls: { github: { caFile: path } } })) },
      ),
    ).toThrow(/tls\.github\.caFile: .*no PEM certificate/);
  });
});
