/**
 * The NESSUS_GAP_CONFIG file (YAML or JSON). Objects are strict so a misspelt key is an error rather
 * than a setting silently ignored. Secrets (the bot's tokens) stay in the environment; the file may
 * hold the Nessus scanners' API keys.
 */
import { validateDetailed } from 'node-cron';
import { z } from 'zod';
import { errorMessage } from '../errors.js';
import { normalizeFingerprint256 } from '../integrations/http/tls-trust.js';
import { parsePinnedFingerprint } from '../integrations/probe/host-key-fingerprint.js';
import { MAX_BATCH_IPS, MAX_SCANNER_PARALLELISM } from '../integrations/probe/probe-commands.js';
import { parseIpRange } from '../runbook/ip.js';
import { DEFAULT_LINKS } from '../runbook/links.js';
import { hasUrlCredentials, isHttpUrl, URL_CREDENTIALS_MESSAGE } from './env-schema.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const scannerName = z.string().regex(NAME, 'not a scanner name (letters, digits, ".", "_" and "-")');
const environmentName = z.string().regex(NAME, 'not an environment name such as PROD-US-SOUTH');
const datacenterName = z.string().regex(/^[A-Za-z]+\d+$/, 'not a datacenter name such as dal10');
const slackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'not a Slack channel id (C… or G…)');

const httpUrl = z
  .string()
  .refine(isHttpUrl, 'Invalid URL')
  .refine((value) => !hasUrlCredentials(value), URL_CREDENTIALS_MESSAGE);

// YAML reads an unquoted all-digit key as a number, and a long one loses digits: ask for quotes.
const fileSecret = z
  .string({ error: 'expected a string: put the key in quotes' })
  .regex(/^\S+$/, 'must be one word, without spaces or line breaks');

const cron = z.string().superRefine((expression, ctx) => {
  const result = validateDetailed(expression);
  if (!result.valid) {
    const why = result.errors.map((e) => e.message).join('; ');
    ctx.addIssue({ code: 'custom', message: `not a cron expression (${why})` });
  }
});

const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone such as UTC or Europe/London');

