/**
 * Which variables each mode needs, and what to tell a person who has not set one.
 * A malformed variable was reported already, so it is not reported again as missing.
 */
import type { EnvVarName, ParsedEnv } from './env-schema.js';
import type { ConfigMode } from './types.js';

const HOW_TO_SET: Partial<Record<EnvVarName, string>> = {
  SLACK_BOT_TOKEN:
    "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page and export it.",
  GITHUB_API_URL:
    'export the API base URL of your GitHub Enterprise, e.g. https://github.example.com/api/v3.',
  GITHUB_TOKEN: 'create a token with repo scope on your GitHub Enterprise and export it.',
  GAP_ISSUES_REPO:
    'export the owner/name of the repository that holds the gap alert issues, e.g. alchemy-conductors/alcatraz.',
  DECOM_TICKETS_REPO:
    'export the owner/name of the repository that holds the decommission tickets, e.g. alchemy-conductors/team.',
  SOFTLAYER_USERNAME:
    'export the user name of your IBM Cloud classic infrastructure API key (IBM Cloud > Manage > Access (IAM) > API keys).',
  SOFTLAYER_API_KEY:
    'create a classic infrastructure API key (IBM Cloud > Manage > Access (IAM) > API keys) and export it.',
  TENABLE_SC_URL: 'export the base URL of your Tenable.sc, e.g. https://tenable-sc.example.com.',
  TENABLE_SC_ACCESS_KEY:
    'generate API keys for your user in Tenable.sc (Users > Generate API Key) and export the access key.',
  TENABLE_SC_SECRET_KEY:
    'generate API keys for your user in Tenable.sc (Users > Generate API Key) and export the secret key.',
};

const INTEGRATIONS: EnvVarName[] = [
  'GITHUB_API_URL',
  'GITHUB_TOKEN',
  'GAP_ISSUES_REPO',
  'DECOM_TICKETS_REPO',
  'SOFTLAYER_USERNAME',
  'SOFTLAYER_API_KEY',
  'TENABLE_SC_URL',
  'TENABLE_SC_ACCESS_KEY',
  'TENABLE_SC_SECRET_KEY',
];

const REQUIRED: Record<ConfigMode, EnvVarName[]> = {
  cli: [],
  investigate: INTEGRATIONS,
  serve: ['SLACK_BOT_TOKEN', ...INTEGRATIONS],
};

/** One line per variable the mode needs and does not have. */
export function missingVariables(mode: ConfigMode, parsed: ParsedEnv): string[] {
  const isUnset = (name: EnvVarName) => parsed.values[name] === undefined && !parsed.malformed.has(name);
  const problems = REQUIRED[mode].filter(isUnset).map((name) => `${name} is not set: ${HOW_TO_SET[name]}`);
  if (mode === 'serve' && isUnset('SLACK_SIGNING_SECRET') && isUnset('SLACK_APP_TOKEN')) {
    problems.push(
      "SLACK_SIGNING_SECRET is not set (nor SLACK_APP_TOKEN): export the Signing Secret from your Slack app's " +
        'Basic Information page for HTTP mode, or SLACK_APP_TOKEN (xapp-…, scope connections:write) for Socket Mode.',
    );
  }
  if (mode !== 'cli' && parsed.values.INVENTORY_API_URL !== undefined && isUnset('INVENTORY_API_TOKEN')) {
    problems.push(
      'INVENTORY_API_TOKEN is not set while INVENTORY_API_URL is: export the inventory API token, ' +
        'or unset INVENTORY_API_URL to use guided manual mode.',
    );
  }
  return problems;
}
