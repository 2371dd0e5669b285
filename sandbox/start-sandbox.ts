/**
 * Starts every emulator of a scenario on 127.0.0.1 and says how to reach them: the bot's environment
 * variables (docs/contract.md section 5) and a NESSUS_GAP_CONFIG file naming the scanners, the simulated
 * network and the further SoftLayer accounts. Credentials are fresh random values for each run, one
 * pair per SoftLayer account (all accounts share one emulator URL; the credentials pick the account).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GithubEmulator, startGithubEmulator } from './github/index.js';
import type { RunningEmulator } from './http-kit.js';
import { type InventoryEmulator, startInventoryEmulator } from './inventory/index.js';
import { type NessusEmulator, type ScannerKeys, startNessusEmulator } from './nessus/index.js';
import { type NetworkEmulator, startNetworkEmulator } from './network/index.js';
import type { Scenario } from './scenario.js';
import { DEFAULT_SOFTLAYER_ACCOUNT } from './scenario-softlayer.js';
import { startSoftLayerEmulator } from './softlayer/index.js';
import { startTenableEmulator } from './tenable/index.js';
import { type SelfSignedCertificate, selfSignedCertificate } from './tls/self-signed.js';

export type EmulatorName = 'github' | 'softlayer' | 'tenable' | 'nessus' | 'inventory' | 'network';

export const EMULATOR_NAMES: readonly EmulatorName[] = [
  'github',
  'softlayer',
  'tenable',
  'nessus',
  'inventory',
  'network',
];

export interface SandboxOptions {
  /** Milliseconds added to every emulated call. */
  latencyMs?: number;
  /** Share (0..1) of emulated calls that fail the way the real API fails. */
  faultRate?: number;
  seed?: number;
  /** Where the config file goes; default a fresh temporary directory, removed on close. */
  workDir?: string;
  /**
   * Serve Tenable.sc and the Nessus scanners over HTTPS with self-signed certificates made for
   * 127.0.0.1 at start, as they ship: the config file pins the scanners' certificate
   * (`scanners.<name>.tls.fingerprint256`) and gives Tenable.sc's as a CA file (`tls.tenable.caFile`).
   */
  tls?: boolean;
  /** Tenable.sc lists "All Defined Ranges" even when asked not to (tests of the bot's guard). */
  tenableIgnoresExcludeAllDefined?: boolean;
  /** What a silent host's ping and TCP 22 cost in the simulated network (default: nothing). */
  probeSilentWaitMs?: { pingMs: number; tcp22Ms: number };
}

export interface SandboxEmulators extends Record<EmulatorName, RunningEmulator> {
  github: GithubEmulator;
  softlayer: Awaited<ReturnType<typeof startSoftLayerEmulator>>;
  tenable: Awaited<ReturnType<typeof startTenableEmulator>>;
  nessus: NessusEmulator;
  inventory: InventoryEmulator;
  network: NetworkEmulator;
}

export interface Sandbox {
  /** Variables that point the bot at the emulators (all integrations but Slack). */
  env: Record<string, string>;
  /** The certificates served when started with `tls` (PEM and fingerprint), for tests. */
  certificates: { tenable: SelfSignedCertificate; nessus: SelfSignedCertificate } | null;
  /** Keys of a Tenable.sc administrator (a fault to inject: the bot needs an organisation user). */
  tenableAdministratorKeys: { accessKey: string; secretKey: string };
  emulators: SandboxEmulators;
  scenario: Scenario;
  /** The NESSUS_GAP_CONFIG file written for this run. */
  configPath: string;
  /** Calls served so far by each emulator. */
  calls(): Record<EmulatorName, number>;
  close(): Promise<void>;
}

export const SANDBOX_CONFIG_FILE = 'nessus-gap.sandbox.json';

