/**
 * loadConfig: the environment (and the optional NESSUS_GAP_CONFIG file) parsed once into a typed,
 * deeply frozen Config. Every problem is collected first and thrown together as one ConfigError,
 * one line each, so a person fixes them all in one go.
 */

import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { redactSecrets } from '../logger.js';
import { resolveLinks } from '../runbook/links.js';
import { deepFreeze } from './deep-freeze.js';
import { CONFIG_DEFAULTS, DEFAULT_ENVIRONMENT_SCANNERS } from './defaults.js';
import { type EnvValues, parseEnv } from './env-schema.js';
import type { ConfigFile } from './file-schema.js';
import { type ReadFile, readConfigFile } from './read-config-file.js';
import { missingVariables } from './requirements.js';
import { type SoftLayerAccounts, softLayerAccounts } from './softlayer-accounts.js';
import { buildTls, type TlsSettings } from './tls.js';
import type {
  Config,
  ConfigMode,
  DatabaseConfig,
  InvestigateConfig,
  ScannerConfig,
  ServeConfig,
} from './types.js';

export interface LoadConfigOptions {
  /** What the configuration is for (default `cli`: nothing required, whatever is set is checked). */
  mode?: ConfigMode;
  /** Reads NESSUS_GAP_CONFIG (default: the file system, UTF-8). */
  readFile?: ReadFile;
}

