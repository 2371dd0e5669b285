/**
 * GitHub Enterprise Server emulator, REST under `/api/v3` (docs/outside-apis.md sections 4.3 to 4.7): issues,
 * their comments (posted ones read back), issue lists and search, with GitHub's paging, error bodies, auth
 * and rate-limit failures. Pull requests in the scenario appear in lists, as on GitHub.
 */
import type { EmulatorCommonOptions } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import type { GithubWorld } from '../scenario.js';
import {
  badCredentials,
  COMMENT_BODY_LIMIT,
  commentTooLong,
  githubFault,
  invalidRequest,
  notFound,
  primaryRateLimit,
  problemsParsingJson,
  validationFailed,
} from './errors.js';
import { pageRequest, paginate } from './pagination.js';
import { matches, parseSearchQuery } from './search.js';
import { GithubStore, githubTime, type PostedComment, type StoredIssue } from './store.js';
import { authenticatedUserJson, commentJson, issueJson, WEB_HOST } from './wire.js';

export { SECONDARY_RATE_LIMIT_MESSAGE } from './errors.js';
export { WEB_HOST } from './wire.js';

export interface GithubEmulatorOptions extends EmulatorCommonOptions {
  /** The token the client must send (`authorization: token X` or `Bearer X`). */
  token: string;
  /** Author of comments posted through the API. */
  botLogin?: string;
  /** The classic token's scopes, sent in `x-oauth-scopes` (default `repo`). */
  scopes?: string[];
  now?: () => Date;
}

export interface GithubState {
  issues: Array<{
    repo: string;
    number: number;
    title: string;
    state: 'open' | 'closed';
    comments: Array<{ id: number; body: string; login: string; created_at: string }>;
  }>;
  /** Comments created through the API, in posting order. */
  postedComments: PostedComment[];
}

export interface GithubEmulator extends RunningEmulator {
  state(): GithubState;
  /** Someone other than the bot comments on the issue on the web (`login` as its author). */
  addComment(repo: string, number: number, body: string, login: string): { id: number };
  /** A person edits the issue on the web: a new body, or closes/reopens it. */
  editIssue(repo: string, number: number, patch: { body?: string; state?: 'open' | 'closed' }): void;
  /**
   * The primary rate limit is used up until `resetAt`: every call is answered 403 with
   * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (docs/outside-apis.md section 4.6), then served again.
   */
  exhaustRateLimit(resetAt: Date): void;
  /** The next `times` searches time out on GitHub's side: `incomplete_results: true`, half the items. */
  searchTimesOut(times: number): void;
}

const ISSUES = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues\/?$/;
const ISSUE = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/?$/;
const COMMENTS = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments\/?$/;
const SEARCH = /^\/api\/v3\/search\/issues\/?$/;
const USER = /^\/api\/v3\/user\/?$/;
const REPO = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/?$/;
const REPO_COMMENTS = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/?$/;
const SEARCH_RESULT_CAP = 1000;

