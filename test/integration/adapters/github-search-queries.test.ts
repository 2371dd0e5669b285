/** How search terms are packed into GitHub issue-search queries (at most 256 characters, five ORs). */
import { describe, expect, it } from '@jest/globals';
import {
  buildTicketSearchQueries,
  MAX_QUERY_LENGTH,
} from '../../../src/integrations/github/ticket-search-queries.js';

const REPO = 'alchemy-conductors/team';

describe('buildTicketSearchQueries', () => {
  it('puts up to six quoted terms in one query joined by OR', () => {
    const plan = buildTicketSearchQueries(REPO, ['10.0.0.1', '10.0.0.2', 'app-01']);
    expect(plan).toEqual({
      queries: [`repo:${REPO} is:issue "10.0.0.1" OR "10.0.0.2" OR "app-01"`],
      skipped: [],
    });
  });

  it('never uses more than five ORs, and never exceeds 256 characters', () => {
    const terms = Array.from({ length: 100 }, (_, i) => `prod-dal10-carrier6-worker-${i}.example.internal`);
    const plan = buildTicketSearchQueries(REPO, terms);
    for (const q of plan.queries) {
      expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expect(q.split(' OR ').length).toBeLessThanOrEqual(6);
    }
    const packed = plan.queries.flatMap((q) => [...q.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    expect(packed).toEqual(terms);
    expect(plan.queries.length).toBeLessThan(terms.length);
  });

  it('packs six short terms per query', () => {
    const terms = Array.from({ length: 13 }, (_, i) => `10.1.1.${i}`);
    expect(buildTicketSearchQueries(REPO, terms).queries).toHaveLength(3);
  });

  it('drops duplicates, and skips terms that could change the query or cannot fit', () => {
    const plan = buildTicketSearchQueries(REPO, [
      '10.0.0.1',
      '10.0.0.1',
      'App-01',
      'app-01',
      'x" OR "y',
      'a b',
      'z'.repeat(300),
    ]);
    expect(plan.queries).toEqual([`repo:${REPO} is:issue "10.0.0.1" OR "App-01"`]);
    expect(plan.skipped).toEqual(['x" OR "y', 'a b', 'z'.repeat(300)]);
  });

  it('makes no query from no terms', () => {
    expect(buildTicketSearchQueries(REPO, [])).toEqual({ queries: [], skipped: [] });
  });
});
