/**
 * Packs search terms into as few GitHub issue-search queries as the search syntax allows.
 *
 * GitHub (and GHES 3.14+) rejects a query longer than 256 characters or with more than five
 * AND/OR/NOT operators ("Troubleshooting search queries" in GitHub's docs), so one query can name
 * at most six terms. That is why searching is the optional mode: listing the repository's recent
 * issues costs pages, not targets.
 */

export const MAX_QUERY_LENGTH = 256;
export const MAX_OPERATORS = 5;

/** Terms we quote into a query: IPs and hostnames. Anything else could change the query's meaning. */
const SAFE_TERM = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export interface SearchQueryPlan {
  queries: string[];
  /** Terms left out: unsafe characters, or too long to fit even alone. */
  skipped: string[];
}

export function buildTicketSearchQueries(repo: string, terms: readonly string[]): SearchQueryPlan {
  const prefix = `repo:${repo} is:issue`;
  const queries: string[] = [];
  const skipped: string[] = [];
  let current: string[] = [];

  const render = (quoted: string[]) => `${prefix} ${quoted.join(' OR ')}`;
  const flush = () => {
    if (current.length) queries.push(render(current));
    current = [];
  };

  for (const term of dedupe(terms)) {
    const quoted = `"${term}"`;
    if (!SAFE_TERM.test(term) || render([quoted]).length > MAX_QUERY_LENGTH) {
      skipped.push(term);
      continue;
    }
    const candidate = [...current, quoted];
    if (candidate.length - 1 > MAX_OPERATORS || render(candidate).length > MAX_QUERY_LENGTH) {
      flush();
      current = [quoted];
    } else {
      current = candidate;
    }
  }
  flush();
  return { queries, skipped };
}

function dedupe(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}
