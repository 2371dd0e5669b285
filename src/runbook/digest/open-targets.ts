/**
 * Which targets were unscanned at a given moment, from the findings of every investigation. A target
 * counts from the moment the bot first saw it on a gap issue until the issue stopped listing it; a
 * target listed by two investigations at once counts once, under its most recent diagnosis.
 */
import { THREAD_ORDER } from '../categories/index.js';
import type { PastFinding } from '../history/types.js';
import type { Category } from '../model.js';

export type CauseCounts = Partial<Record<Category, number>>;

export function isOpenAt(finding: PastFinding, at: Date): boolean {
  const t = at.getTime();
  return (
    finding.firstSeen.getTime() <= t && (finding.resolvedAt === null || finding.resolvedAt.getTime() > t)
  );
}

/** IP -> the finding that stood for it at `at`. */
export function openTargetsAt(past: readonly PastFinding[], at: Date): Map<string, PastFinding> {
  const open = new Map<string, PastFinding>();
  for (const finding of past) {
    if (!isOpenAt(finding, at)) continue;
    const other = open.get(finding.ip);
    if (!other || other.firstSeen.getTime() < finding.firstSeen.getTime()) open.set(finding.ip, finding);
  }
  return open;
}

/** Unscanned targets at `at`, counted by cause (causes with none are left out), in the thread's order. */
export function openByCause(past: readonly PastFinding[], at: Date): CauseCounts {
  const counts = new Map<Category, number>();
  for (const finding of openTargetsAt(past, at).values()) {
    counts.set(finding.category, (counts.get(finding.category) ?? 0) + 1);
  }
  const ordered: CauseCounts = {};
  for (const category of THREAD_ORDER) {
    const n = counts.get(category);
    if (n) ordered[category] = n;
  }
  return ordered;
}

export function total(counts: CauseCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
}
