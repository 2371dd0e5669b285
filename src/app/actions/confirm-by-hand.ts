/**
 * Guided manual mode: a person made the change by hand and says so ("Done" on the guide). It is
 * checked again (who they are, which targets still offer the action), then documented on the issue
 * and in the audit log, as the API mode does.
 */
import type { Finding } from '../../runbook/finding.js';
import type { InvestigationRecord, OpenGuide } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type ActionDeps, type ActionResult, performAction } from './perform-action.js';

export interface ByHandRequest {
  investigationId: number;
  action: 'mark_notalchemy' | 'mark_pending_deletion';
  ips: readonly string[];
  user: { id: string; name: string };
  /** The key the guide's clicked message was kept under. */
  guideKey: string;
}

export type ByHandResult =
  | { kind: 'not_authorised' }
  | { kind: 'unknown' }
  | {
      kind: 'done';
      record: InvestigationRecord;
      results: { finding: Finding; result: ActionResult }[];
      at: Date;
      /** The clicked message as it was kept, or null when it is gone (expired, or never kept). */
      guide: OpenGuide | null;
    };

export async function confirmDoneByHand(
  deps: ActionDeps & Pick<AppContext, 'authorizer' | 'now'>,
  request: ByHandRequest,
): Promise<ByHandResult> {
  // The guide opens only for an authorised click; "Done" is checked again, as every action is.
  if (!(await deps.authorizer.isAuthorized(request.user.id))) {
    deps.logger.warn({ user: request.user.id, action: request.action }, 'manual-mode submission refused');
    return { kind: 'not_authorised' };
  }
  const record = await deps.store.getInvestigation(request.investigationId);
  if (!record) return { kind: 'unknown' };
  const findings = (await deps.store.listFindings(record.id))
    .filter((f) => f.resolvedAt === null)
    .map((f) => f.finding)
    .filter((f) => request.ips.includes(f.ip) && f.actions.includes(request.action));
  const at = deps.now();
  const results: { finding: Finding; result: ActionResult }[] = [];
  for (const finding of findings) {
    results.push({
      finding,
      result: await performAction(deps, {
        verb: request.action,
        investigation: record,
        finding,
        user: request.user,
        at,
        doneByHand: true,
      }),
    });
  }
  const guide = await deps.store.takeGuide(request.guideKey, at);
  return { kind: 'done', record, results, at, guide };
}
