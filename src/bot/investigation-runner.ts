/**
 * Runs one investigation for Slack: claims it (one per issue at a time), posts the summary and keeps
 * it updated with progress, then posts the findings in the thread in order, the full report as a
 * file, and the report on the issue. Every message is recorded under a stable key, so a run that
 * resumes after a crash posts what was missing and nothing twice.
 */
import { errorMessage, NotFoundError } from '../errors.js';
import { investigateIssue, type Progress } from '../investigation/investigate.js';
import type { GapIssue } from '../investigation/ports.js';
import type { InvestigationReport } from '../runbook/finding.js';
import { renderIssueComments, renderMarkdown } from '../runbook/report/markdown.js';
import type { InvestigationRecord } from '../store/store.js';
import { renderSummary } from './render/summary.js';
import { planThread } from './render/thread-plan.js';
import type { BotServices } from './services.js';
import { postMessage, updateMessage } from './slack-post.js';

/** How long a replica's claim on a running investigation holds without renewal. */
export const INVESTIGATION_LEASE_MS = 10 * 60_000;
/** Above this many findings the full report also goes to the thread as a file. */
const REPORT_FILE_THRESHOLD = 20;
/** Progress edits of the summary, at most one per this many ms (Slack's pace; chat.update is tier 3). */
const PROGRESS_EVERY_MS = 1000;

export type StartResult =
  | { kind: 'started'; record: InvestigationRecord; done: Promise<void> }
  | { kind: 'already'; record: InvestigationRecord }
  | { kind: 'not_found'; message: string };

export interface StartRequest {
  issueNumber: number;
  channel: string;
  /** The alert's ts (reply in its thread), or null for a new thread in the channel (slash command). */
  threadTs: string | null;
}

export async function startInvestigation(services: BotServices, request: StartRequest): Promise<StartResult> {
  const repo = services.config.github.gapIssuesRepo;
  let issue: GapIssue;
  try {
    issue = await services.integrations.issues.getIssue(repo, request.issueNumber);
  } catch (error) {
    if (error instanceof NotFoundError)
      return { kind: 'not_found', message: `${repo}#${request.issueNumber} was not found.` };
    throw error;
  }
  const claim = await services.store.claimInvestigation({
    repo,
    issueNumber: issue.number,
    title: issue.title,
    channel: request.channel,
    threadTs: request.threadTs,
    owner: services.replica,
    leaseMs: INVESTIGATION_LEASE_MS,
    now: services.now(),
  });
  if (!claim.created) return { kind: 'already', record: claim.record };

  const record = claim.record;
  const summary = renderSummary({ report: null, issue, investigationId: record.id, status: 'running' });
  const ts = await postMessage(services.slack, request.channel, summary, request.threadTs);
  const threadTs = request.threadTs ?? ts;
  await services.store.updateInvestigation(record.id, { threadTs, summaryTs: ts });
  await services.store.recordMessage({ investigationId: record.id, key: 'summary', ref: ts });
  const started: InvestigationRecord = { ...record, threadTs, summaryTs: ts };
  const done = track(services, runInvestigation(services, started, issue));
  return { kind: 'started', record: started, done };
}

