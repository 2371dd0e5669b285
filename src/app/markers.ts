/**
 * The hidden markers that let the bot find its own comments on a gap issue again (after a crash, a
 * retry, a close-out), and the one rule for trusting a marked comment: its author is the bot's own
 * GitHub login. A marker names an investigation by its id and its random `marker` (unguessable, and
 * never the same in a new store), so neither a copied marker nor an old investigation's comment with
 * the same id is taken for this one's.
 */
import type { IssueComment } from '../investigation/ports.js';
import type { InvestigationRecord } from '../store/store.js';

type Named = Pick<InvestigationRecord, 'id' | 'marker'>;

/** ` ref=<marker>`, or nothing for investigations begun before markers had one. */
function ref(record: Named): string {
  return record.marker ? ` ref=${record.marker}` : '';
}

export function reportMarker(record: Named, part: number): string {
  return `<!-- nessus-gap:report investigation=${record.id}${ref(record)} part=${part} -->`;
}

export function closeOutMarker(record: Named): string {
  return `<!-- nessus-gap:close-out investigation=${record.id}${ref(record)} -->`;
}

/** Written by `login` (GitHub logins are case-insensitive). */
export function isOwnComment(comment: IssueComment, login: string): boolean {
  return comment.author !== null && comment.author.toLowerCase() === login.toLowerCase();
}

/** The first comment by `login` that starts with `marker`. */
export function findOwnMarked(
  comments: readonly IssueComment[],
  login: string,
  marker: string,
): IssueComment | undefined {
  return comments.find((c) => isOwnComment(c, login) && c.body.startsWith(marker));
}

/**
 * The bot's comment documenting `action` on `ip` for this investigation: its hidden action marker
 * (src/runbook/report/action-comment.ts) names the action, the IP and the issue, and the
 * investigation's random marker as `ref`.
 */
export function findOwnActionComment(
  comments: readonly IssueComment[],
  login: string,
  record: Named & Pick<InvestigationRecord, 'repo' | 'issueNumber'>,
  action: { action: string; ip: string },
): IssueComment | undefined {
  const names = `nessus-gap:action action=${action.action} ip=${action.ip} issue=${record.repo}#${record.issueNumber} `;
  return comments.find(
    (c) =>
      isOwnComment(c, login) &&
      c.body.includes(names) &&
      (record.marker === null || c.body.includes(` ref=${record.marker} `)),
  );
}

/** What every marker starts with: a comment by the bot's login with it is the bot's work. */
export const MARKER_PREFIX = '<!-- nessus-gap:';
