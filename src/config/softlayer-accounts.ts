/**
 * The SoftLayer accounts the bot looks in. The SOFTLAYER_* variables name the first; the
 * configuration file names further ones under `softlayer.accounts`, each reading its credentials
 * from the environment (secrets stay out of the file): SOFTLAYER_<NAME>_USERNAME and
 * SOFTLAYER_<NAME>_API_KEY, with NAME in upper case.
 */
import { CONFIG_DEFAULTS } from './defaults.js';
import { type EnvValues, isAcceptableSecret, SECRET_MESSAGE } from './env-schema.js';
import type { ConfigFile } from './file-schema.js';
import type { ConfigMode, SoftLayerAccountConfig, SoftLayerConfig } from './types.js';

export const DEFAULT_ACCOUNT_NAME = 'ALC';

export interface SoftLayerAccounts {
  config: SoftLayerConfig | null;
  problems: string[];
  secrets: string[];
}

/** The variable names of a further account's credentials. */
export function accountVariables(name: string): { username: string; apiKey: string } {
  const key = name.toUpperCase();
  return { username: `SOFTLAYER_${key}_USERNAME`, apiKey: `SOFTLAYER_${key}_API_KEY` };
}

export function softLayerAccounts(
  mode: ConfigMode,
  env: NodeJS.ProcessEnv,
  v: EnvValues,
  file: ConfigFile,
): SoftLayerAccounts {
  const problems: string[] = [];
  const secrets: string[] = [];
  const defaultUrl = v.SOFTLAYER_API_URL ?? CONFIG_DEFAULTS.softlayerApiUrl;
  const accounts: SoftLayerAccountConfig[] = [];
  if (v.SOFTLAYER_USERNAME && v.SOFTLAYER_API_KEY) {
    accounts.push({
      name: (file.softlayer?.name ?? DEFAULT_ACCOUNT_NAME).toUpperCase(),
      apiUrl: defaultUrl,
      username: v.SOFTLAYER_USERNAME,
      apiKey: v.SOFTLAYER_API_KEY,
    });
  }
  for (const [name, account] of Object.entries(file.softlayer?.accounts ?? {})) {
    const names = accountVariables(name);
    const username = blankAsUnset(env[names.username]);
    const apiKey = blankAsUnset(env[names.apiKey]);
    const where = `the configuration file lists account ${name} under softlayer.accounts`;
    // The cli mode needs no account, but half an account is a mistake in any mode.
    const half = (username === undefined) !== (apiKey === undefined);
    for (const [variable, value] of [
      [names.username, username],
      [names.apiKey, apiKey],
    ] as const) {
      if (value === undefined) {
        if (mode !== 'cli' || half) {
          problems.push(
            `${variable} is not set: ${where}; create a classic infrastructure API key for that account (IBM Cloud > Manage > Access (IAM) > API keys) and export its user name and key.`,
          );
        }
      } else if (!isAcceptableSecret(value)) {
        problems.push(`${variable} is malformed: ${SECRET_MESSAGE}.`);
      }
    }
    if (username === undefined || apiKey === undefined) continue;
    if (!isAcceptableSecret(username) || !isAcceptableSecret(apiKey)) continue;
    secrets.push(apiKey);
    accounts.push({ name: name.toUpperCase(), apiUrl: account.apiUrl ?? defaultUrl, username, apiKey });
  }
  return { config: accounts.length > 0 ? { accounts } : null, problems, secrets };
}

function blankAsUnset(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
