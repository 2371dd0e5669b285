/**
 * The working-hours reminder (default 09:00 Monday to Friday in the schedule's time zone): in each open
 * investigation's thread, what is still unscanned, by cause, and for how long (since the bot first saw
 * each IP on the issue). Threads with nothing left are not disturbed.
 */
import type { Category } from '../../runbook/model.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { formatUtc } from '../../runbook/report/summary.js';
import type { FindingRecord, InvestigationRecord } from '../../store/store.js';
import { escapeInline, mrkdwn } from '../render/escape-mrkdwn.js';
import { issueLabel } from '../render/issue-label.js';
import { inThreadOrder } from '../render/thread-order.js';
import type { BotServices } from '../services.js';
import { postMessage } from '../slack-post.js';
import { formatDuration } from './duration.js';

export interface ReminderJobResult {
  /** Investigation id -> Slack ts of the reminder posted in its thread. */
  reminded: Record<number, string>;
}

const IPS_PER_CAUSE = 5;

export async function remindOpenThreads(services: BotServices, now: Date): Promise<ReminderJobResult> {
  const result: ReminderJobResult = { reminded: {} };
  const open = (await services.store.listActiveInvestigations()).filter(
    (r) => r.status === 'open' && r.channel && r.threadTs,
  );
  for (const record of open) {
    const unresolved = (await services.store.listFindings(record.id)).filter((f) => f.resolvedAt === null);
    if (unresolved.length === 0) continue;
    const text = reminderText(record, unresolved, now);
    result.reminded[record.id] = await postMessage(
      services.slack,
      record.channel as string,
      { text: text.split('\n')[0] ?? text, blocks: [{ type: 'section', text: mrkdwn(text) }] },
      record.threadTs,
    );
  }
  return result;
}

export function reminderText(record: InvestigationRecord, unresolved: FindingRecord[], now: Date): string {
  const oldest = new Date(Math.min(...unresolved.map((f) => f.firstSeen.getTime()), now.getTime()));
  const count = unresolved.length === 1 ? '1 IP is' : `${unresolved.length} IPs are`;
  const head = `:alarm_clock: Reminder: ${count} still unscanned on ${issueLabel({ repo: record.repo, number: record.issueNumber })}, for ${formatDuration(now.getTime() - oldest.getTime())} (first seen ${formatUtc(oldest) ?? oldest.toISOString()}).`;
  const byCategory = new Map<Category, FindingRecord[]>();
  for (const f of unresolved) {
    const list = byCategory.get(f.category as Category) ?? [];
    list.push(f);
    byCategory.set(f.category as Category, list);
  }
  const groups = inThreadOrder(
    [...byCategory.entries()].map(([category, findings]) => ({ category, findings })),
  );
  const lines = groups.map(({ category, findings }) => {
    const ips = findings
      .slice(0, IPS_PER_CAUSE)
      .map((f) => escapeInline(f.ip))
      .join(', ');
    const more = findings.length > IPS_PER_CAUSE ? ` and ${findings.length - IPS_PER_CAUSE} more` : '';
    return `• ${CATEGORY_EMOJI[category] ?? ''} ${CATEGORY_LABELS[category] ?? escapeInline(category)} (${findings.length}): ${ips}${more}`;
  });
  return [head, ...lines, 'The buttons above still work; Re-check all refreshes the findings.'].join('\n');
}
