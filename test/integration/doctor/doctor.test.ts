/**
 * `nessus-gap doctor` against the sandbox (HTTPS Tenable.sc and scanners with self-signed
 * certificates, a Slack emulator, scanners reached over SSH by a local ssh2 server): every check
 * green, and each injected fault turns exactly its own line red, with its fix.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Connection, Server, utils } from 'ssh2';
import {
  loadScenario,
  type Sandbox,
  type SlackEmulator,
  startSandbox,
  startSlackEmulator,
} from '../../../sandbox/index.js';
import { DEFAULT_BOT_SCOPES } from '../../../sandbox/slack/index.js';
import { main } from '../../../src/cli/main.js';
import type { DoctorReport } from '../../../src/doctor/types.js';
import { capturedStream } from '../../helpers/captured-stream.js';

const SCOPES = DEFAULT_BOT_SCOPES;
const BOT_TOKEN = 'xoxb-doctor-test-token';
const hostKey = utils.generateKeyPairSync('ed25519');
const otherHostKey = utils.generateKeyPairSync('ed25519');
const clientKey = utils.generateKeyPairSync('ed25519');

let sandbox: Sandbox;
let slack: SlackEmulator;
let narrowSlack: SlackEmulator;
let ssh: Server;
let sshPort: number;
let dir: string;
let healthyConfig: Record<string, unknown>;

function fingerprint(publicKey: string): string {
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  return `SHA256:${createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
}

/** Programs the emulated scanner lacks (a test removes one). */
const missingOnScanner = new Set<string>();

/** A scanner over SSH: accepts the bot's key and says where ping, nc and xargs are; runs nothing. */
function serveScanner(client: Connection): void {
  const allowed = utils.parseKey(clientKey.public);
  if (allowed instanceof Error) throw allowed;
  client.on('authentication', (ctx) => {
    if (ctx.method !== 'publickey' || !timingSafeEqual(ctx.key.data, allowed.getPublicSSH()))
      return ctx.reject();
    if (ctx.signature && ctx.blob && !allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo))
      return ctx.reject();
    ctx.accept();
  });
  client.on('ready', () => {
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        const tool = /^command -v (ping|nc|xargs)$/.exec(info.command)?.[1];
        const known = tool !== undefined && !missingOnScanner.has(tool);
        stream.write(known ? `/usr/bin/${info.command.split(' ')[2]}\n` : '');
        stream.exit(known ? 0 : 127);
        stream.end();
      });
    });
  });
  client.on('error', () => {});
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nessus-gap-doctor-'));
  sandbox = await startSandbox(loadScenario('examples/scenarios/demo.yaml'), { tls: true });
  slack = await startSlackEmulator({ botToken: BOT_TOKEN });
  narrowSlack = await startSlackEmulator({
    botToken: BOT_TOKEN,
    scopes: SCOPES.filter((s) => s !== 'files:write'),
  });
  ssh = new Server({ hostKeys: [hostKey.private] }, serveScanner);
  await new Promise<void>((resolve) => ssh.listen(0, '127.0.0.1', resolve));
  sshPort = (ssh.address() as AddressInfo).port;
  const keyPath = join(dir, 'id_ed25519');
  writeFileSync(keyPath, clientKey.private, { mode: 0o600 });
  healthyConfig = JSON.parse(readFileSync(sandbox.configPath, 'utf8'));
  for (const scanner of Object.values(healthyConfig.scanners as Record<string, Record<string, unknown>>)) {
    Object.assign(scanner, {
      sshHost: '127.0.0.1',
      sshPort,
      sshUser: 'nessus-probe',
      sshPrivateKeyPath: keyPath,
      sshHostKey: fingerprint(hostKey.public),
    });
  }
  healthyConfig.probe = { mode: 'ssh', timeoutMs: 2000 };
});