/** Investigates and posts; also the entry point of a resumed run (`issue` then read again). */
export async function runInvestigation(
  services: BotServices,
  record: InvestigationRecord,
  issue?: GapIssue,
): Promise<void> {
  const log = services.logger.child({
    investigation: record.id,
    issue: `${record.repo}#${record.issueNumber}`,
  });
  const { slack, store } = services;
  const channel = record.channel;
  const summaryTs = record.summaryTs;
  if (!channel || !summaryTs) throw new Error(`investigation ${record.id} has no Slack thread`);
  const issueRef = { repo: record.repo, number: record.issueNumber, title: record.title };

  let lastEdit = 0;
  let edits = Promise.resolve();
  const onProgress = (progress: Progress) => {
    if (progress.phase !== 'probes' || progress.total === 0) return;
    const now = Date.now();
    if (now - lastEdit < PROGRESS_EVERY_MS && progress.done < progress.total) return;
    lastEdit = now;
    const message = renderSummary({
      report: null,
      issue: issueRef,
      investigationId: record.id,
      status: 'running',
      progress: { done: progress.done, total: progress.total },
    });
    edits = edits
      .then(() => updateMessage(slack, channel, summaryTs, message))
      .then(() =>
        store.updateInvestigation(record.id, { progressDone: progress.done, progressTotal: progress.total }),
      )
      .catch((error) => log.warn({ err: errorMessage(error) }, 'progress update failed'));
  };

  let report: InvestigationReport;
  try {
    const outcome = await investigateIssue(record.issueNumber, services.deps, {
      onProgress,
      ...(issue ? { issue } : {}),
    });
    report = outcome.report;
    await edits;
  } catch (error) {
    await edits;
    const reason = errorMessage(error);
    log.error({ err: reason }, 'investigation failed');
    await updateMessage(
      slack,
      channel,
      summaryTs,
      renderSummary({
        report: null,
        issue: issueRef,
        investigationId: record.id,
        status: 'failed',
        error: reason,
      }),
    );
    await store.updateInvestigation(record.id, { status: 'failed', finishedAt: services.now() });
    return;
  }

  await store.saveFindings(
    record.id,
    report.findings.map((f) => ({ ip: f.ip, category: f.category, findingJson: JSON.stringify(f) })),
    services.now(),
  );
  await store.updateInvestigation(record.id, {
    reportJson: JSON.stringify(report),
    progressDone: report.findings.length,
    progressTotal: report.findings.length,
  });
  await publishReport(services, record, report);
  await store.updateInvestigation(record.id, {
    status: 'open',
    finishedAt: services.now(),
    leaseUntil: null,
  });
  log.info({ findings: report.findings.length, counts: report.counts }, 'investigation posted');
}

/** Posts what is not posted yet: thread messages, the report file, issue comments, then the final summary. */
export async function publishReport(
  services: BotServices,
  record: InvestigationRecord,
  report: InvestigationReport,
): Promise<void> {
  const { slack, store } = services;
  const channel = record.channel as string;
  const threadTs = record.threadTs as string;
  const posted = new Map((await store.listMessages(record.id)).map((m) => [m.key, m.ref]));
  const issue = { repo: record.repo, number: record.issueNumber };

  for (const message of planThread(report, { investigationId: record.id, issue })) {
    if (posted.has(message.key)) continue;
    const ts = await postMessage(slack, channel, message, threadTs);
    await store.recordMessage({ investigationId: record.id, key: message.key, ref: ts });
    posted.set(message.key, ts);
  }

  const fileName = `${record.repo.split('/').pop()}-${record.issueNumber}-nessus-gap.md`;
  let reportFileNote: string | undefined;
  if (report.findings.length > REPORT_FILE_THRESHOLD) {
    reportFileNote = `the full report is attached in this thread as ${fileName}`;
    if (!posted.has('report-file')) {
      const upload = await slack.filesUploadV2({
        channel_id: channel,
        thread_ts: threadTs,
        content: renderMarkdown(report, {}),
        filename: fileName,
        title: `Nessus gap report for ${record.repo}#${record.issueNumber}`,
      });
      const fileId =
        (upload.files as { files?: { id?: string }[] }[] | undefined)?.[0]?.files?.[0]?.id ?? 'uploaded';
      await store.recordMessage({ investigationId: record.id, key: 'report-file', ref: fileId });
      posted.set('report-file', fileId);
    }
  }

  const comments = renderIssueComments(report);
  let firstCommentUrl: string | undefined;
  for (const [index, body] of comments.entries()) {
    const key = `issue-comment:${index + 1}`;
    let url = posted.get(key);
    if (!url) {
      const marker = `<!-- nessus-gap:report investigation=${record.id} part=${index + 1} -->`;
      const comment = await services.integrations.issues.postComment(
        record.repo,
        record.issueNumber,
        `${marker}\n${body}`,
      );
      url = comment.url;
      await store.recordMessage({ investigationId: record.id, key, ref: url });
    }
    firstCommentUrl ??= url;
  }

  const summary = renderSummary({
    report,
    issue: { ...issue, title: record.title },
    investigationId: record.id,
    status: 'done',
    ...(reportFileNote ? { reportFileNote } : {}),
    ...(firstCommentUrl ? { issueCommentUrl: firstCommentUrl } : {}),
  });
  if (record.summaryTs) await updateMessage(slack, channel, record.summaryTs, summary);
}

function track<T>(services: BotServices, work: Promise<T>): Promise<T> {
  const guarded = work.catch((error) => {
    services.logger.error({ err: errorMessage(error) }, 'investigation run crashed');
    throw error;
  });
  services.running.add(guarded);
  void guarded.finally(() => services.running.delete(guarded)).catch(() => {});
  return guarded;
}