export function loadConfig(env?: NodeJS.ProcessEnv, options?: LoadConfigOptions & { mode?: 'cli' }): Config;
export function loadConfig(
  env: NodeJS.ProcessEnv,
  options: LoadConfigOptions & { mode: 'investigate' },
): InvestigateConfig;
export function loadConfig(
  env: NodeJS.ProcessEnv,
  options: LoadConfigOptions & { mode: 'serve' },
): ServeConfig;
export function loadConfig(env?: NodeJS.ProcessEnv, options?: LoadConfigOptions): Config;
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const mode = options.mode ?? 'cli';
  const parsed = parseEnv(env);
  const problems = [...parsed.problems, ...missingVariables(mode, parsed)];
  const { PORT, METRICS_PORT } = parsed.values;
  if (METRICS_PORT !== undefined && METRICS_PORT !== 0 && METRICS_PORT === (PORT ?? CONFIG_DEFAULTS.port)) {
    problems.push(
      'METRICS_PORT is the same as PORT: give /metrics a port of its own, or unset METRICS_PORT to serve it on PORT.',
    );
  }
  let file: ConfigFile | null = null;
  const configFile = parsed.values.NESSUS_GAP_CONFIG ?? null;
  if (configFile !== null) {
    const result = readConfigFile(configFile, options.readFile ?? readUtf8);
    problems.push(...result.problems);
    file = result.file;
  }
  const accounts = softLayerAccounts(mode, env, parsed.values, file ?? {});
  problems.push(...accounts.problems);
  const tls = buildTls(file ?? {}, options.readFile ?? readUtf8, parsed.values.NODE_ENV === 'production');
  problems.push(...tls.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return buildConfig(mode, parsed.values, configFile, file ?? {}, accounts, tls);
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

function buildConfig(
  mode: ConfigMode,
  v: EnvValues,
  configFile: string | null,
  file: ConfigFile,
  accounts: SoftLayerAccounts,
  tls: TlsSettings,
): Config {
  const database: DatabaseConfig = v.DATABASE_URL ?? {
    kind: 'sqlite',
    url: CONFIG_DEFAULTS.databaseUrl,
    path: CONFIG_DEFAULTS.databaseUrl.slice('sqlite:'.length),
  };
  const scanners = buildScanners(file, tls);
  const secrets = [...new Set([...collectSecrets(v, database, scanners), ...accounts.secrets])];
  const config: Config = {
    mode,
    logLevel: v.LOG_LEVEL ?? CONFIG_DEFAULTS.logLevel,
    port: v.PORT ?? CONFIG_DEFAULTS.port,
    listenHost: v.LISTEN_HOST ?? CONFIG_DEFAULTS.listenHost,
    metricsPort: v.METRICS_PORT ?? null,
    slack: {
      apiUrl: v.SLACK_API_URL ?? CONFIG_DEFAULTS.slackApiUrl,
      botToken: v.SLACK_BOT_TOKEN ?? null,
      signingSecret: v.SLACK_SIGNING_SECRET ?? null,
      appToken: v.SLACK_APP_TOKEN ?? null,
      socketMode: v.SLACK_APP_TOKEN !== undefined,
      authorizedUsers: v.AUTHORIZED_USERS ?? [],
      authorizedUsergroups: v.AUTHORIZED_USERGROUPS ?? [],
      alertChannels: v.ALERT_CHANNELS ?? [],
    },
    database,
    acceptEmptyStore: v.ACCEPT_EMPTY_STORE ?? false,
    github:
      v.GITHUB_API_URL && v.GITHUB_TOKEN && v.GAP_ISSUES_REPO && v.DECOM_TICKETS_REPO
        ? {
            apiUrl: v.GITHUB_API_URL,
            token: v.GITHUB_TOKEN,
            gapIssuesRepo: v.GAP_ISSUES_REPO,
            decomTicketsRepo: v.DECOM_TICKETS_REPO,
          }
        : null,
    softlayer: accounts.config,
    tenable:
      v.TENABLE_SC_URL && v.TENABLE_SC_ACCESS_KEY && v.TENABLE_SC_SECRET_KEY
        ? { url: v.TENABLE_SC_URL, accessKey: v.TENABLE_SC_ACCESS_KEY, secretKey: v.TENABLE_SC_SECRET_KEY }
        : null,
    inventory:
      v.INVENTORY_API_URL && v.INVENTORY_API_TOKEN
        ? { apiUrl: v.INVENTORY_API_URL, token: v.INVENTORY_API_TOKEN }
        : null,
    tls: tls.systems,
    configFile,
    environments: buildEnvironments(file),
    datacenters: Object.fromEntries(
      Object.entries(file.datacenters ?? {}).map(([dc, environment]) => [
        dc.toLowerCase(),
        environment.toUpperCase(),
      ]),
    ),
    scanners,
    probe: {
      mode: file.probe?.mode ?? CONFIG_DEFAULTS.probe.mode,
      simulatedUrl: file.probe?.simulatedUrl ?? null,
      allowedCidrs: (file.probe?.allowedCidrs ?? []).map((entry) => entry.trim()),
      concurrency: file.probe?.concurrency ?? CONFIG_DEFAULTS.probe.concurrency,
      timeoutMs: file.probe?.timeoutMs ?? CONFIG_DEFAULTS.probe.timeoutMs,
      batchSize: file.probe?.batchSize ?? CONFIG_DEFAULTS.probe.batchSize,
      batchesPerScanner: file.probe?.batchesPerScanner ?? CONFIG_DEFAULTS.probe.batchesPerScanner,
      scannerParallelism: file.probe?.scannerParallelism ?? CONFIG_DEFAULTS.probe.scannerParallelism,
    },
    links: resolveLinks(file.links ?? {}),
    alert: { ...CONFIG_DEFAULTS.alert, ...file.alert },
    schedule: { ...CONFIG_DEFAULTS.schedule, healthChannel: null, digestChannel: null, ...file.schedule },
    http: { ...CONFIG_DEFAULTS.http, ...file.http },
    decommission: { ...CONFIG_DEFAULTS.decommission, ...file.decommission },
    secrets: () => [...secrets],
  };
  // JSON.stringify (and so pino) shows the configuration with its secrets replaced.
  Object.defineProperty(config, 'toJSON', {
    value: () => JSON.parse(redactSecrets(JSON.stringify({ ...config }), secrets)),
  });
  return deepFreeze(config);
}

/** The runbook's table, overridden key by key by the file; names are upper case, values always lists. */
function buildEnvironments(file: ConfigFile): Record<string, readonly string[]> {
  const environments: Record<string, readonly string[]> = { ...DEFAULT_ENVIRONMENT_SCANNERS };
  for (const [name, scanners] of Object.entries(file.environments ?? {})) {
    environments[name.toUpperCase()] = [...scanners];
  }
  return environments;
}

function buildScanners(file: ConfigFile, tls: TlsSettings): Record<string, ScannerConfig> {
  const scanners: Record<string, ScannerConfig> = {};
  for (const [name, s] of Object.entries(file.scanners ?? {})) {
    scanners[name] = {
      url: s.url,
      accessKey: s.accessKey ?? null,
      secretKey: s.secretKey ?? null,
      // URL keeps IPv6 literals in brackets; an ssh client wants the bare address.
      sshHost: s.sshHost ?? new URL(s.url).hostname.replace(/^\[(.*)\]$/, '$1'),
      sshPort: s.sshPort ?? CONFIG_DEFAULTS.sshPort,
      sshUser: s.sshUser ?? null,
      sshPrivateKeyPath: s.sshPrivateKeyPath ?? null,
      sshHostKey: s.sshHostKey ?? null,
      tls: tls.scanner(name),
    };
  }
  return scanners;
}

function collectSecrets(
  v: EnvValues,
  database: DatabaseConfig,
  scanners: Record<string, ScannerConfig>,
): string[] {
  const values = [
    v.SLACK_BOT_TOKEN,
    v.SLACK_SIGNING_SECRET,
    v.SLACK_APP_TOKEN,
    v.GITHUB_TOKEN,
    v.SOFTLAYER_API_KEY,
    v.TENABLE_SC_ACCESS_KEY,
    v.TENABLE_SC_SECRET_KEY,
    v.INVENTORY_API_TOKEN,
    database.kind === 'postgres' ? databasePassword(database.url) : undefined,
    ...Object.values(scanners).flatMap((s) => [s.accessKey, s.secretKey]),
  ];
  return [...new Set(values.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

function databasePassword(url: string): string | undefined {
  const password = new URL(url).password;
  if (password === '') return undefined;
  try {
    return decodeURIComponent(password);
  } catch {
    return password;
  }
}
