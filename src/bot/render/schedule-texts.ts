/**
 * What the schedule says in Slack: the close-out of an investigation, the working-hours reminder of
 * what is still unscanned, and scanners that changed health.
 */
import type { CloseOutFacts, ScannerChange } from '../../app/notifier.js';
import { CLOSE_OUT_REASONS } from '../../app/schedule/close-out.js';
import type { Category } from '../../runbook/model.js';
import { formatDuration } from '../../runbook/report/duration.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { formatUtc } from '../../runbook/report/summary.js';
import type { FindingRecord, InvestigationRecord } from '../../store/store.js';
import { escapeInline } from './escape-mrkdwn.js';
import { issueLabel } from './issue-label.js';
import { inThreadOrder } from './thread-order.js';

const IPS_PER_CAUSE = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const actionsTaken = (n: number) => (n === 1 ? '1 action was taken' : `${n} actions were taken`);

export function closeOutText(record: InvestigationRecord, facts: CloseOutFacts): string {
  const causes = facts.byCategory
    .map(
      ([category, n]) => `${CATEGORY_EMOJI[category] ?? ''} ${CATEGORY_LABELS[category] ?? category}: ${n}`,
    )
    .join('\n');
  return [
    `:tada: *${issueLabel({ repo: record.repo, number: record.issueNumber })} is closed out*: ${CLOSE_OUT_REASONS[facts.reason]}, so all ${plural(facts.total, 'IP')} count as resolved, ${facts.took} after the investigation started.`,
    `${actionsTaken(facts.actions)} from this thread. Causes found:`,
    causes,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function reminderText(record: InvestigationRecord, unresolved: FindingRecord[], now: Date): string {
  const oldest = new Date(Math.min(...unresolved.map((f) => f.firstSeen.getTime()), now.getTime()));
  const count = unresolved.length === 1 ? '1 IP is' : `${unresolved.length} IPs are`;
  const head = `:alarm_clock: Reminder: ${count} still unscanned on ${issueLabel({ repo: record.repo, number: record.issueNumber })}, for ${formatDuration(now.getTime() - oldest.getTime())} (first seen ${formatUtc(oldest) ?? oldest.toISOString()}).`;
  const byCategory = new Map<Category, FindingRecord[]>();
  for (const f of unresolved) {
    const list = byCategory.get(f.category) ?? [];
    list.push(f);
    byCategory.set(f.category, list);
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

export function healthText(changes: ScannerChange[], now: Date): string {
  return changes
    .map((c) => {
      const name = `*${escapeInline(c.name, 100)}*`;
      const status = escapeInline(c.status, 300);
      if (!c.healthy) {
        const since = c.was ? ` (was ${escapeInline(c.was.status, 100)})` : '';
        return `:red_circle: Nessus scanner ${name} is unhealthy: ${status}${since}.`;
      }
      const down = c.was ? ` after ${formatDuration(now.getTime() - c.was.since.getTime())} unhealthy` : '';
      return `:large_green_circle: Nessus scanner ${name} recovered${down}: ${status}.`;
    })
    .join('\n');
}
