/**
 * The environment variables of docs/contract.md section 5, one zod schema each. Each variable is parsed on
 * its own so that every malformed one is reported, not just the first. Messages never quote the value
 * of a secret or of a URL (URLs can carry credentials); other values are quoted to help find the typo.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import type { DatabaseConfig, LogLevel } from './types.js';
import { LOG_LEVELS } from './types.js';

/** An empty or blank variable counts as unset (`export GITHUB_TOKEN=` is a common way to clear one). */
const unsetIfBlank = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(unsetIfBlank, schema.optional());
}

/** Quotes a non-secret value for a message, shortened so a pasted blob does not flood the terminal. */
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** True when the URL names a user or a password (`https://user:pass@host`). */
export function hasUrlCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Said instead of the URL, which is not repeated: it carries a password. */
export const URL_CREDENTIALS_MESSAGE =
  'it carries a user name or password before the host (user:password@): remove them; each system takes its credentials from its own token or key';

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine(isHttpUrl, { message: `expected an http(s) URL such as ${example}` })
    .refine((value) => !hasUrlCredentials(value), { message: URL_CREDENTIALS_MESSAGE });

const listenHost = z
  .string()
  .trim()
  .refine((value) => isIP(value) !== 0 || value === 'localhost', {
    message: 'expected an IP address of this machine to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::',
  });

export const SECRET_MESSAGE = 'it contains spaces, line breaks or control characters: export the value alone';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we reject
const FORBIDDEN_IN_SECRET = /[\s\u0000-\u001f\u007f]/;

export function isAcceptableSecret(value: string): boolean {
  return !FORBIDDEN_IN_SECRET.test(value);
}

const secret = () => z.string().trim().refine(isAcceptableSecret, { message: SECRET_MESSAGE });

const prefixedToken = (prefix: string, what: string) =>
  secret().refine((value) => value.startsWith(prefix), {
    message: `expected ${what}, which starts with ${prefix}`,
  });

const port = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const n = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isInteger(n) && n <= 65535) return n;
    ctx.addIssue({ code: 'custom', message: `${quote(value)} is not a port number (0-65535)` });
    return z.NEVER;
  });

const logLevel = z
  .string()
  .trim()
  .transform((value, ctx): LogLevel => {
    const lower = value.toLowerCase();
    const level = LOG_LEVELS.find((l) => l === lower);
    if (level) return level;
    ctx.addIssue({ code: 'custom', message: `${quote(value)} is not one of ${LOG_LEVELS.join(', ')}` });
    return z.NEVER;
  });

/** A comma-separated list of Slack ids; one message names every bad entry. */
const slackIds = (pattern: RegExp, what: string, where: string) =>
  z.string().transform((value, ctx) => {
    const ids = value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const bad = ids.filter((id) => !pattern.test(id));
    if (bad.length === 0) return [...new Set(ids)];
    ctx.addIssue({
      code: 'custom',
      message: `${bad.map(quote).join(', ')} ${bad.length === 1 ? 'is not' : 'are not'} ${what}; ${where}`,
    });
    return z.NEVER;
  });

const REPO_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

const repo = (example: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (REPO_PATTERN.test(value) && !value.endsWith('/.') && !value.endsWith('/..')) return value;
      ctx.addIssue({ code: 'custom', message: `${quote(value)} is not owner/name (e.g. ${example})` });
      return z.NEVER;
    });

const DATABASE_URL_MESSAGE =
  'expected sqlite:PATH (e.g. sqlite:./data/nessus-gap.db) or postgres://USER:PASSWORD@HOST:5432/DATABASE';

const databaseUrl = z
  .string()
  .trim()
  .transform((value, ctx): DatabaseConfig => {
    if (value.startsWith('sqlite:')) {
      const path = value.slice('sqlite:'.length);
      if (path !== '') return { kind: 'sqlite', url: value, path };
    } else if (/^postgres(?:ql)?:\/\//.test(value)) {
      try {
        if (new URL(value).hostname !== '') return { kind: 'postgres', url: value };
      } catch {
        // falls through to the message below
      }
    }
    ctx.addIssue({ code: 'custom', message: DATABASE_URL_MESSAGE });
    return z.NEVER;
  });

const filePath = z.string().trim();

