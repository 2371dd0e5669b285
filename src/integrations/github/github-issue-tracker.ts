/**
 * GitHub Enterprise behind the `IssueTracker` port: the gap issue with all its comments, the newest
 * gap issue, candidate decommission tickets, and comments posted by the bot.
 *
 * Decommission tickets are found by listing the repository's issues updated within a window
 * (default: a year), 100 per page: the cost is the number of pages, whatever the number of targets,
 * and matching is done locally (src/runbook/decommission-match.ts). The listing carries title and
 * body only, so a host named only in a ticket's comments is not seen in that mode. The optional
 * `search` mode packs the terms into as few search queries as GitHub allows (six terms per query)
 * and also reads the comments of the tickets it finds, up to `maxCommentFetches` tickets.
 */
import { InputError, IntegrationError, type NessusGapError, NotFoundError } from '../../errors.js';
import type { GapIssue, IssueComment, IssueTracker, TicketCandidate } from '../../investigation/ports.js';
import { mapConcurrent } from '../../map-concurrent.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './github-client.js';
import { isBodyTooLong, toGitHubError } from './github-errors.js';
import {
  authenticatedUserSchema,
  type CommentObject,
  commentSchema,
  type IssueObject,
  isPullRequest,
  issueSchema,
  parseGitHub,
  repoCommentSchema,
} from './github-schemas.js';
import { buildTicketSearchQueries } from './ticket-search-queries.js';

export type TicketSearchMode = 'listing' | 'search';

export interface GitHubIssueTrackerOptions extends GitHubClientOptions {
  /** How `searchTickets` finds candidates (default `listing`). */
  ticketSearch?: TicketSearchMode;
  /** Listing mode: only tickets updated within this many days (default 365). */
  ticketWindowDays?: number;
  /** Listing mode: at most this many pages of 100 (default 50); more is logged as a warning. */
  maxListingPages?: number;
  /** `findLatestIssue`: at most this many pages of 100 open issues (default 3). */
  maxLatestIssuePages?: number;
  /** Search mode: comments are read for at most this many candidate tickets (default 100). */
  maxCommentFetches?: number;
  now?: () => Date;
}

