/** Everything `serve` needs, with recognisable fake secrets, for the configuration tests. */
export function fullEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bot-token-0001',
    SLACK_SIGNING_SECRET: 'signing-secret-0002',
    GITHUB_API_URL: 'https://github.example.com/api/v3',
    GITHUB_TOKEN: 'ghp_github_token_0003',
    GAP_ISSUES_REPO: 'alchemy-conductors/alcatraz',
    DECOM_TICKETS_REPO: 'alchemy-conductors/team',
    SOFTLAYER_USERNAME: 'sl-user',
    SOFTLAYER_API_KEY: 'softlayer-key-0004',
    TENABLE_SC_URL: 'https://tenable.example.com',
    TENABLE_SC_ACCESS_KEY: 'tenable-access-0005',
    TENABLE_SC_SECRET_KEY: 'tenable-secret-0006',
    ...overrides,
  };
}
