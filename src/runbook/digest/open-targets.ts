/**
 * Which targets were unscanned at a given moment, from the findings of every investigation. A target
 * counts from the moment the bot first saw it on a gap issue until the issue stopped listing it. The
 * latest investigation to have found it speaks for it: a target counts once, under that diagnosis,
 * and an older row left unresolved (an investigation that failed, or an issue the bot stopped
 * following) no longer keeps it open once a later investigation has seen it resolved.
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

/** IP -> the finding that stood for it at `at`: its latest sighting by then, when still open. */
export function openTargetsAt(past: readonly PastFinding[], at: Date): Map<string, PastFinding> {
  const t = at.getTime();
  const latest = new Map<string, PastFinding>();
  for (const finding of past) {
    if (finding.firstSeen.getTime() > t) continue;
    const other = latest.get(finding.ip);
    if (!other || isLater(finding, other)) latest.set(finding.ip, finding);
  }
  const open = new Map<string, PastFinding>();
  for (const [ip, finding] of latest) if (isOpenAt(finding, at)) open.set(ip, finding);
  return open;
}

function isLater(a: PastFinding, b: PastFinding): boolean {
  const started = a.investigationStartedAt.getTime() - b.investigationStartedAt.getTime();
  return started !== 0 ? started > 0 : a.firstSeen.getTime() > b.firstSeen.getTime();
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
