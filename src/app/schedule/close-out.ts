/**
 * The end of an investigation: every target resolved (the gap issue is closed, or lists none of them
 * any more). A close-out summary goes to the thread and the issue, each once (recorded under a key,
 * and the issue comment found again by its hidden marker after a crash), then the status is resolved.
 */
import type { GapIssue } from '../../investigation/ports.js';
import type { Category } from '../../runbook/model.js';
import { formatDuration } from '../../runbook/report/duration.js';
import { escapeMarkdown } from '../../runbook/report/escape-markdown.js';
import { CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { formatUtc } from '../../runbook/report/summary.js';
import type { FindingRecord, InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { closeOutMarker, findOwnMarked } from '../markers.js';
import type { CloseOutFacts } from '../notifier.js';

export type CloseOutDeps = Pick<AppContext, 'store' | 'ports' | 'identity' | 'notifier' | 'logger'>;

export type CloseOutReason = 'issue_closed' | 'none_listed';

export const CLOSE_OUT_REASONS: Record<CloseOutReason, string> = {
  issue_closed: 'the gap issue was closed',
  none_listed: 'the gap issue no longer lists any of its IPs',
};

export async function closeOut(
  deps: CloseOutDeps,
  record: InvestigationRecord,
  issue: GapIssue,
  reason: CloseOutReason,
  now: Date,
): Promise<void> {
  const { store } = deps;
  const findings = await store.listFindings(record.id);
  const unresolved = findings.filter((f) => f.resolvedAt === null).map((f) => f.ip);
  if (unresolved.length > 0) await store.markFindingsResolved(record.id, unresolved, now);
  const done = (await store.listActions({ repo: record.repo, issueNumber: record.issueNumber })).filter(
    (a) => a.investigationId === record.id && a.status === 'done',
  ).length;
  const facts: CloseOutFacts = {
    reason,
    total: findings.length,
    byCategory: countCategories(findings),
    actions: done,
    took: formatDuration(now.getTime() - record.startedAt.getTime()),
  };
  const posted = new Set((await store.listMessages(record.id)).map((m) => m.key));

  if (!posted.has('close-out')) {
    const ts = await deps.notifier.closedOut(record, facts);
    if (ts) await store.recordMessage({ investigationId: record.id, key: 'close-out', ref: ts });
  }
  if (!posted.has('close-out-comment')) {
    const marker = closeOutMarker(record);
    const existing = findOwnMarked(issue.comments, await deps.identity.github(), marker);
    const ref = existing
      ? `${issue.url}#issuecomment-${existing.id}`
      : (
          await deps.ports.issues.postComment(
            record.repo,
            record.issueNumber,
            `${marker}\n${issueText(facts, now)}`,
          )
        ).url;
    await store.recordMessage({ investigationId: record.id, key: 'close-out-comment', ref });
  }
  await store.updateInvestigation(record.id, { status: 'resolved', finishedAt: now, leaseUntil: null });
  deps.logger.info(
    { investigation: record.id, issue: `${record.repo}#${record.issueNumber}`, reason },
    'investigation closed out',
  );
}

function countCategories(findings: FindingRecord[]): [Category, number][] {
  const counts = new Map<Category, number>();
  for (const f of findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const actionsTaken = (n: number) => (n === 1 ? '1 action was taken' : `${n} actions were taken`);

function issueText(facts: CloseOutFacts, now: Date): string {
  const rows = facts.byCategory.map(
    ([category, n]) => `| ${escapeMarkdown(CATEGORY_LABELS[category] ?? category)} | ${n} |`,
  );
  return [
    '### nessus-gap: closed out',
    '',
    `All ${plural(facts.total, 'unscanned IP')} of this issue are resolved: ${CLOSE_OUT_REASONS[facts.reason]} (checked ${formatUtc(now) ?? now.toISOString()}, ${facts.took} after the investigation started). ${actionsTaken(facts.actions)} from Slack.`,
    '',
    '| Cause found | IPs |',
    '| --- | ---: |',
    ...rows,
  ].join('\n');
}
