/**
 * Runs one investigation for Slack: claims it (one per issue at a time), posts the summary and keeps
 * it updated with progress, then posts the findings in the thread in order, the full report as a
 * file, and the report on the issue. Every message is recorded under a stable key, so a run that
 * resumes after a crash posts what was missing and nothing twice.
 */
import { errorMessage, NotFoundError } from '../errors.js';
import { investigateIssue, type Progress } from '../investigation/investigate.js';
import type { GapIssue, IssueComment } from '../investigation/ports.js';
import { yieldToLoop } from '../investigation/yield-to-loop.js';
import type { InvestigationReport } from '../runbook/finding.js';
import { joinComments, renderIssueComments } from '../runbook/report/markdown.js';
import type { InvestigationRecord } from '../store/store.js';
import { findOwnMarked, reportMarker } from './markers.js';
import { renderSummary } from './render/summary.js';
import { planThread } from './render/thread-plan.js';
import { findPostedInThread } from './resume-thread.js';
import type { BotServices } from './services.js';
import { postMessage, updateMessage, withSlackRetry } from './slack-post.js';

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

export interface RunOptions {
  /**
   * A run picked up after a crash: before posting, the thread and the issue are read for what the
   * dead run posted but did not get to record, so nothing is posted twice.
   */
  resumed?: boolean;
}

/** Investigates and posts; also the entry point of a resumed run (`issue` then read again). */
export async function runInvestigation(
  services: BotServices,
  record: InvestigationRecord,
  issue?: GapIssue,
  options: RunOptions = {},
): Promise<void> {
  // The claim is renewed while the run lasts, so no other replica takes over a slow but live run.
  const renew = setInterval(() => {
    void services.store
      .updateInvestigation(record.id, {
        leaseUntil: new Date(services.now().getTime() + INVESTIGATION_LEASE_MS),
      })
      .catch(() => {});
  }, INVESTIGATION_LEASE_MS / 3);
  renew.unref();
  try {
    await investigateAndPublish(services, record, issue, options);
  } finally {
    clearInterval(renew);
  }
}

async function investigateAndPublish(
  services: BotServices,
  record: InvestigationRecord,
  issue: GapIssue | undefined,
  options: RunOptions,
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
  let comments: IssueComment[] = [];
  try {
    const outcome = await investigateIssue(record.issueNumber, services.deps, {
      onProgress,
      ...(issue ? { issue } : {}),
    });
    report = outcome.report;
    comments = outcome.issue.comments;
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

  await store.saveFindings(record.id, report.findings, services.now());
  await yieldToLoop();
  await store.updateInvestigation(record.id, {
    report,
    progressDone: report.findings.length,
    progressTotal: report.findings.length,
  });
  await yieldToLoop();
  await publishReport(services, record, report, options.resumed ? { adoptFrom: { comments } } : {});
  await store.updateInvestigation(record.id, {
    status: 'open',
    finishedAt: services.now(),
    leaseUntil: null,
  });
  log.info({ findings: report.findings.length, counts: report.counts }, 'investigation posted');
}

export interface PublishOptions {
  /**
   * After a crash: adopt what is already in the thread and on the issue (the issue's comments as
   * just read) but was never recorded, instead of posting it again.
   */
  adoptFrom?: { comments: IssueComment[] };
}

/**
 * Posts what is not posted yet: the thread messages then the report file, and alongside them the
 * issue comments; then the final summary.
 */
export async function publishReport(
  services: BotServices,
  record: InvestigationRecord,
  report: InvestigationReport,
  options: PublishOptions = {},
): Promise<void> {
  const { slack, store } = services;
  const channel = record.channel as string;
  const threadTs = record.threadTs as string;
  const posted = new Map((await store.listMessages(record.id)).map((m) => [m.key, m.ref]));
  const issue = { repo: record.repo, number: record.issueNumber };
  // Rendered once: the comments are also the report file's content.
  await yieldToLoop();
  const comments = renderIssueComments(report);
  await yieldToLoop();
  const plan = planThread(report, { investigationId: record.id, issue });
  await yieldToLoop();
  const fileName = `${record.repo.split('/').pop()}-${record.issueNumber}-nessus-gap.md`;
  if (options.adoptFrom) {
    const found = await findPostedInThread(slack, {
      bot: await services.identity.slack(),
      channel,
      threadTs,
      after: record.summaryTs ?? threadTs,
      firstBlockIds: new Map(
        plan.filter((m) => !posted.has(m.key)).map((m) => [m.blocks[0]?.block_id ?? '', m.key]),
      ),
      fileName,
    });
    for (const [key, ref] of found) {
      if (posted.has(key)) continue;
      await store.recordMessage({ investigationId: record.id, key, ref });
      posted.set(key, ref);
    }
  }

  // The thread's replies go in order, and so do the issue's comments; the two do not wait for each other.
  const postThread = async (): Promise<string | undefined> => {
    for (const message of plan) {
      if (posted.has(message.key)) continue;
      services.stopping.throwIfAborted();
      const ts = await postMessage(slack, channel, message, threadTs);
      await store.recordMessage({ investigationId: record.id, key: message.key, ref: ts });
      posted.set(message.key, ts);
    }
    if (report.findings.length <= REPORT_FILE_THRESHOLD) return undefined;
    if (!posted.has('report-file')) {
      services.stopping.throwIfAborted();
      const upload = await withSlackRetry(() =>
        slack.filesUploadV2({
          channel_id: channel,
          thread_ts: threadTs,
          content: joinComments(comments),
          filename: fileName,
          title: `Nessus gap report for ${record.repo}#${record.issueNumber}`,
        }),
      );
      const fileId =
        (upload.files as { files?: { id?: string }[] }[] | undefined)?.[0]?.files?.[0]?.id ?? 'uploaded';
      await store.recordMessage({ investigationId: record.id, key: 'report-file', ref: fileId });
      posted.set('report-file', fileId);
    }
    return `the full report is attached in this thread as ${fileName}`;
  };

  const postComments = async (): Promise<string | undefined> => {
    let firstCommentUrl: string | undefined;
    for (const [index, body] of comments.entries()) {
      const key = `issue-comment:${index + 1}`;
      let url = posted.get(key);
      const marker = reportMarker(record, index + 1);
      const adopted =
        url || !options.adoptFrom
          ? undefined
          : findOwnMarked(options.adoptFrom.comments, await services.identity.github(), marker);
      if (adopted) {
        url = `${report.issue.url ?? `${record.repo}#${record.issueNumber}`}#issuecomment-${adopted.id}`;
        await store.recordMessage({ investigationId: record.id, key, ref: url });
      }
      if (!url) {
        services.stopping.throwIfAborted();
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
    return firstCommentUrl;
  };

  const [thread, issueComments] = await Promise.allSettled([postThread(), postComments()]);
  if (thread.status === 'rejected') throw thread.reason;
  if (issueComments.status === 'rejected') throw issueComments.reason;
  const reportFileNote = thread.value;
  const firstCommentUrl = issueComments.value;

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
