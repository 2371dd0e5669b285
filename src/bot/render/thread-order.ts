/**
 * The order of the categories in Slack (the summary's lines and the thread's replies). Unlike the
 * rules' order (first match wins), it puts first what a person can settle now: inventory
 * corrections, then power and infrastructure tickets, hosts whose owners must act, scan tooling
 * work, checks that could not be made, and last the reachable targets. Each category's place is its
 * descriptor's `threadRank` (src/runbook/categories/).
 */
import { THREAD_ORDER } from '../../runbook/categories/index.js';
import type { Category } from '../../runbook/model.js';

export { THREAD_ORDER };

/** Sorts anything with a category into `THREAD_ORDER`. */
export function inThreadOrder<T extends { category: Category }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => THREAD_ORDER.indexOf(a.category) - THREAD_ORDER.indexOf(b.category));
}
