/**
 * Reads and validates the NESSUS_GAP_CONFIG file. Every problem becomes one line that names the file
 * and the path of the bad field, e.g. `NESSUS_GAP_CONFIG (x.yaml): scanners.s1.url: Invalid URL`.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { errorMessage } from '../errors.js';
import { CONFIG_FILE_KEYS, type ConfigFile, configFileSchema } from './file-schema.js';

export type ReadFile = (path: string) => string;

export type ConfigFileResult = { file: ConfigFile; problems: [] } | { file: null; problems: string[] };

export function readConfigFile(path: string, readFile: ReadFile): ConfigFileResult {
  const where = `NESSUS_GAP_CONFIG (${path})`;
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    return failure([`${where}: cannot read the file (${errorMessage(error)}): check the path, or unset it.`]);
  }
  let data: unknown;
  try {
    // YAML 1.2 reads JSON too, and its errors give a line and column without quoting the text
    // (JSON.parse quotes it, and the file may hold scanner keys).
    data = parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    const format = /\.json$/i.test(path) ? 'JSON' : 'YAML';
    return failure([`${where}: not valid ${format}: ${firstLine(errorMessage(error))}`]);
  }
  // An empty file is an empty configuration: every default applies.
  const result = configFileSchema.safeParse(data ?? {});
  if (result.success) return { file: result.data, problems: [] };
  return failure(result.error.issues.map((issue) => `${where}: ${describeIssue(issue)}`));
}

function failure(problems: string[]): ConfigFileResult {
  return { file: null, problems };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const known = at === '' ? `; the known keys are ${CONFIG_FILE_KEYS.join(', ')}` : '';
    return `${at === '' ? '' : `${at}: `}unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${known}`;
  }
  if (at === '' && issue.code === 'invalid_type') {
    return 'expected a mapping of settings (environments, scanners, probe, ...) at the top level';
  }
  return at === '' ? issue.message : `${at}: ${issue.message}`;
}

/** `scanners.prod-dal09-infra-nessus-01.url`, `probe.allowedCidrs[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The yaml library's message without the excerpt of the file that follows it. */
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/:\s*$/, '');
}
