/**
 * Slack: the bot token is accepted (`auth.test`) and holds every scope manifest.yml asks for.
 * Slack lists a token's scopes in the `x-oauth-scopes` header of every answer, which
 * @slack/web-api reads into `response_metadata.scopes`.
 */
import { WebClient } from '@slack/web-api';
import type { Config } from '../../config/index.js';
import { errorMessage } from '../../errors.js';
import { Checklist, notConfigured } from '../steps.js';
import type { DoctorCheck } from '../types.js';

export async function checkSlack(
  config: Config,
  manifestScopes: readonly string[],
  client?: WebClient,
): Promise<DoctorCheck[]> {
  const token = config.slack.botToken;
  if (!token) return [notConfigured('slack', 'SLACK_BOT_TOKEN is not set')];
  const slack =
    client ??
    new WebClient(token, {
      slackApiUrl: config.slack.apiUrl,
      timeout: config.http.timeoutMs,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  const list = new Checklist('slack');
  let granted: string[] | null = null;
  await list.step(
    'auth.test',
    async () => {
      const result = await slack.auth.test();
      granted = result.response_metadata?.scopes ?? null;
      return `ok as ${result.user ?? result.user_id ?? 'the bot'} in ${result.team ?? result.team_id ?? 'the workspace'}`;
    },
    (error) =>
      /invalid_auth|not_authed|account_inactive|token_revoked/.test(errorMessage(error))
        ? "SLACK_BOT_TOKEN is not accepted: copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page"
        : `check that this machine reaches ${config.slack.apiUrl}`,
  );
  await list.step(
    'scopes',
    async () => {
      if (granted === null) throw new Error('Slack did not list the token scopes');
      const have = new Set(granted);
      const missing = manifestScopes.filter((scope) => !have.has(scope));
      if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}`);
      return `scopes match manifest.yml (${manifestScopes.length})`;
    },
    () =>
      'add the missing bot token scopes (OAuth & Permissions, or update the app from manifest.yml), then reinstall the app to the workspace',
  );
  return list.checks;
}
