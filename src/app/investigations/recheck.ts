/**
 * Runs the checks of an open investigation again (all its targets, or one IP), saves what changed,
 * and tells the thread (the summary gets the new counts).
 */
import { investigateIssue } from '../../investigation/investigate.js';
import type { GapIssue } from '../../investigation/ports.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import { countByCategory } from '../../runbook/report/json.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import type { Change } from '../notifier.js';

export type { Change } from '../notifier.js';

export interface RecheckResult {
  report: InvestigationReport;
  changes: Change[];
}

export interface RecheckOptions {
  onlyIp?: string;
  requestedBy?: string;
  /** The issue as just read (the schedule reads it first to see what is resolved). */
  issue?: GapIssue;
  /** Say nothing when nothing changed (the hourly schedule). */
  quiet?: boolean;
}

export type RecheckDeps = Pick<AppContext, 'store' | 'investigation' | 'notifier' | 'now'>;

export async function recheckInvestigation(
  deps: RecheckDeps,
  record: InvestigationRecord,
  options: RecheckOptions = {},
): Promise<RecheckResult> {
  const { store } = deps;
  const previous = new Map((await store.listFindings(record.id)).map((f) => [f.ip, f.finding]));
  const { report: fresh } = await investigateIssue(record.issueNumber, deps.investigation, {
    ...(options.onlyIp ? { onlyIps: new Set([options.onlyIp]) } : {}),
    ...(options.issue ? { issue: options.issue } : {}),
  });
  const changes: Change[] = fresh.findings
    .filter((f) => previous.get(f.ip)?.category !== f.category)
    .map((f) => ({
      ip: f.ip,
      hostname: f.hostname,
      from: previous.get(f.ip)?.category ?? null,
      to: f.category,
    }));
  await store.saveFindings(record.id, fresh.findings, deps.now());

  // The whole picture: fresh findings over the stored ones (a one-IP re-check changes one line).
  const merged = new Map(previous);
  for (const f of fresh.findings) merged.set(f.ip, f);
  const findings = [...merged.values()];
  // The history was read when the investigation ran; a re-check keeps it rather than read it again.
  const history = record.report?.history;
  const report: InvestigationReport = {
    ...fresh,
    findings,
    counts: countByCategory(findings),
    ...(history ? { history } : {}),
  };
  await store.updateInvestigation(record.id, { report });

  if (!(options.quiet && changes.length === 0)) {
    await deps.notifier.rechecked(record, {
      report,
      changes,
      checked: fresh.findings.length,
      ...(options.onlyIp ? { onlyIp: options.onlyIp } : {}),
      ...(options.requestedBy ? { requestedBy: options.requestedBy } : {}),
    });
  }
  return { report, changes };
}
