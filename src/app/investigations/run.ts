/**
 * Runs one investigation: gathers and diagnoses, keeps the claim alive, reports progress, adds what
 * the store remembers of the targets (src/app/investigations/history.ts), saves the findings and the report, then publishes them (src/app/investigations/publish.ts). Also the entry
 * point of a run resumed after a crash.
 */
import { errorMessage } from '../../errors.js';
import { investigateIssue, type Progress } from '../../investigation/investigate.js';
import type { GapIssue, IssueComment } from '../../investigation/ports.js';
import { yieldToLoop } from '../../investigation/yield-to-loop.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { withHistory } from './history.js';
import { type PublishDeps, publishReport } from './publish.js';

/** How long a replica's claim on a running investigation holds without renewal. */
export const INVESTIGATION_LEASE_MS = 10 * 60_000;
/** Progress is reported at most once per this many ms (Slack's pace: chat.update is tier 3). */
const PROGRESS_EVERY_MS = 1000;

export type RunDeps = PublishDeps & Pick<AppContext, 'investigation'>;

export interface RunOptions {
  /**
   * A run picked up after a crash: before posting, what the dead run posted but did not get to
   * record is looked for, so nothing is posted twice.
   */
  resumed?: boolean;
}

/** Investigates and publishes; `issue` is read again when not given (a resumed run). */
export async function runInvestigation(
  deps: RunDeps,
  record: InvestigationRecord,
  issue?: GapIssue,
  options: RunOptions = {},
): Promise<InvestigationReport | null> {
  // The claim is renewed while the run lasts, so no other replica takes over a slow but live run.
  const renew = setInterval(() => {
    void deps.store
      .updateInvestigation(record.id, {
        leaseUntil: new Date(deps.now().getTime() + INVESTIGATION_LEASE_MS),
      })
      .catch(() => {});
  }, INVESTIGATION_LEASE_MS / 3);
  renew.unref();
  try {
    return await investigateAndPublish(deps, record, issue, options);
  } finally {
    clearInterval(renew);
  }
}

async function investigateAndPublish(
  deps: RunDeps,
  record: InvestigationRecord,
  issue: GapIssue | undefined,
  options: RunOptions,
): Promise<InvestigationReport | null> {
  const log = deps.logger.child({
    investigation: record.id,
    issue: `${record.repo}#${record.issueNumber}`,
  });
  const { store, notifier } = deps;

  let lastReport = 0;
  let reports = Promise.resolve();
  const onProgress = (progress: Progress) => {
    if (progress.phase !== 'probes' || progress.total === 0) return;
    const now = Date.now();
    if (now - lastReport < PROGRESS_EVERY_MS && progress.done < progress.total) return;
    lastReport = now;
    const counts = { done: progress.done, total: progress.total };
    reports = reports
      .then(() => notifier.progress(record, counts))
      .then(() =>
        store.updateInvestigation(record.id, { progressDone: counts.done, progressTotal: counts.total }),
      )
      .catch((error) => log.warn({ err: errorMessage(error) }, 'progress update failed'));
  };

  let report: InvestigationReport;
  let comments: IssueComment[] = [];
  try {
    const outcome = await investigateIssue(record.issueNumber, deps.investigation, {
      onProgress,
      ...(issue ? { issue } : {}),
    });
    report = await withHistory(deps, record, outcome.report);
    comments = outcome.issue.comments;
    await reports;
  } catch (error) {
    await reports;
    const reason = errorMessage(error);
    log.error({ err: reason }, 'investigation failed');
    await notifier.failed(record, reason);
    await store.updateInvestigation(record.id, { status: 'failed', finishedAt: deps.now() });
    return null;
  }

  await store.saveFindings(record.id, report.findings, deps.now());
  await yieldToLoop();
  await store.updateInvestigation(record.id, {
    report,
    progressDone: report.findings.length,
    progressTotal: report.findings.length,
  });
  await yieldToLoop();
  await publishReport(deps, record, report, options.resumed ? { adoptFrom: { comments } } : {});
  await store.updateInvestigation(record.id, {
    status: 'open',
    finishedAt: deps.now(),
    leaseUntil: null,
  });
  log.info({ findings: report.findings.length, counts: report.counts }, 'investigation posted');
  return report;
}
