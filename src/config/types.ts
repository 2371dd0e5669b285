import type { LinkSettings } from '../runbook/links.js';

/**
 * The typed configuration of the bot (docs/contract.md section 5 plus the optional NESSUS_GAP_CONFIG file).
 * Every object is frozen; a section that is `null` is not configured (in the `cli` mode nothing is
 * required, so every integration may be missing).
 */

/** What the configuration is for: `serve` needs Slack and the integrations, `investigate` the integrations. */
export type ConfigMode = 'serve' | 'investigate' | 'cli';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SlackConfig {
  /** Web API base URL, as given (the default ends with a slash: `https://slack.com/api/`). */
  readonly apiUrl: string;
  readonly botToken: string | null;
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  /** True when SLACK_APP_TOKEN is set. */
  readonly socketMode: boolean;
  /** Slack user ids (U… / W…) allowed to press action buttons. */
  readonly authorizedUsers: readonly string[];
  /** Slack user group ids (S…) whose members may press action buttons. */
  readonly authorizedUsergroups: readonly string[];
  /** Channel ids (C… / G…) watched for gap alerts; empty means every channel the bot is in. */
  readonly alertChannels: readonly string[];
}

/** The Slack settings once `serve` has checked them: a bot token and a way to receive events. */
export interface ServeSlackConfig extends SlackConfig {
  readonly botToken: string;
}

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly url: string; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface GithubConfig {
  readonly apiUrl: string;
  readonly token: string;
  /** `owner/name` of the repository that holds the gap issues. */
  readonly gapIssuesRepo: string;
  /** `owner/name` of the repository that holds the decommission tickets. */
  readonly decomTicketsRepo: string;
}

/** One IBM Cloud classic infrastructure account the bot looks in. */
export interface SoftLayerAccountConfig {
  /** What findings call the account (`ALC`, `ALC_FR2`): the operator's name for it. */
  readonly name: string;
  readonly apiUrl: string;
  readonly username: string;
  readonly apiKey: string;
}

/**
 * Every account the bot looks in, the one of the SOFTLAYER_* variables first. The runbook asks
 * "Does the machine exist in our accounts?": a machine is ours when any of them holds it.
 */
export interface SoftLayerConfig {
  readonly accounts: readonly SoftLayerAccountConfig[];
}

