/**
 * The weekly digest's figures, from the findings of every investigation and the actions done: pure,
 * so each figure can be checked by hand. The week is the seven days that end at `now`; the chart
 * shows the unscanned targets by cause at the end of each of the last `weeks` weeks.
 */
import { ACTION_DESCRIPTORS } from '../actions/index.js';
import { THREAD_ORDER } from '../categories/index.js';
import { type RecurringTarget, recurringTargets } from '../history/recurring.js';
import type { PastFinding } from '../history/types.js';
import type { Category } from '../model.js';
import { type CauseCounts, openByCause, total } from './open-targets.js';

export const WEEK_MS = 7 * 24 * 3_600_000;
export const DEFAULT_DIGEST_WEEKS = 8;
export const MAX_DIGEST_WEEKS = 52;

/** An action as the digest counts it: who finished what, when. */
export interface DigestAction {
  action: string;
  status: 'intent' | 'done' | 'failed' | 'refused';
  user: string;
  finishedAt: Date | null;
}

export interface Tally {
  name: string;
  count: number;
}

export interface DigestChart {
  /** The end of each week, oldest first. */
  weekEnds: Date[];
  /** Causes that had a target open at some week's end, in the thread's order; one count per week. */
  series: { category: Category; counts: number[] }[];
}

export interface Digest {
  weekStart: Date;
  weekEnd: Date;
  unscanned: { start: CauseCounts; end: CauseCounts; startTotal: number; endTotal: number };
  fixed: {
    /** Targets their gap issue stopped listing during the week. */
    resolved: number;
    /** Actions that changed something (a re-check changes nothing), done during the week. */
    actions: number;
    byUser: Tally[];
    byAction: Tally[];
  };
  /** From first seen to resolved, for the targets resolved during the week. */
  timeToResolve: { count: number; medianMs: number | null; worstMs: number | null; worstIp: string | null };
  recurring: RecurringTarget[];
  chart: DigestChart;
}

const CHANGING: ReadonlySet<string> = new Set(ACTION_DESCRIPTORS.filter((d) => d.changes).map((d) => d.name));

export function computeDigest(input: {
  past: readonly PastFinding[];
  actions: readonly DigestAction[];
  now: Date;
  weeks?: number;
}): Digest {
  const { past, now } = input;
  const weeks = input.weeks ?? DEFAULT_DIGEST_WEEKS;
  const weekStart = new Date(now.getTime() - WEEK_MS);
  const inWeek = (at: Date | null): at is Date =>
    at !== null && at.getTime() > weekStart.getTime() && at.getTime() <= now.getTime();

  const start = openByCause(past, weekStart);
  const end = openByCause(past, now);

  const resolvedInWeek = past.filter((f) => inWeek(f.resolvedAt));
  const resolvedIps = new Set(resolvedInWeek.map((f) => f.ip));
  const done = input.actions.filter(
    (a) => a.status === 'done' && CHANGING.has(a.action) && inWeek(a.finishedAt),
  );

  return {
    weekStart,
    weekEnd: now,
    unscanned: { start, end, startTotal: total(start), endTotal: total(end) },
    fixed: {
      resolved: resolvedIps.size,
      actions: done.length,
      byUser: tally(done.map((a) => a.user)),
      byAction: tally(done.map((a) => a.action)),
    },
    timeToResolve: timeToResolve(resolvedInWeek),
    recurring: recurringTargets(past, now),
    chart: chartOf(past, now, weeks),
  };
}

/** Counts of each name, most first, then by name. */
export function tally(names: readonly string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The median of an even count is the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function timeToResolve(resolved: readonly PastFinding[]): Digest['timeToResolve'] {
  const durations = resolved.map((f) => ({
    ip: f.ip,
    ms: (f.resolvedAt as Date).getTime() - f.firstSeen.getTime(),
  }));
  const worst = durations.reduce<{ ip: string; ms: number } | null>(
    (max, d) => (max === null || d.ms > max.ms ? d : max),
    null,
  );
  return {
    count: durations.length,
    medianMs: median(durations.map((d) => d.ms)),
    worstMs: worst?.ms ?? null,
    worstIp: worst?.ip ?? null,
  };
}

function chartOf(past: readonly PastFinding[], now: Date, weeks: number): DigestChart {
  const weekEnds = Array.from(
    { length: weeks },
    (_, i) => new Date(now.getTime() - (weeks - 1 - i) * WEEK_MS),
  );
  const perWeek = weekEnds.map((at) => openByCause(past, at));
  const series = THREAD_ORDER.filter((category) => perWeek.some((counts) => counts[category])).map(
    (category) => ({ category, counts: perWeek.map((counts) => counts[category] ?? 0) }),
  );
  return { weekEnds, series };
}
