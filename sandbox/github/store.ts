/**
 * The GitHub world the emulator serves: issues and comments of each repository, kept in memory so
 * a posted comment reads back. Ids ascend in scenario order, then in posting order.
 */
import type { GithubWorld, ScenarioIssue } from '../scenario.js';

export interface StoredComment {
  id: number;
  body: string;
  login: string;
  created_at: string;
  updated_at: string;
}

export interface StoredIssue {
  id: number;
  /** `owner/name` as the scenario spells it. */
  repo: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  body: string | null;
  login: string;
  labels: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  comments: StoredComment[];
  pull_request?: Record<string, unknown>;
}

export interface PostedComment {
  repo: string;
  number: number;
  id: number;
  body: string;
  login: string;
  created_at: string;
}

/** GitHub writes second-precision UTC timestamps: `2026-01-05T10:00:00Z`. */
export function githubTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Issues without dates are dated a month before the emulator starts, ten seconds apart by number:
 * recent enough for "updated in the last year" listings, and newest-first order follows the number.
 */
const UNDATED_AGE_MS = 30 * 24 * 3_600_000;
const UNDATED_STEP_MS = 10_000;
const MINUTE = 60_000;

export class GithubStore {
  private readonly issues = new Map<string, StoredIssue>();
  private readonly repos = new Map<string, string>();
  private readonly posted: PostedComment[] = [];
  private nextCommentId = 5001;

  private readonly baseTime: number;

  constructor(world: GithubWorld, now: number = Date.now()) {
    this.baseTime = now - UNDATED_AGE_MS;
    this.addRepo(world.gapRepo);
    this.addRepo(world.decomRepo);
    world.issues.forEach((issue, index) => {
      this.addIssue(issue, 1001 + index);
    });
  }

  /** The canonical `owner/name` for a case-insensitive reference, or undefined for an unknown repository. */
  repo(owner: string, name: string): string | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  issue(repo: string, number: number): StoredIssue | undefined {
    return this.issues.get(key(repo, number));
  }

  all(): StoredIssue[] {
    return [...this.issues.values()];
  }

  /** A comment on `issue`; `throughApi` ones are also listed by `postedComments`. */
  addComment(issue: StoredIssue, body: string, login: string, now: Date, throughApi = true): StoredComment {
    const at = githubTime(now);
    const comment: StoredComment = { id: this.nextCommentId++, body, login, created_at: at, updated_at: at };
    issue.comments.push(comment);
    issue.updated_at = at;
    if (throughApi)
      this.posted.push({
        repo: issue.repo,
        number: issue.number,
        id: comment.id,
        body,
        login,
        created_at: at,
      });
    return comment;
  }

  postedComments(): PostedComment[] {
    return this.posted.map((comment) => ({ ...comment }));
  }

  private addRepo(repo: string): void {
    this.repos.set(repo.toLowerCase(), repo);
  }

  private addIssue(issue: ScenarioIssue, id: number): void {
    this.addRepo(issue.repo);
    const created = issue.created_at
      ? new Date(issue.created_at)
      : new Date(this.baseTime + issue.number * UNDATED_STEP_MS);
    const comments = issue.comments.map((comment, index): StoredComment => {
      const at = githubTime(
        comment.created_at
          ? new Date(comment.created_at)
          : new Date(created.getTime() + (index + 1) * MINUTE),
      );
      return {
        id: this.nextCommentId++,
        body: comment.body,
        login: comment.user.login,
        created_at: at,
        updated_at: at,
      };
    });
    const lastActivity = comments.at(-1)?.created_at ?? githubTime(created);
    const stored: StoredIssue = {
      id,
      repo: this.repo(...split(issue.repo)) ?? issue.repo,
      number: issue.number,
      title: issue.title,
      state: issue.state,
      body: issue.body,
      login: issue.user?.login ?? 'sandbox-user',
      labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
      created_at: githubTime(created),
      updated_at: issue.updated_at ? githubTime(new Date(issue.updated_at)) : lastActivity,
      closed_at:
        issue.closed_at !== undefined && issue.closed_at !== null
          ? githubTime(new Date(issue.closed_at))
          : issue.state === 'closed'
            ? lastActivity
            : null,
      comments,
    };
    if (issue.pull_request) stored.pull_request = issue.pull_request;
    this.issues.set(key(stored.repo, stored.number), stored);
  }
}

function key(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

function split(repo: string): [string, string] {
  const [owner = '', name = ''] = repo.split('/');
  return [owner, name];
}
