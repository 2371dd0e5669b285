import { DEFAULT_SCANNER_PARALLELISM } from '../integrations/probe/probe-commands.js';
import { DEFAULT_DECOMMISSION_WINDOW_DAYS } from '../runbook/decommission-record.js';
import { DEFAULT_ENVIRONMENT_SCANNERS as RUNBOOK_ENVIRONMENT_SCANNERS } from '../runbook/scanner-map.js';

/**
 * Defaults of the configuration. The environment -> scanner table is the runbook's
 * ("Other Uncontactable machines"); NESSUS_GAP_CONFIG overrides it key by key.
 */

/** The runbook's table, as lists (the config always holds a list of scanners per environment). */
export const DEFAULT_ENVIRONMENT_SCANNERS: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    Object.entries(RUNBOOK_ENVIRONMENT_SCANNERS).map(([env, scanners]) => [
      env,
      Object.freeze(typeof scanners === 'string' ? [scanners] : [...scanners]),
    ]),
  ),
);

export const CONFIG_DEFAULTS = Object.freeze({
  slackApiUrl: 'https://slack.com/api/',
  port: 3000,
  listenHost: '0.0.0.0',
  databaseUrl: 'sqlite:./data/nessus-gap.db',
  softlayerApiUrl: 'https://api.softlayer.com/rest/v3.1/',
  logLevel: 'info',
  probe: Object.freeze({
    mode: 'local',
    concurrency: 32,
    timeoutMs: 3000,
    batchSize: 160,
    batchesPerScanner: 4,
    scannerParallelism: DEFAULT_SCANNER_PARALLELISM,
  }),
  alert: Object.freeze({ pattern: 'GAP ALERT', issueTitlePattern: 'GAP ALERT' }),
  schedule: Object.freeze({
    recheck: '0 * * * *',
    reminder: '0 9 * * 1-5',
    scannerHealth: '*/15 * * * *',
    digest: '0 8 * * 1',
    timezone: 'UTC',
  }),
  http: Object.freeze({ timeoutMs: 10000, retries: 3, paceGithubWrites: false }),
  sshPort: 22,
  decommission: Object.freeze({ windowDays: DEFAULT_DECOMMISSION_WINDOW_DAYS }),
} as const);