const PER_PAGE = 100;
const COMMENT_FETCH_CONCURRENCY = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export class GitHubIssueTracker implements IssueTracker {
  private readonly octokit: GitHubClient;
  private readonly secrets: string[];
  private readonly logger: GitHubClientOptions['logger'];
  private readonly mode: TicketSearchMode;
  private readonly windowDays: number;
  private readonly maxListingPages: number;
  private readonly maxLatestIssuePages: number;
  private readonly maxCommentFetches: number;
  private readonly now: () => Date;

  constructor(options: GitHubIssueTrackerOptions) {
    this.octokit = createGitHubClient(options);
    this.secrets = [options.token];
    this.logger = options.logger.child({ system: 'github' });
    this.mode = options.ticketSearch ?? 'listing';
    this.windowDays = options.ticketWindowDays ?? 365;
    this.maxListingPages = options.maxListingPages ?? 50;
    this.maxLatestIssuePages = options.maxLatestIssuePages ?? 3;
    this.maxCommentFetches = options.maxCommentFetches ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  async getIssue(repo: string, number: number): Promise<GapIssue> {
    const where = { ...splitRepo(repo), issue_number: checkIssueNumber(number) };
    const name = `${repo}#${number}`;
    const [issueData, comments] = await this.call(
      () =>
        Promise.all([
          this.octokit.rest.issues.get(where).then((r) => parsedIfText(r.data)),
          this.octokit.paginate(this.octokit.rest.issues.listComments, { ...where, per_page: PER_PAGE }),
        ]),
      { action: `reading issue ${name}`, notFound: `issue ${name} not found` },
    );
    const issue = parseGitHub(issueSchema, issueData, `issue ${name}`);
    if (isPullRequest(issue)) {
      throw new NotFoundError(`${name} is a pull request, not an issue`);
    }
    return {
      repo,
      number: issue.number,
      title: issue.title,
      state: issue.state,
      body: issue.body ?? '',
      url: issue.html_url,
      comments: comments.map((c) => toIssueComment(parseGitHub(commentSchema, c, `comment on ${name}`))),
    };
  }

  async findLatestIssue(
    repo: string,
    titlePattern: RegExp,
  ): Promise<{ number: number; title: string } | null> {
    const pattern = new RegExp(titlePattern.source, titlePattern.flags.replace(/[gy]/g, ''));
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...splitRepo(repo),
      state: 'open',
      sort: 'created',
      direction: 'desc',
      per_page: PER_PAGE,
    });
    return this.call(
      () =>
        firstInPages(pages, this.maxLatestIssuePages, (raw) => {
          const issue = parseGitHub(issueSchema, raw, `issue in ${repo}`);
          return !isPullRequest(issue) && pattern.test(issue.title)
            ? { number: issue.number, title: issue.title }
            : null;
        }),
      { action: `listing open issues of ${repo}`, notFound: repoNotFound(repo) },
    );
  }

  async searchTickets(repo: string, terms: string[]): Promise<TicketCandidate[]> {
    const where = splitRepo(repo);
    if (!terms.some((t) => t.trim())) return [];
    return this.mode === 'search' ? this.searchByQuery(repo, terms) : this.searchByListing(repo, where);
  }

  async postComment(repo: string, number: number, body: string): Promise<{ id: number; url: string }> {
    const where = { ...splitRepo(repo), issue_number: checkIssueNumber(number) };
    if (!body.trim()) throw new InputError(`refusing to post an empty comment on ${repo}#${number}`);
    const name = `${repo}#${number}`;
    try {
      const { data } = await this.octokit.rest.issues.createComment({ ...where, body });
      const comment = parseGitHub(commentSchema, data, `comment created on ${name}`);
      return { id: comment.id, url: comment.html_url };
    } catch (error) {
      if (isBodyTooLong(error)) {
        throw new IntegrationError(
          'github',
          `GitHub rejected the comment on ${name}: its body is too long (${body.length} characters; ` +
            "GitHub's limit is 65,536). Split the report into several comments.",
          { status: 422, cause: error },
        );
      }
      throw this.wrap(error, { action: `commenting on ${name}`, notFound: `issue ${name} not found` });
    }
  }

  async whoAmI(): Promise<string> {
    const data = await this.call(() => this.octokit.rest.users.getAuthenticated().then((r) => r.data), {
      action: 'reading the user the GitHub token acts as',
    });
    return parseGitHub(authenticatedUserSchema, data, 'the authenticated user').login;
  }

  async findRecentComment(
    repo: string,
    login: string,
    text: string,
    maxPages: number,
  ): Promise<{ issueNumber: number; url: string } | null> {
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listCommentsForRepo, {
      ...splitRepo(repo),
      sort: 'created',
      direction: 'desc',
      per_page: PER_PAGE,
    });
    return this.call(
      () =>
        firstInPages(pages, maxPages, (raw) => {
          const comment = parseGitHub(repoCommentSchema, raw, `comment in ${repo}`);
          if (comment.user?.login.toLowerCase() !== login.toLowerCase() || !comment.body?.includes(text)) {
            return null;
          }
          const issueNumber = Number(/\/issues\/(\d+)$/.exec(comment.issue_url)?.[1] ?? 0);
          return { issueNumber, url: comment.html_url };
        }),
      { action: `listing the comments of ${repo}`, notFound: repoNotFound(repo) },
    );
  }

  /** Every comment of an issue, oldest first. */
  async listComments(repo: string, number: number): Promise<IssueComment[]> {
    const where = { ...splitRepo(repo), issue_number: checkIssueNumber(number) };
    const name = `${repo}#${number}`;
    const comments = await this.call(
      () => this.octokit.paginate(this.octokit.rest.issues.listComments, { ...where, per_page: PER_PAGE }),
      { action: `reading comments of ${name}`, notFound: `issue ${name} not found` },
    );
    return comments.map((c) => toIssueComment(parseGitHub(commentSchema, c, `comment on ${name}`)));
  }

  /**
   * The first comment whose body contains `marker` (e.g. `<!-- nessus-gap:report -->`), so a retried
   * post can find what an earlier attempt already wrote instead of posting twice.
   */
  async findCommentWithMarker(
    repo: string,
    number: number,
    marker: string,
  ): Promise<{ id: number; url: string } | null> {
    if (!marker) throw new InputError('a comment marker must not be empty');
    const where = { ...splitRepo(repo), issue_number: checkIssueNumber(number) };
    const name = `${repo}#${number}`;
    const comments = await this.call(
      () => this.octokit.paginate(this.octokit.rest.issues.listComments, { ...where, per_page: PER_PAGE }),
      { action: `reading comments of ${name}`, notFound: `issue ${name} not found` },
    );
    for (const raw of comments) {
      const comment = parseGitHub(commentSchema, raw, `comment on ${name}`);
      if (comment.body?.includes(marker)) return { id: comment.id, url: comment.html_url };
    }
    return null;
  }

  private async searchByListing(
    repo: string,
    where: { owner: string; repo: string },
  ): Promise<TicketCandidate[]> {
    const since = new Date(this.now().getTime() - this.windowDays * DAY_MS).toISOString();
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...where,
      state: 'all',
      since,
      per_page: PER_PAGE,
    });
    return this.call(
      async () => {
        const candidates: TicketCandidate[] = [];
        let read = 0;
        for await (const page of pages) {
          for (const raw of page.data) {
            const issue = parseGitHub(issueSchema, raw, `issue in ${repo}`);
            if (!isPullRequest(issue)) candidates.push(toCandidate(repo, issue, []));
          }
          if (++read >= this.maxListingPages) {
            this.logger.warn(
              { repo, pages: read, since },
              `stopped listing ${repo} after ${read} pages: older tickets are not checked`,
            );
            break;
          }
        }
        return candidates;
      },
      { action: `listing issues of ${repo}`, notFound: repoNotFound(repo) },
    );
  }

  private async searchByQuery(repo: string, terms: string[]): Promise<TicketCandidate[]> {
    const plan = buildTicketSearchQueries(repo, terms);
    if (plan.skipped.length) {
      this.logger.warn({ repo, skipped: plan.skipped }, 'terms left out of the ticket search');
    }
    const found = new Map<number, IssueObject>();
    const complete = await this.call(
      () =>
        Promise.all(
          plan.queries.map(async (q) => {
            // A search that ran out of time says `incomplete_results: true`: ask once more, then
            // give up on search for this call rather than miss a ticket.
            for (let attempt = 1; attempt <= 2; attempt++) {
              let incomplete = false;
              const items = await this.octokit.paginate(
                this.octokit.rest.search.issuesAndPullRequests,
                { q, per_page: PER_PAGE },
                (response) => {
                  if ((response.data as { incomplete_results?: boolean }).incomplete_results === true) {
                    incomplete = true;
                  }
                  return response.data;
                },
              );
              for (const raw of items) {
                const issue = parseGitHub(issueSchema, raw, `search result in ${repo}`);
                if (!isPullRequest(issue)) found.set(issue.number, issue);
              }
              if (!incomplete) return true;
            }
            return false;
          }),
        ),
      { action: `searching tickets in ${repo}` },
    );
    if (complete.includes(false)) {
      this.logger.warn(
        { repo },
        'GitHub search returned incomplete results twice: listing the tickets instead',
      );
      return this.searchByListing(repo, splitRepo(repo));
    }
    const issues = [...found.values()].sort((a, b) => b.number - a.number);
    const withComments = issues.filter((i) => (i.comments ?? 0) > 0);
    if (withComments.length > this.maxCommentFetches) {
      this.logger.warn(
        { repo, candidates: withComments.length, limit: this.maxCommentFetches },
        'too many candidate tickets: comments read for the newest only',
      );
    }
    const toRead = new Set(withComments.slice(0, this.maxCommentFetches).map((i) => i.number));
    const comments = new Map<number, IssueComment[]>();
    const queue = issues.filter((i) => toRead.has(i.number));
    await mapConcurrent(queue, COMMENT_FETCH_CONCURRENCY, async (i) => {
      comments.set(i.number, await this.listComments(repo, i.number));
    });
    return issues.map((issue) => toCandidate(repo, issue, comments.get(issue.number) ?? []));
  }

  private async call<T>(run: () => Promise<T>, context: { action: string; notFound?: string }): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.wrap(error, context);
    }
  }

  private wrap(error: unknown, context: { action: string; notFound?: string }): NessusGapError {
    return toGitHubError(error, { ...context, secrets: this.secrets });
  }
}

