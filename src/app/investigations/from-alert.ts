/**
 * A gap alert was seen: investigate the issue it names, or else the newest open gap issue.
 */
import type { AppContext } from '../context.js';
import { type StartDeps, type StartResult, startInvestigation } from './start.js';

export interface AlertRequest {
  /** The issue the alert names, or null when it names none. */
  issueNumber: number | null;
  /** How gap issues are titled, to find the newest when the alert names none. */
  titlePattern: RegExp;
  channel: string;
  threadTs: string;
}

export type AlertResult = StartResult | { kind: 'no_issue'; repo: string };

export async function investigateAlert(
  deps: StartDeps & Pick<AppContext, 'ports'>,
  request: AlertRequest,
): Promise<AlertResult> {
  const issueNumber =
    request.issueNumber ??
    (await deps.ports.issues.findLatestIssue(deps.repo, request.titlePattern))?.number ??
    null;
  if (issueNumber === null) return { kind: 'no_issue', repo: deps.repo };
  deps.logger.info({ issue: issueNumber, channel: request.channel }, 'gap alert: investigating');
  return startInvestigation(deps, { issueNumber, channel: request.channel, threadTs: request.threadTs });
}
