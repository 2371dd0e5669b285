/**
 * The one pino root logger. Secrets are redacted by path, `redactSecrets` scrubs known secret
 * values out of any string (error messages can carry a URL or header an API echoed back), and the
 * user and password of every URL are scrubbed from every line (src/redact-url.ts).
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { redactUrlCredentials } from './redact-url.js';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'apiKey',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.authorization',
  'headers.authorization',
  'headers["x-apikey"]',
  'headers["x-apikeys"]',
  '*.headers.authorization',
  '*.headers["x-apikey"]',
  '*.headers["x-apikeys"]',
];

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; stderr by default so stdout stays for command output. */
  destination?: DestinationStream;
  /** Secret values to scrub from every log line, wherever they appear. */
  secrets?: string[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  return pino(
    {
      level: options.level ?? 'info',
      base: { name: 'nessus-gap' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // Known secrets, and the user and password of any URL, whatever text carried them in.
      hooks: {
        streamWrite: (line: string) =>
          redactUrlCredentials(secrets.length ? redactSecrets(line, secrets) : line),
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join('[REDACTED]');
    }
  }
  return out;
}

/** A logger that writes nowhere (tests and quiet command-line runs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
