/**
 * Start or join the investigation of a gap issue: one per issue at a time (a claim in the store);
 * a second request joins the first. The run goes on in the background (tracked for shutdown).
 */
import { errorMessage, NotFoundError } from '../../errors.js';
import type { GapIssue } from '../../investigation/ports.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import type { InvestigationNotifier } from '../notifier.js';
import { INVESTIGATION_LEASE_MS, type RunDeps, runInvestigation } from './run.js';

export type StartResult =
  | { kind: 'started'; record: InvestigationRecord; done: Promise<unknown> }
  | { kind: 'already'; record: InvestigationRecord }
  | { kind: 'not_found'; message: string };

export interface StartRequest {
  issueNumber: number;
  /** Where it reports (a Slack channel), or null from the command line. */
  channel: string | null;
  /** The alert's ts (reply in its thread), or null for a new thread in the channel. */
  threadTs: string | null;
}

export type StartDeps = RunDeps & Pick<AppContext, 'repo' | 'replica' | 'work'>;

export async function startInvestigation(deps: StartDeps, request: StartRequest): Promise<StartResult> {
  const repo = deps.repo;
  let issue: GapIssue;
  try {
    issue = await deps.ports.issues.getIssue(repo, request.issueNumber);
  } catch (error) {
    if (error instanceof NotFoundError)
      return { kind: 'not_found', message: `${repo}#${request.issueNumber} was not found.` };
    throw error;
  }
  const claim = await deps.store.claimInvestigation({
    repo,
    issueNumber: issue.number,
    title: issue.title,
    channel: request.channel,
    threadTs: request.threadTs,
    owner: deps.replica,
    leaseMs: INVESTIGATION_LEASE_MS,
    now: deps.now(),
  });
  if (!claim.created) return { kind: 'already', record: claim.record };

  const started = await openReport(deps, claim.record);
  const done = deps.work.track(
    runInvestigation(deps, started, issue).catch((error) => {
      deps.logger.error({ err: errorMessage(error) }, 'investigation run crashed');
      throw error;
    }),
  );
  return { kind: 'started', record: started, done };
}

/** Opens where the investigation reports (the summary message), and records it. */
export async function openReport(
  deps: Pick<AppContext, 'store'> & { notifier: Pick<InvestigationNotifier, 'opened'> },
  record: InvestigationRecord,
): Promise<InvestigationRecord> {
  const opened = await deps.notifier.opened(record);
  if (!opened) return record;
  await deps.store.updateInvestigation(record.id, { threadTs: opened.threadTs, summaryTs: opened.summaryTs });
  await deps.store.recordMessage({ investigationId: record.id, key: 'summary', ref: opened.summaryTs });
  return { ...record, threadTs: opened.threadTs, summaryTs: opened.summaryTs };
}
