/**
 * Gives a fresh report what the store remembers of its targets and scanners: one read of the
 * findings of all its IPs, the actions of the issues they were on, and the scanners' health changes,
 * turned into the report's `history` by the pure builder. History is a help, not the investigation:
 * when the store cannot give it, the report goes out without it and the log says why.
 */
import { errorMessage } from '../../errors.js';
import { actionDescriptor, isActionVerb } from '../../runbook/actions/index.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import { RECURRING_WINDOW_DAYS } from '../../runbook/history/recurring.js';
import { buildReportHistory } from '../../runbook/history/report-history.js';
import { SCANNER_DOWN_WINDOW_DAYS } from '../../runbook/history/scanner-downtime.js';
import type { PastAction, PastFinding } from '../../runbook/history/types.js';
import { daysBefore } from '../../runbook/history/window.js';
import type { InvestigationRecord, Store } from '../../store/store.js';
import type { AppContext } from '../context.js';

export type HistoryDeps = Pick<AppContext, 'store' | 'now' | 'logger'>;

export async function withHistory(
  deps: HistoryDeps,
  record: InvestigationRecord,
  report: InvestigationReport,
): Promise<InvestigationReport> {
  const now = deps.now();
  try {
    const ips = [...new Set(report.findings.map((f) => f.ip))];
    const past =
      ips.length === 0
        ? []
        : await deps.store.listFindingsSince(daysBefore(now, RECURRING_WINDOW_DAYS), { ips });
    const history = buildReportHistory({
      current: { investigationId: record.id, startedAt: record.startedAt, findings: report.findings },
      past,
      actions: await pastActions(deps.store, past, record.id),
      scannerChanges: await deps.store.listScannerHealthChanges(daysBefore(now, SCANNER_DOWN_WINDOW_DAYS)),
      scannerStates: await deps.store.listScannerHealth(),
      scanners: report.scanners.map((s) => s.name),
      now,
    });
    return { ...report, history };
  } catch (error) {
    deps.logger.warn(
      { investigation: record.id, err: errorMessage(error) },
      'history not read; reported without it',
    );
    return report;
  }
}

/** Done actions that changed something, on these findings' IPs in their own investigations. */
async function pastActions(
  store: Store,
  past: readonly PastFinding[],
  currentId: number,
): Promise<PastAction[]> {
  const earlier = past.filter((f) => f.investigationId !== currentId);
  const wanted = new Set(earlier.map((f) => `${f.investigationId}:${f.ip}`));
  const issues = new Map(earlier.map((f) => [`${f.repo}#${f.issueNumber}`, f]));
  const actions: PastAction[] = [];
  // One read per earlier issue: a target seldom sits on more than a handful within the window.
  for (const { repo, issueNumber } of issues.values()) {
    for (const a of await store.listActions({ repo, issueNumber })) {
      if (a.status !== 'done' || !wanted.has(`${a.investigationId}:${a.ip}`)) continue;
      if (!isActionVerb(a.action) || !actionDescriptor(a.action).changes) continue;
      actions.push({
        investigationId: a.investigationId,
        ip: a.ip,
        action: actionDescriptor(a.action).name,
        by: a.userName ?? a.userId,
        at: a.finishedAt ?? a.createdAt,
      });
    }
  }
  return actions;
}