export interface TenableConfig {
  readonly url: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

/** The inventory API (docs/contract.md section 7); `null` in Config means guided manual mode. */
export interface InventoryConfig {
  readonly apiUrl: string;
  readonly token: string;
}

/**
 * Which certificates a system may present (docs/tls-and-real-servers.md). With neither `ca` nor
 * `fingerprint256`, the platform's CAs decide; `insecure` turns verification off (a warning at every start).
 */
export interface TlsConfig {
  /** The CA file as configured, and its PEM text (read and checked when the configuration loads). */
  readonly caFile: string | null;
  readonly ca: string | null;
  /** `AB:CD:…`: the one certificate accepted. */
  readonly fingerprint256: string | null;
  readonly insecure: boolean;
}

export type TlsSystemName = 'github' | 'softlayer' | 'tenable' | 'inventory';

export interface ScannerConfig {
  /** Nessus API base, e.g. `https://host:8834`. */
  readonly url: string;
  readonly accessKey: string | null;
  readonly secretKey: string | null;
  /** Where the ssh probe connects: sshHost (default: the host of `url`) and sshPort (default 22). */
  readonly sshHost: string;
  readonly sshPort: number;
  readonly sshUser: string | null;
  readonly sshPrivateKeyPath: string | null;
  /** Pinned host key fingerprint, `SHA256:<base64>` as `ssh-keygen -lf` prints it. */
  readonly sshHostKey: string | null;
  /** Trust for the scanner's HTTPS certificate (`scanners.<name>.tls`). */
  readonly tls: TlsConfig;
}

export type ProbeMode = 'simulated' | 'local' | 'ssh';

export interface ProbeConfig {
  readonly mode: ProbeMode;
  /** The simulated network's endpoint (the sandbox); set exactly when mode is `simulated`. */
  readonly simulatedUrl: string | null;
  /** Extra ranges the bot may probe besides the account's own (CIDRs, ranges or single IPs). */
  readonly allowedCidrs: readonly string[];
  /** Probe batches in flight at once, all scanners together. */
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** IPs sent to a scanner in one batch (one remote command over SSH). */
  readonly batchSize: number;
  /** Batches in flight on one scanner at once (SSH: sessions of its one connection). */
  readonly batchesPerScanner: number;
  /** IPs of one batch probed at once on the scanner (xargs -P). */
  readonly scannerParallelism: number;
}

export interface AlertConfig {
  /** Regular expression source that marks a Slack post as a gap alert. */
  readonly pattern: string;
  /** Regular expression source that a gap issue's title matches. */
  readonly issueTitlePattern: string;
}

export interface ScheduleConfig {
  readonly recheck: string;
  readonly reminder: string;
  readonly scannerHealth: string;
  /** The weekly digest's cron. */
  readonly digest: string;
  readonly timezone: string;
  /** Channel id for scanner health reports; null: no health posts. */
  readonly healthChannel: string | null;
  /** Channel id for the weekly digest; null: no digest. */
  readonly digestChannel: string | null;
}

export interface DecommissionConfig {
  /** A closed decommission ticket still counts as a record for this many days after it was closed. */
  readonly windowDays: number;
}

export interface HttpConfig {
  readonly timeoutMs: number;
  readonly retries: number;
  /** Space GitHub writes as github.com asks (1 s, 3 s for comments); off by default: GHES has no limits unless its admin sets them. */
  readonly paceGithubWrites: boolean;
}

export interface Config {
  readonly mode: ConfigMode;
  readonly logLevel: LogLevel;
  /** HTTP port: `POST /slack/events` and `GET /healthz`. */
  readonly port: number;
  /** The address the HTTP server listens on (LISTEN_HOST, default every address: 0.0.0.0). */
  readonly listenHost: string;
  /** A port of its own for `GET /metrics` (METRICS_PORT); null: metrics on `port`. */
  readonly metricsPort: number | null;
  readonly slack: SlackConfig;
  readonly database: DatabaseConfig;
  /**
   * ACCEPT_EMPTY_STORE: start on an empty store although the bot's comments are on the gap issues
   * (the store was lost and cannot be restored). Off: such a start is refused.
   */
  readonly acceptEmptyStore: boolean;
  readonly github: GithubConfig | null;
  readonly softlayer: SoftLayerConfig | null;
  readonly tenable: TenableConfig | null;
  readonly inventory: InventoryConfig | null;
  /** Trust for each system's certificate (`tls.<system>`); Nessus scanners have theirs in `scanners`. */
  readonly tls: Readonly<Record<TlsSystemName, TlsConfig>>;
  /** The NESSUS_GAP_CONFIG path as given, or null. */
  readonly configFile: string | null;
  /** Environment name (upper case) -> its scanners, in order of preference. */
  readonly environments: Readonly<Record<string, readonly string[]>>;
  /** Datacenter (lower case, e.g. `dal10`) -> environment name (upper case). */
  readonly datacenters: Readonly<Record<string, string>>;
  readonly scanners: Readonly<Record<string, ScannerConfig>>;
  readonly probe: ProbeConfig;
  /** Link base URLs: the runbook's defaults with the file's overrides on top. */
  readonly links: Readonly<LinkSettings>;
  readonly alert: AlertConfig;
  readonly schedule: ScheduleConfig;
  readonly http: HttpConfig;
  readonly decommission: DecommissionConfig;
  /** Every configured secret value, for log and message redaction. */
  secrets(): string[];
}

/** What `investigate` can rely on after loadConfig checked it. */
export interface InvestigateConfig extends Config {
  readonly github: GithubConfig;
  readonly softlayer: SoftLayerConfig;
  readonly tenable: TenableConfig;
}

/** What `serve` can rely on after loadConfig checked it. */
export interface ServeConfig extends InvestigateConfig {
  readonly slack: ServeSlackConfig;
}