export async function startGithubEmulator(
  world: GithubWorld,
  options: GithubEmulatorOptions,
): Promise<GithubEmulator> {
  const botLogin = options.botLogin ?? 'nessus-gap-bot';
  const now = options.now ?? (() => new Date());
  const store = new GithubStore(world, now().getTime());

  let limitedUntil: number | null = null;
  let incompleteSearches = 0;
  const handler = (request: EmulatorRequest): EmulatorResponse => {
    if (!authorized(request.headers.authorization, options.token)) return badCredentials();
    if (limitedUntil !== null) {
      if (now().getTime() < limitedUntil) return primaryRateLimit(limitedUntil);
      limitedUntil = null;
    }
    const apiBase = `http://${request.headers.host ?? '127.0.0.1'}/api/v3`;
    const { method, path } = request;
    // Every answer to a classic token lists its scopes (as recorded in @octokit/fixtures).
    const scopes = { 'x-oauth-scopes': (options.scopes ?? ['repo']).join(', ') };
    if (method === 'GET' && USER.test(path)) {
      return {
        status: 200,
        headers: scopes,
        body: { login: botLogin, id: 1, type: 'User', site_admin: false },
      };
    }
    const repoMatch = REPO.exec(path);
    if (method === 'GET' && repoMatch) {
      const owner = decode(repoMatch[1]);
      const name = decode(repoMatch[2]);
      const full = store.repo(owner, name);
      if (!full) return notFound();
      return {
        status: 200,
        headers: scopes,
        body: {
          id: 1,
          name,
          full_name: full,
          private: true,
          owner: { login: owner },
          html_url: `https://${WEB_HOST}/${full}`,
          has_issues: true,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        },
      };
    }
    if (method === 'GET' && SEARCH.test(path)) return search(request, apiBase);
    if (method === 'GET' && USER.test(path)) return { status: 200, body: authenticatedUserJson(botLogin) };
    const repoComments = REPO_COMMENTS.exec(path);
    if (method === 'GET' && repoComments) {
      const repo = store.repo(decode(repoComments[1]), decode(repoComments[2]));
      return repo ? listRepoComments(request, repo, apiBase) : notFound();
    }
    const commentsMatch = COMMENTS.exec(path);
    if (commentsMatch) {
      const issue = findIssue(commentsMatch);
      if (!issue) return notFound();
      if (method === 'GET') return listComments(request, issue, apiBase);
      if (method === 'POST') return postComment(request, issue, apiBase);
      return notFound();
    }
    const issueMatch = ISSUE.exec(path);
    if (method === 'GET' && issueMatch) {
      const issue = findIssue(issueMatch);
      return issue ? { status: 200, body: issueJson(issue, apiBase) } : notFound();
    }
    const issuesMatch = ISSUES.exec(path);
    if (method === 'GET' && issuesMatch) {
      const repo = store.repo(decode(issuesMatch[1]), decode(issuesMatch[2]));
      return repo ? listIssues(request, repo, apiBase) : notFound();
    }
    return notFound();
  };

  function findIssue(match: RegExpExecArray): StoredIssue | undefined {
    const repo = store.repo(decode(match[1]), decode(match[2]));
    return repo ? store.issue(repo, Number(match[3])) : undefined;
  }

  function listIssues(request: EmulatorRequest, repo: string, apiBase: string): EmulatorResponse {
    const state = request.query.get('state') ?? 'open';
    const labels = (request.query.get('labels') ?? '')
      .split(',')
      .map((label) => label.trim().toLowerCase())
      .filter(Boolean);
    const since = Date.parse(request.query.get('since') ?? '');
    const selected = store
      .all()
      .filter((issue) => issue.repo === repo)
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label)))
      .filter((issue) => Number.isNaN(since) || Date.parse(issue.updated_at) >= since);
    sortIssues(selected, request.query.get('sort') ?? 'created', request.query.get('direction') ?? 'desc');
    const page = paginate(request, selected, pageRequest(request));
    return { status: 200, headers: page.headers, body: page.items.map((issue) => issueJson(issue, apiBase)) };
  }

  function listComments(request: EmulatorRequest, issue: StoredIssue, apiBase: string): EmulatorResponse {
    const since = Date.parse(request.query.get('since') ?? '');
    const selected = issue.comments.filter(
      (comment) => Number.isNaN(since) || Date.parse(comment.updated_at) >= since,
    );
    const page = paginate(request, selected, pageRequest(request));
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map((comment) => commentJson(issue, comment, apiBase)),
    };
  }

  /** GET /repos/{owner}/{repo}/issues/comments: every issue's comments, by `sort` and `direction`. */
  function listRepoComments(request: EmulatorRequest, repo: string, apiBase: string): EmulatorResponse {
    const all = store
      .all()
      .filter((issue) => issue.repo === repo)
      .flatMap((issue) => issue.comments.map((comment) => ({ issue, comment })));
    const field = request.query.get('sort') === 'updated' ? 'updated_at' : 'created_at';
    const sign = request.query.get('direction') === 'desc' ? -1 : 1;
    all.sort(
      (a, b) =>
        sign * (Date.parse(a.comment[field]) - Date.parse(b.comment[field])) ||
        sign * (a.comment.id - b.comment.id),
    );
    const page = paginate(request, all, pageRequest(request));
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(({ issue, comment }) => commentJson(issue, comment, apiBase)),
    };
  }

  function postComment(request: EmulatorRequest, issue: StoredIssue, apiBase: string): EmulatorResponse {
    let payload: unknown;
    try {
      payload = JSON.parse(request.body || 'null');
    } catch {
      return problemsParsingJson();
    }
    const body = isObject(payload) ? payload.body : undefined;
    if (body === undefined || body === null) return invalidRequest('"body" wasn\'t supplied.');
    if (typeof body !== 'string') {
      return invalidRequest(`For 'properties/body', ${JSON.stringify(body)} is not a string.`);
    }
    if (body.trim() === '') {
      return validationFailed(
        [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
        '/issues/comments#create-an-issue-comment',
      );
    }
    if ([...body].length > COMMENT_BODY_LIMIT) return commentTooLong();
    const comment = store.addComment(issue, body, botLogin, now());
    const json = commentJson(issue, comment, apiBase);
    return { status: 201, headers: { location: String(json.url) }, body: json };
  }

  function search(request: EmulatorRequest, apiBase: string): EmulatorResponse {
    const q = request.query.get('q');
    if (!q?.trim()) {
      return validationFailed(
        [{ resource: 'Search', field: 'q', code: 'missing' }],
        '/search/search#search-issues-and-pull-requests',
      );
    }
    const query = parseSearchQuery(q);
    const unknownRepo = query.repos.find((repo) => {
      const [owner = '', name = ''] = repo.split('/');
      return !store.repo(owner, name);
    });
    if (unknownRepo) {
      return validationFailed(
        [
          {
            message:
              'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
            resource: 'Search',
            field: 'q',
            code: 'invalid',
          },
        ],
        '/search/search#search-issues-and-pull-requests',
      );
    }
    const paging = pageRequest(request);
    if ((paging.page - 1) * paging.perPage >= SEARCH_RESULT_CAP) {
      return validationFailed(
        [
          {
            message: 'Only the first 1000 search results are available',
            resource: 'Search',
            field: 'q',
            code: 'invalid',
          },
        ],
        '/search/search#search-issues-and-pull-requests',
      );
    }
    const found = store.all().filter((issue) => matches(issue, query));
    const sort = request.query.get('sort');
    sortIssues(found, sort ?? 'best-match', request.query.get('order') ?? 'desc');
    const page = paginate(request, found, paging, SEARCH_RESULT_CAP);
    // A search that ran out of time answers with what it found so far, and says so.
    const incomplete = incompleteSearches > 0;
    if (incomplete) incompleteSearches -= 1;
    const items = incomplete ? page.items.slice(0, Math.floor(page.items.length / 2)) : page.items;
    return {
      status: 200,
      headers: page.headers,
      body: {
        total_count: found.length,
        incomplete_results: incomplete,
        items: items.map((issue) => ({ ...issueJson(issue, apiBase), score: 1 })),
      },
    };
  }

  const running = await startEmulator({
    name: 'github',
    handler,
    fault: githubFault,
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    seed: options.seed,
  });

  return {
    ...running,
    close: () => running.close(),
    state: (): GithubState => ({
      issues: store.all().map((issue) => ({
        repo: issue.repo,
        number: issue.number,
        title: issue.title,
        state: issue.state,
        comments: issue.comments.map(({ id, body, login, created_at }) => ({ id, body, login, created_at })),
      })),
      postedComments: store.postedComments(),
    }),
    exhaustRateLimit: (resetAt) => {
      limitedUntil = resetAt.getTime();
    },
    searchTimesOut: (times) => {
      incompleteSearches = times;
    },
    addComment: (repo, number, body, login) => {
      const issue = store.issue(repo, number);
      if (!issue) throw new Error(`no issue ${repo}#${number} in this scenario`);
      return { id: store.addComment(issue, body, login, now(), false).id };
    },
    editIssue: (repo, number, patch) => {
      const issue = store.issue(repo, number);
      if (!issue) throw new Error(`no issue ${repo}#${number} in this scenario`);
      const at = githubTime(now());
      if (patch.body !== undefined) issue.body = patch.body;
      if (patch.state !== undefined && patch.state !== issue.state) {
        issue.state = patch.state;
        issue.closed_at = patch.state === 'closed' ? at : null;
      }
      issue.updated_at = at;
    },
  };
}

function authorized(header: string | undefined, token: string): boolean {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && match[1] === token;
}

function sortIssues(issues: StoredIssue[], sort: string, direction: string): void {
  const sign = direction === 'asc' ? 1 : -1;
  const value = (issue: StoredIssue): number => {
    if (sort === 'updated') return Date.parse(issue.updated_at);
    if (sort === 'comments') return issue.comments.length;
    if (sort === 'created') return Date.parse(issue.created_at);
    return issue.number;
  };
  issues.sort((a, b) => sign * (value(a) - value(b)) || sign * (a.number - b.number));
}

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return '';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