export async function startSandbox(scenario: Scenario, options: SandboxOptions = {}): Promise<Sandbox> {
  const credentials = newCredentials(scannerNames(scenario), Object.keys(scenario.softlayer.accounts ?? {}));
  const seed = options.seed ?? 42;
  // Each emulator gets its own seed so faults do not strike every system on the same call.
  const common = (offset: number) => ({
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    seed: seed + offset,
  });

  const started: RunningEmulator[] = [];
  const track = async <T extends RunningEmulator>(starting: Promise<T>): Promise<T> => {
    const emulator = await starting;
    started.push(emulator);
    return emulator;
  };
  const certificates = options.tls
    ? { tenable: selfSignedCertificate(), nessus: selfSignedCertificate() }
    : null;
  const tlsOf = (cert: SelfSignedCertificate | undefined) =>
    cert ? { tls: { key: cert.key, cert: cert.cert } } : {};
  const createdWorkDir = options.workDir === undefined;
  let workDir: string | undefined = options.workDir;
  try {
    const [github, softlayer, tenable, nessus, inventory, network] = await Promise.all([
      track(startGithubEmulator(scenario.github, { ...common(0), token: credentials.githubToken })),
      track(
        startSoftLayerEmulator(scenario.softlayer, {
          ...common(1),
          credentials: { username: credentials.softlayerUsername, apiKey: credentials.softlayerApiKey },
          accountCredentials: credentials.softlayerAccounts,
        }),
      ),
      track(
        startTenableEmulator(scenario.tenable, {
          ...common(2),
          accessKey: credentials.tenableAccessKey,
          secretKey: credentials.tenableSecretKey,
          administrator: credentials.tenableAdministrator,
          ignoreExcludeAllDefined: options.tenableIgnoresExcludeAllDefined === true,
          ...tlsOf(certificates?.tenable),
        }),
      ),
      track(
        startNessusEmulator(scenario.nessus, {
          ...common(3),
          keys: credentials.scanners,
          ...tlsOf(certificates?.nessus),
        }),
      ),
      track(startInventoryEmulator(scenario.inventory, { ...common(4), token: credentials.inventoryToken })),
      track(
        startNetworkEmulator(scenario.network, {
          ...common(5),
          ...(options.probeSilentWaitMs ? { silentWaitMs: options.probeSilentWaitMs } : {}),
        }),
      ),
    ]);
    const emulators: SandboxEmulators = { github, softlayer, tenable, nessus, inventory, network };

    workDir ??= await mkdtemp(join(tmpdir(), 'nessus-gap-sandbox-'));
    const configPath = join(workDir, SANDBOX_CONFIG_FILE);
    let tenableCaFile: string | null = null;
    if (certificates) {
      tenableCaFile = join(workDir, 'tenable-ca.pem');
      await writeFile(tenableCaFile, certificates.tenable.cert, { mode: 0o644 });
    }
    const config = botConfig(scenario, emulators, credentials, {
      tenableCaFile,
      nessusFingerprint: certificates?.nessus.fingerprint256 ?? null,
    });
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });

    const env: Record<string, string> = {
      GITHUB_API_URL: `${github.url}/api/v3`,
      GITHUB_TOKEN: credentials.githubToken,
      GAP_ISSUES_REPO: scenario.github.gapRepo,
      DECOM_TICKETS_REPO: scenario.github.decomRepo,
      SOFTLAYER_API_URL: `${softlayer.url}/rest/v3.1/`,
      SOFTLAYER_USERNAME: credentials.softlayerUsername,
      SOFTLAYER_API_KEY: credentials.softlayerApiKey,
      TENABLE_SC_URL: tenable.url,
      TENABLE_SC_ACCESS_KEY: credentials.tenableAccessKey,
      TENABLE_SC_SECRET_KEY: credentials.tenableSecretKey,
      INVENTORY_API_URL: inventory.url,
      INVENTORY_API_TOKEN: credentials.inventoryToken,
      ...softlayerAccountEnv(credentials.softlayerAccounts),
      NESSUS_GAP_CONFIG: configPath,
    };

    let closed: Promise<void> | undefined;
    const directory = workDir;
    return {
      env,
      certificates,
      tenableAdministratorKeys: credentials.tenableAdministrator,
      emulators,
      scenario,
      configPath,
      calls: () =>
        Object.fromEntries(EMULATOR_NAMES.map((name) => [name, emulators[name].calls.length])) as Record<
          EmulatorName,
          number
        >,
      close: () => {
        closed ??= (async () => {
          await Promise.all(started.map((emulator) => emulator.close()));
          if (createdWorkDir) await rm(directory, { recursive: true, force: true });
        })();
        return closed;
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((emulator) => emulator.close()));
    if (createdWorkDir && workDir !== undefined) await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

interface Credentials {
  githubToken: string;
  softlayerUsername: string;
  softlayerApiKey: string;
  /** Further SoftLayer accounts by their scenario name. */
  softlayerAccounts: Record<string, { username: string; apiKey: string }>;
  tenableAccessKey: string;
  tenableSecretKey: string;
  tenableAdministrator: { accessKey: string; secretKey: string };
  inventoryToken: string;
  scanners: Record<string, ScannerKeys>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A classic infrastructure user name (`SL` and a number, as SoftLayer gives API users). */
const softlayerUser = () => `SL${100000 + randomBytes(3).readUIntBE(0, 3)}`;

function newCredentials(scanners: string[], softlayerAccounts: string[]): Credentials {
  const users = new Set<string>();
  // Each account's user must differ: the emulator tells accounts apart by user name.
  const uniqueUser = (): string => {
    let user = softlayerUser();
    while (users.has(user)) user = softlayerUser();
    users.add(user);
    return user;
  };
  return {
    githubToken: `ghp_${hex(18)}`,
    softlayerUsername: uniqueUser(),
    softlayerApiKey: hex(32),
    softlayerAccounts: Object.fromEntries(
      softlayerAccounts.map((name) => [name, { username: uniqueUser(), apiKey: hex(32) }]),
    ),
    tenableAccessKey: hex(16),
    tenableSecretKey: hex(16),
    tenableAdministrator: { accessKey: hex(16), secretKey: hex(16) },
    inventoryToken: hex(24),
    scanners: Object.fromEntries(scanners.map((name) => [name, { accessKey: hex(32), secretKey: hex(32) }])),
  };
}

/** Scanners the scenario names: its Nessus section and its environments table. */
export function scannerNames(scenario: Scenario): string[] {
  const names = new Set(Object.keys(scenario.nessus));
  for (const scanners of Object.values(scenario.environments ?? {})) {
    for (const name of Array.isArray(scanners) ? scanners : [scanners]) names.add(name);
  }
  return [...names];
}

/** The NESSUS_GAP_CONFIG content (names as src/config reads them). */
function botConfig(
  scenario: Scenario,
  emulators: SandboxEmulators,
  credentials: Credentials,
  trust: { tenableCaFile: string | null; nessusFingerprint: string | null },
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (scenario.environments) config.environments = scenario.environments;
  config.scanners = Object.fromEntries(
    Object.entries(credentials.scanners).map(([name, keys]) => [
      name,
      {
        url: emulators.nessus.scannerUrl(name),
        accessKey: keys.accessKey,
        secretKey: keys.secretKey,
        ...(trust.nessusFingerprint ? { tls: { fingerprint256: trust.nessusFingerprint } } : {}),
      },
    ]),
  );
  if (trust.tenableCaFile) config.tls = { tenable: { caFile: trust.tenableCaFile } };
  config.probe = { mode: 'simulated', simulatedUrl: emulators.network.url, allowedCidrs: [] };
  const accounts = Object.keys(scenario.softlayer.accounts ?? {});
  if (scenario.softlayer.name !== undefined || accounts.length > 0) {
    config.softlayer = {
      name: scenario.softlayer.name ?? DEFAULT_SOFTLAYER_ACCOUNT,
      ...(accounts.length > 0 ? { accounts: Object.fromEntries(accounts.map((name) => [name, {}])) } : {}),
    };
  }
  return config;
}

/**
 * SOFTLAYER_<NAME>_USERNAME and SOFTLAYER_<NAME>_API_KEY of each further account, NAME in upper case:
 * where the bot's configuration reads a further account's credentials.
 */
function softlayerAccountEnv(accounts: Credentials['softlayerAccounts']): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, pair] of Object.entries(accounts)) {
    env[`SOFTLAYER_${name.toUpperCase()}_USERNAME`] = pair.username;
    env[`SOFTLAYER_${name.toUpperCase()}_API_KEY`] = pair.apiKey;
  }
  return env;
}