afterAll(async () => {
  await sandbox.close();
  await slack.close();
  await narrowSlack.close();
  await new Promise<void>((resolve) => ssh.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

let configs = 0;
async function doctor(
  change: {
    env?: Record<string, string>;
    config?: (config: Record<string, unknown>) => void;
    slack?: SlackEmulator;
  } = {},
  format: 'json' | 'text' = 'json',
) {
  const config = structuredClone(healthyConfig);
  change.config?.(config);
  const path = join(dir, `config-${configs++}.json`);
  writeFileSync(path, JSON.stringify(config), { mode: 0o600 });
  const env = {
    ...sandbox.env,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: (change.slack ?? slack).apiUrl,
    NESSUS_GAP_CONFIG: path,
    PATH: process.env.PATH ?? '',
    ...change.env,
  };
  const stdout = capturedStream();
  const stderr = capturedStream();
  const code = await main(['doctor', '--format', format], { stdout, stderr, env, interactive: false });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function failures(report: DoctorReport) {
  return report.checks.filter((check) => !check.ok).map(({ system, check, fix }) => ({ system, check, fix }));
}

const SCANNER = 'prod-dal09-infra-nessus-01';

describe('nessus-gap doctor', () => {
  it('passes every check against a healthy sandbox, as a table and as JSON', async () => {
    const json = await doctor();
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as DoctorReport;
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(json.code).toBe(0);
    const systems = new Set(report.checks.map((check) => check.system));
    expect([...systems]).toEqual([
      'github',
      'slack',
      'softlayer',
      'tenable',
      `nessus:${SCANNER}`,
      'nessus:stage-dal09-infra-nessus-01',
      'inventory',
      'probe',
    ]);
    expect(report.checks.every((check) => !check.skipped)).toBe(true);
    const text = await doctor({}, 'text');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}github +✓ reachable/);
    expect(text.stdout).toMatch(/tenable +✓ reachable +reached https:\/\/127\.0\.0\.1:\d+\n/);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`all ${report.checks.length} checks passed`);
    expect(text.stdout).not.toContain('✗');
  });

  const faults: Array<{
    name: string;
    change: () => Parameters<typeof doctor>[0];
    red: { system: string; check: string };
    fix: RegExp;
  }> = [
    {
      name: 'a wrong SoftLayer API key',
      change: () => ({ env: { SOFTLAYER_API_KEY: 'f'.repeat(64) } }),
      red: { system: 'softlayer', check: 'ALC: credentials' },
      fix: /SOFTLAYER_USERNAME \/ SOFTLAYER_API_KEY of account ALC are not accepted/,
    },
    {
      name: 'a wrong Tenable.sc key',
      change: () => ({ env: { TENABLE_SC_SECRET_KEY: 'not-the-secret' } }),
      red: { system: 'tenable', check: 'credentials' },
      fix: /TENABLE_SC_ACCESS_KEY \/ TENABLE_SC_SECRET_KEY are not accepted/,
    },
    {
      name: 'an administrator key',
      change: () => ({
        env: {
          TENABLE_SC_ACCESS_KEY: sandbox.tenableAdministratorKeys.accessKey,
          TENABLE_SC_SECRET_KEY: sandbox.tenableAdministratorKeys.secretKey,
        },
      }),
      red: { system: 'tenable', check: 'organisation user' },
      fix: /API keys for an organisation user .* with access to the repositories/,
    },
    {
      name: 'an untrusted certificate',
      change: () => ({
        config: (config) => {
          delete (config.scanners as Record<string, Record<string, unknown>>)[SCANNER]?.tls;
        },
      }),
      red: { system: `nessus:${SCANNER}`, check: 'certificate' },
      fix: new RegExp(`pin it with scanners\\.${SCANNER}\\.tls\\.fingerprint256: "[0-9A-F:]{95}"`),
    },
    {
      name: 'a missing Slack scope',
      change: () => ({ slack: narrowSlack }),
      red: { system: 'slack', check: 'scopes' },
      fix: /add the missing bot token scopes/,
    },
    {
      name: 'a wrong SSH host key',
      change: () => ({
        config: (config) => {
          const scanners = config.scanners as Record<string, Record<string, unknown>>;
          if (scanners[SCANNER]) scanners[SCANNER].sshHostKey = fingerprint(otherHostKey.public);
        },
      }),
      red: { system: 'probe', check: `${SCANNER}: host key` },
      fix: new RegExp(
        `pin the new one: scanners\\.${SCANNER}\\.sshHostKey: ${fingerprint(hostKey.public).replace(/[+/]/g, '\\$&')}`,
      ),
    },
  ];

  it.each(faults)('turns exactly one line red for $name, with its fix', async ({ change, red, fix }) => {
    const { code, stdout } = await doctor(change());
    const report = JSON.parse(stdout) as DoctorReport;
    const failed = failures(report);
    expect(failed.map(({ system, check }) => ({ system, check }))).toEqual([red]);
    expect(failed[0]?.fix).toMatch(fix);
    expect(report.ok).toBe(false);
    expect(code).toBe(1);
  });

  it('turns the tools line red when the scanner has no xargs, which a probe batch needs', async () => {
    missingOnScanner.add('xargs');
    try {
      const { code, stdout } = await doctor({});
      const failed = (JSON.parse(stdout) as DoctorReport).checks.filter((check) => !check.ok);
      expect(failed.map(({ system, check, detail }) => ({ system, check, detail }))).toEqual([
        // Both configured scanners are served by the one emulated SSH server.
        ...[SCANNER, 'stage-dal09-infra-nessus-01'].map((name) => ({
          system: 'probe',
          check: `${name}: ping, nc and xargs`,
          detail: `xargs not found on ${name}`,
        })),
      ]);
      expect(failed[0]?.fix).toMatch(/install ping, nc \(netcat\) and xargs/);
      expect(code).toBe(1);
    } finally {
      missingOnScanner.delete('xargs');
    }
  });

  it('exits 2 on a configuration it cannot read', async () => {
    const { code, stderr } = await doctor({ env: { NESSUS_GAP_CONFIG: join(dir, 'missing.yaml') } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/NESSUS_GAP_CONFIG .*cannot read the file/);
  });
});