const yesOrNo = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const lower = value.toLowerCase();
    if (['true', '1', 'yes'].includes(lower)) return true;
    if (['false', '0', 'no'].includes(lower)) return false;
    ctx.addIssue({ code: 'custom', message: `${quote(value)} is not true or false` });
    return z.NEVER;
  });

/** Every variable the bot reads, with the schema that parses it. */
export const ENV_SCHEMAS = {
  SLACK_BOT_TOKEN: optional(
    prefixedToken('xoxb-', "the Bot User OAuth Token from your Slack app's OAuth & Permissions page"),
  ),
  SLACK_SIGNING_SECRET: optional(secret()),
  SLACK_APP_TOKEN: optional(
    prefixedToken(
      'xapp-',
      'an app-level token (Basic Information > App-Level Tokens, scope connections:write)',
    ),
  ),
  SLACK_API_URL: optional(httpUrl('https://slack.com/api/')),
  PORT: optional(port),
  LISTEN_HOST: optional(listenHost),
  METRICS_PORT: optional(port),
  AUTHORIZED_USERS: optional(
    slackIds(
      /^[UW][A-Z0-9]{2,}$/,
      'a Slack user id (U… or W…)',
      "copy it from the member's profile (Copy member ID)",
    ),
  ),
  AUTHORIZED_USERGROUPS: optional(
    slackIds(
      /^S[A-Z0-9]{2,}$/,
      'a Slack user group id (S…)',
      "find it in the user group's link or with usergroups.list",
    ),
  ),
  ALERT_CHANNELS: optional(
    slackIds(
      /^[CG][A-Z0-9]{2,}$/,
      'a Slack channel id (C… or G…)',
      "find it at the bottom of the channel's details",
    ),
  ),
  DATABASE_URL: optional(databaseUrl),
  ACCEPT_EMPTY_STORE: optional(yesOrNo),
  GITHUB_API_URL: optional(httpUrl('https://github.example.com/api/v3')),
  GITHUB_TOKEN: optional(secret()),
  GAP_ISSUES_REPO: optional(repo('alchemy-conductors/alcatraz')),
  DECOM_TICKETS_REPO: optional(repo('alchemy-conductors/team')),
  SOFTLAYER_API_URL: optional(httpUrl('https://api.softlayer.com/rest/v3.1/')),
  SOFTLAYER_USERNAME: optional(secret()),
  SOFTLAYER_API_KEY: optional(secret()),
  TENABLE_SC_URL: optional(httpUrl('https://tenable-sc.example.com')),
  TENABLE_SC_ACCESS_KEY: optional(secret()),
  TENABLE_SC_SECRET_KEY: optional(secret()),
  INVENTORY_API_URL: optional(httpUrl('https://inventory.example.com/api')),
  INVENTORY_API_TOKEN: optional(secret()),
  NESSUS_GAP_CONFIG: optional(filePath),
  LOG_LEVEL: optional(logLevel),
  /** `production` (the Docker image sets it) refuses `tls.*.insecure`. */
  NODE_ENV: optional(z.string().trim()),
};

export type EnvVarName = keyof typeof ENV_SCHEMAS;

/** Parsed variables; unset (or malformed) ones are undefined. */
export type EnvValues = { [K in EnvVarName]?: Exclude<z.output<(typeof ENV_SCHEMAS)[K]>, undefined> };

export interface ParsedEnv {
  values: EnvValues;
  /** Variables that were set but malformed (already reported in `problems`). */
  malformed: ReadonlySet<EnvVarName>;
  problems: string[];
}

export function parseEnv(env: NodeJS.ProcessEnv): ParsedEnv {
  const values: Record<string, unknown> = {};
  const malformed = new Set<EnvVarName>();
  const problems: string[] = [];
  for (const name of Object.keys(ENV_SCHEMAS) as EnvVarName[]) {
    const result = ENV_SCHEMAS[name].safeParse(env[name]);
    if (result.success) {
      if (result.data !== undefined) values[name] = result.data;
      continue;
    }
    malformed.add(name);
    // Our own messages only: zod's defaults could describe the input, and the input may be a secret.
    const message = result.error.issues[0]?.message ?? 'unreadable value';
    problems.push(`${name} is malformed: ${message}.`);
  }
  return { values: values as EnvValues, malformed, problems };
}
