/**
 * The replies an investigation posts under its summary, in order: one message per category present
 * (THREAD_ORDER: what a person can settle now first), each with a stable key so posting can resume
 * after a crash without duplicates. The summary itself is not part of the plan: it is posted when the
 * investigation starts and updated in place (`renderSummary`).
 *
 * Size is bounded whatever the report: a category shows its first findings and sums up the rest with
 * bulk buttons, so 1000 findings normally make one message per category (15 at most). When findings
 * carry so many buttons that a category splits and the plan would pass MAX_THREAD_MESSAGES, fewer
 * findings per message are shown instead (halving until it fits, down to one).
 */
import type { InvestigationReport } from '../../runbook/finding.js';
import type { Category } from '../../runbook/model.js';
import { groupByCategory } from '../../runbook/report/summary.js';
import type { SlackMessage } from './blocks.js';
import { type CategoryContext, renderCategory } from './category.js';
import { DEFAULT_FINDINGS_PER_MESSAGE, MAX_FINDINGS_PER_MESSAGE, MAX_THREAD_MESSAGES } from './limits.js';
import { inThreadOrder } from './thread-order.js';

export interface PlannedMessage extends SlackMessage {
  /** `category:<category>:<n>`: the same report always gives the same keys. */
  key: string;
  category: Category;
}

export function planThread(report: InvestigationReport, ctx: CategoryContext): PlannedMessage[] {
  const groups = inThreadOrder(groupByCategory(report.findings));
  let perMessage = Math.min(MAX_FINDINGS_PER_MESSAGE, ctx.maxPerMessage ?? DEFAULT_FINDINGS_PER_MESSAGE);
  for (;;) {
    const plan = groups.flatMap((group) =>
      renderCategory(group.category, group.findings, { ...ctx, maxPerMessage: perMessage }).map(
        (message, index) => ({
          key: `category:${group.category}:${index}`,
          category: group.category,
          ...message,
        }),
      ),
    );
    if (plan.length <= MAX_THREAD_MESSAGES || perMessage <= 1) return plan;
    perMessage = Math.max(1, Math.floor(perMessage / 2));
  }
}