const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a regular expression (${errorMessage(error)})` });
    }
  });

const positiveInt = (max: number) => z.number().int().min(1).max(max);

/**
 * Trust for one system's certificate (docs/tls-and-real-servers.md): a CA file added to the platform's CAs,
 * or one pinned certificate, or (explicitly) no verification. One of the three at most.
 */
const tlsSchema = z
  .strictObject({
    caFile: z.string().trim().min(1, 'expected the path of a PEM file').optional(),
    fingerprint256: z
      .string()
      .refine(
        (value) => normalizeFingerprint256(value) !== null,
        'expected a SHA-256 certificate fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it (64 hex digits, colons optional)',
      )
      .transform((value) => normalizeFingerprint256(value) ?? value)
      .optional(),
    insecure: z.boolean().optional(),
  })
  .superRefine((tls, ctx) => {
    const set = (['caFile', 'fingerprint256', 'insecure'] as const).filter(
      (key) => tls[key] !== undefined && tls[key] !== false,
    );
    if (set.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `set only one of caFile, fingerprint256 and insecure (got ${set.join(' and ')})`,
      });
    }
  });

export type TlsFileSettings = z.output<typeof tlsSchema>;

/** The outside systems whose trust the file may set (Nessus scanners have theirs under `scanners`). */
export const TLS_SYSTEMS = ['github', 'softlayer', 'tenable', 'inventory'] as const;
export type TlsSystem = (typeof TLS_SYSTEMS)[number];

const scannerSchema = z
  .strictObject({
    url: httpUrl,
    accessKey: fileSecret.optional(),
    secretKey: fileSecret.optional(),
    sshHost: z.string().min(1).optional(),
    sshPort: z.number().int().min(1).max(65535).optional(),
    sshUser: z.string().min(1).optional(),
    sshPrivateKeyPath: z.string().min(1).optional(),
    sshHostKey: z
      .string()
      .refine(
        (pinned) => parsePinnedFingerprint(pinned) !== null,
        'expected a SHA-256 fingerprint as `ssh-keygen -lf` prints it (SHA256:…) or 64 hex digits',
      )
      .optional(),
    tls: tlsSchema.optional(),
  })
  .superRefine((scanner, ctx) => {
    if ((scanner.accessKey === undefined) !== (scanner.secretKey === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [scanner.accessKey === undefined ? 'accessKey' : 'secretKey'],
        message: 'set accessKey and secretKey together (Nessus: Settings > My Account > API Keys)',
      });
    }
  });

/** An account name becomes part of its variables' names (SOFTLAYER_<NAME>_API_KEY). */
const accountName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'not an account name (a letter, then letters, digits and "_", e.g. ALC_FR2)',
  );

const softlayerSchema = z
  .strictObject({
    name: accountName.optional(),
    accounts: z.record(accountName, z.strictObject({ apiUrl: httpUrl.optional() })).optional(),
  })
  .superRefine((softlayer, ctx) => {
    const primary = (softlayer.name ?? 'ALC').toUpperCase();
    const seen = new Set([primary]);
    for (const name of Object.keys(softlayer.accounts ?? {})) {
      if (seen.has(name.toUpperCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', name],
          message: `account ${name} is named twice (account names are compared in upper case, and ${primary} is the account of SOFTLAYER_USERNAME)`,
        });
      }
      seen.add(name.toUpperCase());
    }
  });

const probeSchema = z.strictObject({
  mode: z.enum(['simulated', 'local', 'ssh']).optional(),
  simulatedUrl: httpUrl.optional(),
  allowedCidrs: z
    .array(
      z
        .string()
        .refine(
          (entry) => parseIpRange(entry) !== null,
          'not an IPv4 CIDR, range or address (e.g. 10.0.0.0/8)',
        ),
    )
    .optional(),
  concurrency: positiveInt(1024).optional(),
  timeoutMs: positiveInt(600_000).optional(),
  batchSize: positiveInt(MAX_BATCH_IPS).optional(),
  batchesPerScanner: positiveInt(16).optional(),
  scannerParallelism: positiveInt(MAX_SCANNER_PARALLELISM).optional(),
});

export const configFileSchema = z
  .strictObject({
    environments: z
      .record(
        environmentName,
        z.preprocess(
          (value) => (typeof value === 'string' ? [value] : value),
          z.array(scannerName, { error: 'expected a scanner name or a list of scanner names' }),
        ),
      )
      .optional(),
    datacenters: z.record(datacenterName, environmentName).optional(),
    scanners: z.record(scannerName, scannerSchema).optional(),
    softlayer: softlayerSchema.optional(),
    decommission: z.strictObject({ windowDays: positiveInt(3650).optional() }).optional(),
    tls: z
      .strictObject(
        Object.fromEntries(TLS_SYSTEMS.map((name) => [name, tlsSchema.optional()])) as {
          [K in TlsSystem]: z.ZodOptional<typeof tlsSchema>;
        },
      )
      .optional(),
    probe: probeSchema.optional(),
    links: z
      .object(Object.fromEntries(Object.keys(DEFAULT_LINKS).map((key) => [key, httpUrl.optional()])))
      .strict()
      .optional(),
    alert: z
      .strictObject({ pattern: regexSource.optional(), issueTitlePattern: regexSource.optional() })
      .optional(),
    schedule: z
      .strictObject({
        recheck: cron.optional(),
        reminder: cron.optional(),
        scannerHealth: cron.optional(),
        digest: cron.optional(),
        timezone: timezone.optional(),
        healthChannel: slackChannelId.optional(),
        digestChannel: slackChannelId.optional(),
      })
      .optional(),
    http: z
      .strictObject({
        timeoutMs: positiveInt(600_000).optional(),
        retries: z.number().int().min(0).max(10).optional(),
        paceGithubWrites: z.boolean().optional(),
      })
      .optional(),
  })
  .superRefine((file, ctx) => {
    const mode = file.probe?.mode;
    if (mode === 'simulated' && file.probe?.simulatedUrl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['probe', 'simulatedUrl'],
        message: 'required when probe.mode is simulated',
      });
    }
    if (mode === 'ssh') {
      for (const [name, scanner] of Object.entries(file.scanners ?? {})) {
        for (const key of ['sshUser', 'sshPrivateKeyPath', 'sshHostKey'] as const) {
          if (scanner[key] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['scanners', name, key],
              message: 'required when probe.mode is ssh',
            });
          }
        }
      }
    }
  });

export type ConfigFile = z.output<typeof configFileSchema>;

export const CONFIG_FILE_KEYS = Object.keys(configFileSchema.shape);
