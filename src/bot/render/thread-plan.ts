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
import { historyLinesByIp } from '../../runbook/history/describe.js';
import type { Category } from '../../runbook/model.js';
import { groupByCategory } from '../../runbook/report/summary.js';
import type { SlackMessage } from './blocks.js';
import { type CategoryContext, renderCategory } from './category.js';
import {
  DEFAULT_FINDINGS_PER_MESSAGE,
  MAX_FINDINGS_PER_MESSAGE,
  MAX_THREAD_MESSAGES,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
} from './limits.js';
import { inThreadOrder } from './thread-order.js';
import { measureText } from './validate-blocks.js';

export interface PlannedMessage extends SlackMessage {
  /** `category:<category>:<n>`: the same report always gives the same keys. */
  key: string;
  category: Category;
}

/**
 * Replies the plan may hold: the thread's message budget less the summary and the report file,
 * which are messages too (a thousand findings stay within MAX_THREAD_MESSAGES in all).
 */
export const MAX_PLANNED_REPLIES = MAX_THREAD_MESSAGES - 2;

export function planThread(
  report: InvestigationReport,
  ctx: CategoryContext,
  maxReplies: number = MAX_PLANNED_REPLIES,
): PlannedMessage[] {
  const groups = inThreadOrder(groupByCategory(report.findings));
  const history = historyLinesByIp(report.history);
  const withHistory: CategoryContext = history.size > 0 ? { ...ctx, history } : ctx;
  let perMessage = Math.min(MAX_FINDINGS_PER_MESSAGE, ctx.maxPerMessage ?? DEFAULT_FINDINGS_PER_MESSAGE);
  for (;;) {
    const plan = groups.flatMap((group) =>
      renderCategory(group.category, group.findings, { ...withHistory, maxPerMessage: perMessage }).map(
        (message, index) => ({
          key: `category:${group.category}:${index}`,
          category: group.category,
          ...message,
        }),
      ),
    );
    if (plan.length <= maxReplies) return plan;
    // Many causes at once: several categories share a message before any shows fewer findings.
    const packed = pack(plan, maxReplies);
    if (packed.length <= maxReplies || perMessage <= 1) return packed;
    perMessage = Math.max(1, Math.floor(perMessage / 2));
  }
}

/**
 * Joins neighbouring messages, the smallest pair first, until the plan fits `maxReplies` or no pair
 * fits in one message (Slack's block count and the text budget): most causes keep a message of their own.
 */
function pack(plan: PlannedMessage[], maxReplies: number): PlannedMessage[] {
  const out = [...plan];
  while (out.length > maxReplies) {
    let best: { index: number; merged: PlannedMessage; size: number } | null = null;
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i] as PlannedMessage;
      const b = out[i + 1] as PlannedMessage;
      const blocks = [...a.blocks, { type: 'divider' as const }, ...b.blocks];
      const merged: PlannedMessage = {
        ...a,
        key: `${a.key}+${b.key}`,
        text: `${a.text}\n${b.text}`.slice(0, 3000),
        blocks,
      };
      const size = measureText(merged);
      if (blocks.length > SLACK_LIMITS.blocksPerMessage || size > MESSAGE_TEXT_BUDGET) continue;
      if (!best || size < best.size) best = { index: i, merged, size };
    }
    if (!best) break;
    out.splice(best.index, 2, best.merged);
  }
  return out;
}
