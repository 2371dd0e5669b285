/**
 * GitHub Enterprise: the token is accepted, can read the gap repository and comment on its
 * issues, and can read the decommission repository. A classic token lists its scopes in
 * `X-OAuth-Scopes` (GitHub's "Scopes for OAuth apps" page); `GET /repos/{repo}` gives the
 * token's `permissions` there. A fine-grained token lists no scopes: its issue permission is
 * only named in the detail.
 */
import type { Config } from '../../config/index.js';
import { IntegrationError } from '../../errors.js';
import { createGitHubClient, type GitHubClient } from '../../integrations/github/github-client.js';
import { toGitHubError } from '../../integrations/github/github-errors.js';
import { createTrustedFetch } from '../../integrations/http/tls-trust.js';
import { systemTrust } from '../../integrations/tls-from-config.js';
import type { Logger } from '../../logger.js';
import { Checklist, firstCall, notConfigured } from '../steps.js';
import type { DoctorCheck } from '../types.js';

export async function checkGithub(config: Config, logger: Logger): Promise<DoctorCheck[]> {
  const github = config.github;
  if (!github) {
    return [notConfigured('github', 'GITHUB_API_URL, GITHUB_TOKEN, GAP_ISSUES_REPO, DECOM_TICKETS_REPO')];
  }
  const octokit = createGitHubClient({
    baseUrl: github.apiUrl,
    token: github.token,
    logger,
    retries: 0,
    timeoutMs: config.http.timeoutMs,
    maxRateLimitWaitSeconds: 0,
    fetch: createTrustedFetch(systemTrust(config, 'github')).fetch,
  });
  const secrets = [github.token];
  const wrap = (action: string) => (error: unknown) => {
    throw toGitHubError(error, { action, secrets });
  };
  const list = new Checklist('github');
  let scopes: string[] | null = null;
  await firstCall(list, {
    url: github.apiUrl,
    tls: config.tls.github,
    setting: 'tls.github',
    call: async () => {
      const response = await octokit.request('GET /user').catch(wrap('reading the token user'));
      const header = response.headers['x-oauth-scopes'];
      scopes =
        typeof header === 'string'
          ? header
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : null;
      return `as ${response.data.login}`;
    },
    credentialsRejected: (error) => error instanceof IntegrationError && error.status === 401,
    credentialsFix:
      'GITHUB_TOKEN is not accepted: create a token (classic: scope repo) for the bot user on your GitHub Enterprise and export it',
  });
  const repoFix = (repo: string) =>
    `give the bot user (or the token) read access to ${repo}, or check ${repo === github.gapIssuesRepo ? 'GAP_ISSUES_REPO' : 'DECOM_TICKETS_REPO'}`;
  let gapRepo: Awaited<ReturnType<typeof readRepo>> | null = null;
  await list.step(
    `read ${github.gapIssuesRepo}`,
    async () => {
      gapRepo = await readRepo(octokit, github.gapIssuesRepo, wrap(`reading ${github.gapIssuesRepo}`));
      return `can read ${github.gapIssuesRepo}`;
    },
    () => repoFix(github.gapIssuesRepo),
  );
  await list.step(
    `comment on ${github.gapIssuesRepo}`,
    async () => {
      const repo = gapRepo;
      if (!repo) throw new Error('the repository could not be read');
      if (repo.permissions && !repo.permissions.pull) throw new Error('the token may not read its issues');
      if (scopes !== null) {
        const enough = scopes.includes('repo') || (!repo.private && scopes.includes('public_repo'));
        if (!enough) {
          throw new Error(`the token's scopes (${scopes.join(', ') || 'none'}) do not include repo`);
        }
        return `token scope repo: can comment on issues of ${github.gapIssuesRepo}`;
      }
      return `can read ${github.gapIssuesRepo}; a fine-grained token also needs Issues: read and write there`;
    },
    () =>
      'give the token the repo scope (classic) or Issues: read and write on the gap repository (fine-grained)',
  );
  await list.step(
    `read ${github.decomTicketsRepo}`,
    async () => {
      await readRepo(octokit, github.decomTicketsRepo, wrap(`reading ${github.decomTicketsRepo}`));
      return `can read ${github.decomTicketsRepo}`;
    },
    () => repoFix(github.decomTicketsRepo),
  );
  return list.checks;
}

async function readRepo(octokit: GitHubClient, full: string, onError: (error: unknown) => never) {
  const [owner = '', repo = ''] = full.split('/');
  const response = await octokit.rest.repos.get({ owner, repo }).catch(onError);
  return {
    private: response.data.private,
    permissions: response.data.permissions ?? null,
  };
}
