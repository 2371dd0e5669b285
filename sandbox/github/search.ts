/**
 * `GET /search/issues`, as fuzzy as the real one: text is split on punctuation into tokens and a query
 * term matches when each of its tokens starts some token of the title, body or comments, in any order.
 * So `"10.20.30.4"` finds `10.20.30.40` and `app-05` finds `app-050`: callers must post-filter.
 * Terms side by side must all match; `OR` separates alternatives. Qualifiers: repo:, is:/type:
 * (issue, pr, open, closed), state:, in:title,body,comments, label:.
 */
import type { StoredIssue } from './store.js';

export type SearchField = 'title' | 'body' | 'comments';

export interface SearchQuery {
  repos: string[];
  kind: 'issue' | 'pr' | null;
  state: 'open' | 'closed' | null;
  fields: SearchField[];
  labels: string[];
  /** OR of alternatives; each alternative is an AND of terms; each term is its tokens. */
  alternatives: string[][][];
}

const QUALIFIERS = new Set(['repo', 'is', 'type', 'state', 'in', 'label', 'author', 'user', 'org', 'sort']);
const ALL_FIELDS: SearchField[] = ['title', 'body', 'comments'];

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = {
    repos: [],
    kind: null,
    state: null,
    fields: ALL_FIELDS,
    labels: [],
    alternatives: [],
  };
  let current: string[][] = [];
  for (const match of q.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const quoted = match[1];
    const word = match[2];
    if (word === 'OR') {
      if (current.length) query.alternatives.push(current);
      current = [];
      continue;
    }
    if (word === 'AND') continue;
    const qualifier = word === undefined ? null : /^(-?)([a-z]+):(.+)$/.exec(word);
    if (qualifier && QUALIFIERS.has(qualifier[2] ?? '')) {
      // Negated qualifiers only narrow the real results; ignoring them keeps the emulator generous.
      if (!qualifier[1]) applyQualifier(query, qualifier[2] ?? '', unquote(qualifier[3] ?? ''));
      continue;
    }
    const termTokens = tokens(quoted ?? word ?? '');
    if (termTokens.length) current.push(termTokens);
  }
  if (current.length) query.alternatives.push(current);
  return query;
}

function applyQualifier(query: SearchQuery, name: string, value: string): void {
  const lower = value.toLowerCase();
  if (name === 'repo') query.repos.push(lower);
  else if ((name === 'is' || name === 'type') && (lower === 'issue' || lower === 'pr')) query.kind = lower;
  else if ((name === 'is' || name === 'state') && (lower === 'open' || lower === 'closed'))
    query.state = lower;
  else if (name === 'in') {
    const fields = lower
      .split(',')
      .filter((field): field is SearchField => ALL_FIELDS.includes(field as SearchField));
    if (fields.length) query.fields = fields;
  } else if (name === 'label') query.labels.push(lower);
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1');
}

export function matches(issue: StoredIssue, query: SearchQuery): boolean {
  if (query.repos.length && !query.repos.includes(issue.repo.toLowerCase())) return false;
  if (query.kind === 'issue' && issue.pull_request) return false;
  if (query.kind === 'pr' && !issue.pull_request) return false;
  if (query.state && issue.state !== query.state) return false;
  const labels = issue.labels.map((label) => label.toLowerCase());
  if (!query.labels.every((label) => labels.includes(label))) return false;
  if (!query.alternatives.length) return true;
  const haystack = new Set(searchableText(issue, query.fields).flatMap(tokens));
  const found = (token: string) => {
    if (haystack.has(token)) return true;
    for (const candidate of haystack) if (candidate.startsWith(token)) return true;
    return false;
  };
  return query.alternatives.some((terms) => terms.every((termTokens) => termTokens.every(found)));
}

function searchableText(issue: StoredIssue, fields: SearchField[]): string[] {
  const parts: string[] = [];
  if (fields.includes('title')) parts.push(issue.title);
  if (fields.includes('body') && issue.body) parts.push(issue.body);
  if (fields.includes('comments')) for (const comment of issue.comments) parts.push(comment.body);
  return parts;
}
