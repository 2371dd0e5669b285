/**
 * The weekly digest's figures from the store: every finding of the window (the chart's weeks, and at
 * least the recurring window) and every action, handed to the pure computation
 * (src/runbook/digest/digest.ts). Used by the schedule and by `nessus-gap digest`.
 */
import { computeDigest, DEFAULT_DIGEST_WEEKS, type Digest, WEEK_MS } from '../../runbook/digest/digest.js';
import { RECURRING_WINDOW_DAYS } from '../../runbook/history/recurring.js';
import type { AppContext } from '../context.js';

const DAY_MS = 24 * 3_600_000;

export async function gatherDigest(
  deps: Pick<AppContext, 'store'>,
  now: Date,
  weeks = DEFAULT_DIGEST_WEEKS,
): Promise<Digest> {
  const windowMs = Math.max(weeks * WEEK_MS, RECURRING_WINDOW_DAYS * DAY_MS);
  const past = await deps.store.listFindingsSince(new Date(now.getTime() - windowMs));
  const actions = (await deps.store.listActions()).map((a) => ({
    action: a.action,
    status: a.status,
    user: a.userName ?? a.userId,
    finishedAt: a.finishedAt,
  }));
  return computeDigest({ past, actions, now, weeks });
}
