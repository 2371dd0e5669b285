/**
 * The hourly re-check of open investigations. First the leftovers of crashes (investigations of dead
 * replicas, interrupted actions). Then, for each open investigation, the gap issue is read again:
 * - a target is resolved when the issue no longer lists it, or the issue is closed; newly resolved
 *   targets are named in the thread;
 * - when the issue is closed or lists none of the IPs any more, the investigation is closed out
 *   (close-out.ts);
 * - otherwise the listed targets are checked again and the thread hears about changed findings only
 *   (no "nothing changed" every hour).
 */
import { errorMessage } from '../../errors.js';
import { listedTargets } from '../../investigation/investigate.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type RecheckDeps, recheckInvestigation } from '../investigations/recheck.js';
import { type ResumeDeps, takeOverOrphans } from '../investigations/resume.js';
import { type CloseOutDeps, closeOut } from './close-out.js';
import { finishInterruptedActions } from './finish-interrupted.js';

export type RecheckJobDeps = ResumeDeps & RecheckDeps & CloseOutDeps & Pick<AppContext, 'ports'>;

export interface RecheckJobResult {
  /** Investigations checked again, with the number of findings that changed. */
  rechecked: { id: number; changes: number }[];
  /** Targets newly resolved, by investigation id. */
  resolved: Record<number, string[]>;
  closedOut: number[];
  failed: { id: number; reason: string }[];
  resumed: number;
}

export async function recheckOpenInvestigations(deps: RecheckJobDeps, now: Date): Promise<RecheckJobResult> {
  const result: RecheckJobResult = { rechecked: [], resolved: {}, closedOut: [], failed: [], resumed: 0 };
  result.resumed = await takeOverOrphans(deps);
  await finishInterruptedActions(deps, now);

  const open = (await deps.store.listActiveInvestigations()).filter((r) => r.status === 'open');
  for (const record of open) {
    try {
      await recheckOne(deps, record, now, result);
    } catch (error) {
      const reason = errorMessage(error);
      deps.logger.warn({ investigation: record.id, err: reason }, 'scheduled re-check failed');
      result.failed.push({ id: record.id, reason });
    }
  }
  return result;
}

async function recheckOne(
  deps: RecheckJobDeps,
  record: InvestigationRecord,
  now: Date,
  result: RecheckJobResult,
): Promise<void> {
  const { store } = deps;
  const issue = await deps.ports.issues.getIssue(record.repo, record.issueNumber);
  const listed = new Set(issue.state === 'closed' ? [] : listedTargets(issue).map((t) => t.ip));
  const findings = await store.listFindings(record.id);

  if (issue.state === 'closed' || listed.size === 0) {
    await closeOut(deps, record, issue, issue.state === 'closed' ? 'issue_closed' : 'none_listed', now);
    result.closedOut.push(record.id);
    return;
  }

  const gone = findings.filter((f) => f.resolvedAt === null && !listed.has(f.ip));
  if (gone.length > 0) {
    // Recorded before it is said: after a crash the note may be missing, never doubled.
    await store.markFindingsResolved(
      record.id,
      gone.map((f) => f.ip),
      now,
    );
    result.resolved[record.id] = gone.map((f) => f.ip);
    await deps.notifier.resolved(
      record,
      gone.map((f) => f.ip),
    );
  }
  const { changes } = await recheckInvestigation(deps, record, { issue, quiet: true });
  result.rechecked.push({ id: record.id, changes: changes.length });
}