/** The first item `pick` keeps, newest pages first, reading at most `maxPages` pages. */
async function firstInPages<T, R>(
  pages: AsyncIterable<{ data: T[] }>,
  maxPages: number,
  pick: (item: T) => R | null,
): Promise<R | null> {
  let read = 0;
  for await (const page of pages) {
    for (const item of page.data) {
      const picked = pick(item);
      if (picked !== null) return picked;
    }
    if (++read >= maxPages) break;
  }
  return null;
}

function splitRepo(repo: string): { owner: string; repo: string } {
  if (!REPO_NAME.test(repo))
    throw new InputError(`"${repo}" is not a repository name of the form owner/name`);
  const [owner = '', name = ''] = repo.split('/');
  return { owner, repo: name };
}

function checkIssueNumber(number: number): number {
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new InputError(`"${number}" is not an issue number (a positive whole number)`);
  }
  return number;
}

function repoNotFound(repo: string): string {
  return `repository ${repo} not found, or the token cannot read it`;
}

function toIssueComment(comment: CommentObject): IssueComment {
  return { id: comment.id, body: comment.body ?? '', author: comment.user?.login ?? null };
}

function toCandidate(repo: string, issue: IssueObject, comments: IssueComment[]): TicketCandidate {
  const text = [issue.title, issue.body ?? '', ...comments.map((c) => c.body)].join('\n');
  return {
    repo,
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    state: issue.state,
    closedAt: issue.closed_at ?? null,
    labels: issue.labels,
    text,
  };
}

/**
 * Octokit's JSON parser (json-with-bigint) gives up on a response holding a string of several
 * megabytes and hands back the raw text; the platform's parser reads it, so an oversized issue body
 * reaches the investigation, which refuses it with a clear message.
 */
function parsedIfText(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
