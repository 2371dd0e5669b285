/** Issue and comment objects as the GitHub REST API writes them (docs/outside-apis.md section 4.3). */
import type { StoredComment, StoredIssue } from './store.js';

/** The web host alerts link to; the sandbox never serves or contacts it. */
export const WEB_HOST = 'http://github.sandbox.local';

export function userJson(login: string): Record<string, unknown> {
  return { login, id: userId(login), type: login.endsWith('[bot]') ? 'Bot' : 'User', site_admin: false };
}

/** GET /user as GitHub answers it for the token's own account (the parts clients read). */
export function authenticatedUserJson(login: string): Record<string, unknown> {
  return {
    ...userJson(login),
    node_id: `U_sandbox${userId(login)}`,
    name: null,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
  };
}

export function issueJson(issue: StoredIssue, apiBase: string): Record<string, unknown> {
  const apiUrl = `${apiBase}/repos/${issue.repo}/issues/${issue.number}`;
  const kind = issue.pull_request ? 'pull' : 'issues';
  const json: Record<string, unknown> = {
    url: apiUrl,
    repository_url: `${apiBase}/repos/${issue.repo}`,
    comments_url: `${apiUrl}/comments`,
    html_url: `${WEB_HOST}/${issue.repo}/${kind}/${issue.number}`,
    id: issue.id,
    node_id: `I_sandbox${issue.id}`,
    number: issue.number,
    title: issue.title,
    user: userJson(issue.login),
    labels: issue.labels.map((name) => labelJson(issue.repo, name, apiBase)),
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    comments: issue.comments.length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: 'MEMBER',
    body: issue.body,
  };
  if (issue.pull_request)
    json.pull_request = {
      url: `${apiBase}/repos/${issue.repo}/pulls/${issue.number}`,
      ...issue.pull_request,
    };
  return json;
}

/** A label as GitHub embeds it in an issue: an object, never a bare name. */
export function labelJson(repo: string, name: string, apiBase: string): Record<string, unknown> {
  const id = userId(`label:${name}`);
  return {
    id,
    node_id: `LA_sandbox${id}`,
    url: `${apiBase}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

export function commentJson(
  issue: StoredIssue,
  comment: StoredComment,
  apiBase: string,
): Record<string, unknown> {
  return {
    url: `${apiBase}/repos/${issue.repo}/issues/comments/${comment.id}`,
    html_url: `${WEB_HOST}/${issue.repo}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${apiBase}/repos/${issue.repo}/issues/${issue.number}`,
    id: comment.id,
    node_id: `IC_sandbox${comment.id}`,
    user: userJson(comment.login),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'MEMBER',
    body: comment.body,
  };
}

/** A stable small positive id for a login or label name. */
function userId(text: string): number {
  let hash = 7;
  for (const char of text) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
  return (hash % 9_000_000) + 1_000_000;
}
