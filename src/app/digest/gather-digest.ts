/**
 * The weekly digest's figures from the store: every finding of the window (the chart's weeks, and at
 * least the recurring window) and every action, handed to the pure computation
 * (src/runbook/digest/digest.ts). Used by the schedule and by `nessus-gap digest`.
 */
import { computeDigest, DEFAULT_DIGEST_WEEKS, type Digest, WEEK_MS } from '../../runbook/digest/digest.js';
import { RECURRING_WINDOW_DAYS } from '../../runbook/history/recurring.js';
import type { PastFinding } from '../../runbook/history/types.js';
import type { AppContext } from '../context.js';

const DAY_MS = 24 * 3_600_000;

export async function gatherDigest(
  deps: Pick<AppContext, 'store'>,
  now: Date,
  weeks = DEFAULT_DIGEST_WEEKS,
): Promise<Digest> {
  const windowMs = Math.max(weeks * WEEK_MS, RECURRING_WINDOW_DAYS * DAY_MS);
  const since = new Date(now.getTime() - windowMs);
  const past = [...(await deps.store.listFindingsSince(since)), ...(await stillOpenBefore(deps, since))];
  const actions = (await deps.store.listActions()).map((a) => ({
    action: a.action,
    status: a.status,
    user: a.userName ?? a.userId,
    finishedAt: a.finishedAt,
  }));
  return computeDigest({ past, actions, now, weeks });
}

/** Investigations begun before the window and still open: their unscanned targets count too. */
async function stillOpenBefore(deps: Pick<AppContext, 'store'>, since: Date): Promise<PastFinding[]> {
  const older = (await deps.store.listActiveRuns()).filter((r) => r.startedAt.getTime() < since.getTime());
  const findings = await Promise.all(
    older.map(async (record) =>
      (await deps.store.listFindings(record.id)).map((f) => ({
        investigationId: record.id,
        repo: record.repo,
        issueNumber: record.issueNumber,
        investigationStartedAt: record.startedAt,
        ip: f.ip,
        category: f.category,
        firstSeen: f.firstSeen,
        lastSeen: f.lastSeen,
        resolvedAt: f.resolvedAt,
      })),
    ),
  );
  return findings.flat();
}
