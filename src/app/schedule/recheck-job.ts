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
import type { GapIssue } from '../../investigation/ports.js';
import type { FindingRecord, InvestigationRecord } from '../../store/store.js';
import { recheckInvestigation } from '../recheck.js';
import { escapeInline, mrkdwn } from '../render/escape-mrkdwn.js';
import { issueLabel } from '../render/issue-label.js';
import { takeOverOrphans } from '../resume.js';
import type { BotServices } from '../services.js';
import { postMessage } from '../slack-post.js';
import { closeOut } from './close-out.js';
import { finishInterruptedActions } from './finish-interrupted.js';

export interface RecheckJobResult {
  /** Investigations checked again, with the number of findings that changed. */
  rechecked: { id: number; changes: number }[];
  /** Targets newly resolved, by investigation id. */
  resolved: Record<number, string[]>;
  closedOut: number[];
  failed: { id: number; reason: string }[];
  resumed: number;
}

const LISTED_IN_NOTE = 20;

export async function recheckOpenInvestigations(services: BotServices, now: Date): Promise<RecheckJobResult> {
  const result: RecheckJobResult = { rechecked: [], resolved: {}, closedOut: [], failed: [], resumed: 0 };
  result.resumed = await takeOverOrphans(services);
  await finishInterruptedActions(services, now);

  const open = (await services.store.listActiveInvestigations()).filter((r) => r.status === 'open');
  for (const record of open) {
    try {
      await recheckOne(services, record, now, result);
    } catch (error) {
      const reason = errorMessage(error);
      services.logger.warn({ investigation: record.id, err: reason }, 'scheduled re-check failed');
      result.failed.push({ id: record.id, reason });
    }
  }
  return result;
}

async function recheckOne(
  services: BotServices,
  record: InvestigationRecord,
  now: Date,
  result: RecheckJobResult,
): Promise<void> {
  const { store } = services;
  const issue = await services.integrations.issues.getIssue(record.repo, record.issueNumber);
  const listed = new Set(issue.state === 'closed' ? [] : listedTargets(issue).map((t) => t.ip));
  const findings = await store.listFindings(record.id);

  if (issue.state === 'closed' || listed.size === 0) {
    await closeOut(services, record, issue, issue.state === 'closed' ? 'issue_closed' : 'none_listed', now);
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
    await noteResolved(services, record, issue, gone);
  }
  const { changes } = await recheckInvestigation(services, record, { issue, quiet: true });
  result.rechecked.push({ id: record.id, changes: changes.length });
}

async function noteResolved(
  services: BotServices,
  record: InvestigationRecord,
  issue: GapIssue,
  gone: FindingRecord[],
): Promise<void> {
  if (!record.channel || !record.threadTs) return;
  const names = gone.slice(0, LISTED_IN_NOTE).map((f) => escapeInline(f.ip));
  const more = gone.length > LISTED_IN_NOTE ? ` and ${gone.length - LISTED_IN_NOTE} more` : '';
  const text = `:white_check_mark: Resolved: ${issueLabel(issue)} no longer lists ${gone.length === 1 ? 'this IP' : `these ${gone.length} IPs`}: ${names.join(', ')}${more}.`;
  await postMessage(
    services.slack,
    record.channel,
    { text, blocks: [{ type: 'section', text: mrkdwn(text) }] },
    record.threadTs,
  );
}
