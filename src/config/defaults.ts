/**
 * Defaults of the configuration. The environment -> scanner table is the runbook's
 * ("Other Uncontactable machines"); NESSUS_GAP_CONFIG overrides it key by key.
 */

export const DEFAULT_ENVIRONMENT_SCANNERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'PROD-AP-NORTH': Object.freeze(['prod-dal09-infra-nessus-01']),
  'PROD-US-SOUTH': Object.freeze(['prod-dal09-infra-nessus-01']),
  STAGE: Object.freeze(['stage-dal09-infra-nessus-01']),
  FOUNDATION: Object.freeze(['sup-wdc04-infra-nessus-01']),
  'PROD-AP-SOUTH': Object.freeze(['prod-dal09-infra-nessus-01']),
  'PROD-US-EAST': Object.freeze(['prod-dal09-infra-nessus-01']),
  'DEV-PRESTAGE': Object.freeze(['dev-mon01-infra-nessus-01', 'prestage-mon01-infra-nessus-01']),
  'PROD-EU-CENTRAL': Object.freeze(['prod-lon02-infra-nessus-01']),
  'PROD-UK-SOUTH': Object.freeze(['prod-lon02-infra-nessus-01']),
});

export const CONFIG_DEFAULTS = Object.freeze({
  slackApiUrl: 'https://slack.com/api/',
  port: 3000,
  databaseUrl: 'sqlite:./data/nessus-gap.db',
  softlayerApiUrl: 'https://api.softlayer.com/rest/v3.1/',
  logLevel: 'info',
  probe: Object.freeze({ mode: 'local', concurrency: 32, timeoutMs: 3000 }),
  alert: Object.freeze({ pattern: 'GAP ALERT', issueTitlePattern: 'GAP ALERT' }),
  schedule: Object.freeze({
    recheck: '0 * * * *',
    reminder: '0 9 * * 1-5',
    scannerHealth: '*/15 * * * *',
    timezone: 'UTC',
  }),
  http: Object.freeze({ timeoutMs: 10000, retries: 3, paceGithubWrites: false }),
  sshPort: 22,
} as const);
