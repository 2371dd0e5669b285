/**
 * The investigation in Slack: the summary message (posted when it starts, edited with progress and
 * at the end), the findings in its thread in order, and the full report as a file when it is long.
 */
import type { WebClient } from '@slack/web-api';
import type { InvestigationNotifier } from '../../app/notifier.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { SlackIdentity } from '../identity.js';
import type { CategoryContext } from '../render/category.js';
import { type PlannedMessage, planThread } from '../render/thread-plan.js';
import { findPostedInThread } from '../resume-thread.js';
import { postMessage, updateMessage, withSlackRetry } from '../slack-post.js';
import { summaryOf } from './summary-of.js';

/** Above this many findings the full report also goes to the thread as a file. */
const REPORT_FILE_THRESHOLD = 20;

/** Renders the thread's replies; the composition root gives its worker pool's, off the main thread. */
export type ThreadPlanner = (report: InvestigationReport, ctx: CategoryContext) => Promise<PlannedMessage[]>;

const planHere: ThreadPlanner = async (report, ctx) => planThread(report, ctx);

export function slackInvestigationNotifier(
  slack: WebClient,
  identity: () => Promise<SlackIdentity>,
  plan: ThreadPlanner = planHere,
): InvestigationNotifier {
  const editSummary = async (record: InvestigationRecord, message: Parameters<typeof updateMessage>[3]) => {
    if (record.channel && record.summaryTs)
      await updateMessage(slack, record.channel, record.summaryTs, message);
  };
  return {
    async opened(record) {
      if (!record.channel) return null;
      const summary = summaryOf(record, { report: null, status: 'running' });
      const ts = await postMessage(slack, record.channel, summary, record.threadTs);
      return { threadTs: record.threadTs ?? ts, summaryTs: ts };
    },
    progress: (record, progress) =>
      editSummary(record, summaryOf(record, { report: null, status: 'running', progress })),
    failed: (record, reason) =>
      editSummary(record, summaryOf(record, { report: null, status: 'failed', error: reason })),
    async findings(record, report, log, options) {
      const channel = record.channel;
      const threadTs = record.threadTs;
      if (!channel || !threadTs) return {};
      const issue = { repo: record.repo, number: record.issueNumber };
      const planned = await plan(report, { investigationId: record.id, issue });
      const fileName = `${record.repo.split('/').pop()}-${record.issueNumber}-nessus-gap.md`;
      if (options.adopt) {
        const found = await findPostedInThread(slack, {
          bot: await identity(),
          channel,
          threadTs,
          after: record.summaryTs ?? threadTs,
          firstBlockIds: new Map(
            planned.filter((m) => !log.posted.has(m.key)).map((m) => [m.blocks[0]?.block_id ?? '', m.key]),
          ),
          fileName,
        });
        for (const [key, ref] of found) if (!log.posted.has(key)) await log.record(key, ref);
      }
      for (const message of planned) {
        if (log.posted.has(message.key)) continue;
        options.stopping.throwIfAborted();
        await log.record(message.key, await postMessage(slack, channel, message, threadTs));
      }
      if (report.findings.length <= REPORT_FILE_THRESHOLD) return {};
      if (!log.posted.has('report-file')) {
        options.stopping.throwIfAborted();
        const upload = await withSlackRetry(() =>
          slack.filesUploadV2({
            channel_id: channel,
            thread_ts: threadTs,
            file: options.reportFile(),
            filename: fileName,
            title: `Nessus gap report for ${record.repo}#${record.issueNumber}`,
          }),
        );
        const fileId =
          (upload.files as { files?: { id?: string }[] }[] | undefined)?.[0]?.files?.[0]?.id ?? 'uploaded';
        await log.record('report-file', fileId);
      }
      return { reportNote: `the full report is attached in this thread as ${fileName}` };
    },
    finished: (record, report, links) =>
      editSummary(
        record,
        summaryOf(record, {
          report,
          status: 'done',
          ...(links.reportNote ? { reportFileNote: links.reportNote } : {}),
          ...(links.issueCommentUrl ? { issueCommentUrl: links.issueCommentUrl } : {}),
        }),
      ),
  };
}
