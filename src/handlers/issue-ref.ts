/**
 * An issue is named by its number, `#N`, or any URL ending in `{repo}/issues/N` whatever the host:
 * alerts link to the web host, not the API host (CONTRACT.md section 1).
 */

const MAX_ISSUE = 10_000_000;

/** Parses a whole argument (`4711`, `#4711`, a URL); null when it is not an issue of `repo`. */
export function parseIssueRef(text: string, repo: string): number | null {
  const value = text.trim();
  const bare = /^#?(\d{1,8})$/.exec(value);
  if (bare) return toIssueNumber(bare[1]);
  const url = issueUrlPattern(repo, true).exec(value);
  return url ? toIssueNumber(url[1]) : null;
}

/** Finds the first reference to an issue of `repo` inside free text (an alert): a URL first, then `#N`. */
export function findIssueRef(text: string, repo: string): number | null {
  const url = issueUrlPattern(repo, false).exec(text);
  if (url) return toIssueNumber(url[1]);
  const hash = /(?:^|[\s(:])#(\d{1,8})\b/.exec(text);
  return hash ? toIssueNumber(hash[1]) : null;
}

function issueUrlPattern(repo: string, whole: boolean): RegExp {
  const escaped = repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = `https?://[^\\s/<>|]+(?:/[^\\s<>|]*)?/${escaped}/issues/(\\d{1,8})(?:[#?][^\\s<>|]*)?/?`;
  return new RegExp(whole ? `^<?${body}>?$` : body, 'i');
}

function toIssueNumber(digits: string | undefined): number | null {
  const n = Number(digits);
  return Number.isInteger(n) && n > 0 && n < MAX_ISSUE ? n : null;
}
