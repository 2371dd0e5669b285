/**
 * Publishes a report: the findings where people read them (through the notifier) and, alongside,
 * the report on the gap issue; then the final summary. Every message is recorded under a stable key,
 * so a run that resumes after a crash posts what was missing and nothing twice.
 */
import { inThread } from '../../investigation/heavy-work.js';
import type { IssueComment } from '../../investigation/ports.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { findOwnMarked, reportMarker } from '../markers.js';
import type { InvestigationNotifier, PostLog } from '../notifier.js';
import { reportFile } from './report-file.js';

export type PublishDeps = Pick<
  AppContext,
  'store' | 'ports' | 'identity' | 'now' | 'logger' | 'stopping' | 'heavy'
> & {
  notifier: InvestigationNotifier;
};

export interface PublishOptions {
  /**
   * After a crash: adopt what is already in the thread and on the issue (the issue's comments as
   * just read) but was never recorded, instead of posting it again.
   */
  adoptFrom?: { comments: IssueComment[] };
}

export async function publishReport(
  deps: PublishDeps,
  record: InvestigationRecord,
  report: InvestigationReport,
  options: PublishOptions = {},
): Promise<void> {
  const { store } = deps;
  const posted = new Map((await store.listMessages(record.id)).map((m) => [m.key, m.ref]));
  const log: PostLog = {
    posted,
    async record(key, ref) {
      await store.recordMessage({ investigationId: record.id, key, ref });
      posted.set(key, ref);
    },
  };
  // Rendered once (off this thread when there is a worker pool): the comments are also the report
  // file's content, written straight into the file's bytes rather than joined into a second string.
  const comments = await (deps.heavy ?? inThread).issueComments(report);

  const postComments = async (): Promise<string | undefined> => {
    let firstCommentUrl: string | undefined;
    for (const [index, body] of comments.entries()) {
      const key = `issue-comment:${index + 1}`;
      let url = posted.get(key);
      const marker = reportMarker(record, index + 1);
      const adopted =
        url || !options.adoptFrom
          ? undefined
          : findOwnMarked(options.adoptFrom.comments, await deps.identity.github(), marker);
      if (adopted) {
        url = `${report.issue.url ?? `${record.repo}#${record.issueNumber}`}#issuecomment-${adopted.id}`;
        await log.record(key, url);
      }
      if (!url) {
        deps.stopping.throwIfAborted();
        const comment = await deps.ports.issues.postComment(
          record.repo,
          record.issueNumber,
          `${marker}\n${body}`,
        );
        url = comment.url;
        await log.record(key, url);
      }
      firstCommentUrl ??= url;
    }
    return firstCommentUrl;
  };

  // The thread's replies go in order, and so do the issue's comments; the two do not wait for each other.
  const [thread, issueComments] = await Promise.allSettled([
    deps.notifier.findings(record, report, log, {
      adopt: options.adoptFrom !== undefined,
      stopping: deps.stopping,
      reportFile: () => reportFile(comments),
    }),
    postComments(),
  ]);
  if (thread.status === 'rejected') throw thread.reason;
  if (issueComments.status === 'rejected') throw issueComments.reason;
  const { reportNote } = thread.value;
  const issueCommentUrl = issueComments.value;
  await deps.notifier.finished(record, report, {
    ...(reportNote ? { reportNote } : {}),
    ...(issueCommentUrl ? { issueCommentUrl } : {}),
  });
}
