/**
 * The weekly digest (default 08:00 on Mondays in the schedule's time zone): the week's figures and
 * the chart of the last eight weeks, posted to the digest channel. Without a digest channel the
 * notifier posts nothing (said once when the schedule starts).
 */
import type { AppContext } from '../context.js';
import { gatherDigest } from '../digest/gather-digest.js';

export interface DigestJobResult {
  /** Slack ts of the digest message, or null when there is no digest channel. */
  postedTs: string | null;
  unscanned: number;
}

export async function postWeeklyDigest(
  deps: Pick<AppContext, 'store' | 'notifier'>,
  now: Date,
): Promise<DigestJobResult> {
  const digest = await gatherDigest(deps, now);
  const postedTs = await deps.notifier.digest(digest);
  return { postedTs, unscanned: digest.unscanned.endTotal };
}
