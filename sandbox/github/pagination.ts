/**
 * GitHub-style paging: `per_page` (default 30, at most 100) and `page`, with a `Link` header whose
 * absolute URLs the client follows as is (`octokit.paginate` reads rel="next").
 */
import type { EmulatorRequest } from '../http-kit.js';

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export interface PageRequest {
  page: number;
  perPage: number;
}

/** GitHub ignores junk paging parameters rather than rejecting them. */
export function pageRequest(request: EmulatorRequest): PageRequest {
  const perPage = positiveInt(request.query.get('per_page')) ?? 30;
  return { page: positiveInt(request.query.get('page')) ?? 1, perPage: Math.min(perPage, 100) };
}

/** Slices one page; `reachable` caps how far pages go (search stops at 1000 results). */
export function paginate<T>(
  request: EmulatorRequest,
  all: T[],
  paging: PageRequest,
  reachable = Number.POSITIVE_INFINITY,
): Page<T> {
  const { page, perPage } = paging;
  const items = all.slice((page - 1) * perPage, page * perPage);
  const lastPage = Math.max(1, Math.ceil(Math.min(all.length, reachable) / perPage));
  const links: string[] = [];
  const link = (target: number, rel: string) =>
    links.push(`<${pageUrl(request, target, perPage)}>; rel="${rel}"`);
  if (page > 1) link(Math.min(page - 1, lastPage), 'prev');
  if (page < lastPage) {
    link(page + 1, 'next');
    link(lastPage, 'last');
  }
  if (page > 1) link(1, 'first');
  return { items, headers: links.length ? { link: links.join(', ') } : {} };
}

function pageUrl(request: EmulatorRequest, page: number, perPage: number): string {
  const query = new URLSearchParams(request.query);
  query.set('per_page', String(perPage));
  query.set('page', String(page));
  return `http://${request.headers.host ?? '127.0.0.1'}${request.path}?${query.toString()}`;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
}
