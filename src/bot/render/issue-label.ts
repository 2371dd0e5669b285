/** How a gap issue is named in Slack: `alcatraz#5120`, short enough for a phone. */
import { shortIssueLabel } from '../../runbook/report/issue-label.js';
import { escapeInline, mrkdwnLink } from './escape-mrkdwn.js';

/** `alcatraz#5120` for `alchemy-conductors/alcatraz` issue 5120, escaped for mrkdwn or plain_text. */
export function issueLabel(issue: { repo: string; number: number }): string {
  return escapeInline(shortIssueLabel(issue), 120);
}

/** The label, linked to the issue when its URL is a plain http(s) URL. */
export function issueLink(issue: { repo: string; number: number; url?: string }): string {
  return issue.url === undefined ? issueLabel(issue) : mrkdwnLink(issue.url, shortIssueLabel(issue), 120);
}

/** The same, unescaped: for plain_text builders, which escape themselves. */
export { shortIssueLabel as rawIssueLabel };
