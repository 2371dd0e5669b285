/**
 * Targets that keep coming back: an IP found unscanned by several investigations within a few
 * months is a machine whose fix does not hold (powered on and off again, a VLAN never zoned). The
 * thresholds are ours, not the runbook's: three investigations within 90 days.
 */
import type { Category } from '../model.js';
import type { PastFinding } from './types.js';
import { daysBefore } from './window.js';

export const RECURRING_MIN_INVESTIGATIONS = 3;
export const RECURRING_WINDOW_DAYS = 90;

export interface RecurringTarget {
  ip: string;
  /** How many investigations within the window found it. */
  investigations: number;
  /** The earliest first-seen and latest last-seen of those findings. */
  firstSeen: Date;
  lastSeen: Date;
  /** The causes found, each once, in the order they were first found. */
  causes: Category[];
}

/** The recurring targets among `past`, most recurring first (then the most recently seen, then by IP). */
export function recurringTargets(past: readonly PastFinding[], now: Date): RecurringTarget[] {
  const since = daysBefore(now, RECURRING_WINDOW_DAYS).getTime();
  const byIp = new Map<string, PastFinding[]>();
  for (const finding of past) {
    const started = finding.investigationStartedAt.getTime();
    if (started < since || started > now.getTime()) continue;
    const list = byIp.get(finding.ip);
    if (list) list.push(finding);
    else byIp.set(finding.ip, [finding]);
  }
  const targets: RecurringTarget[] = [];
  for (const [ip, findings] of byIp) {
    const investigations = new Set(findings.map((f) => f.investigationId)).size;
    if (investigations < RECURRING_MIN_INVESTIGATIONS) continue;
    const chronological = [...findings].sort(
      (a, b) => a.investigationStartedAt.getTime() - b.investigationStartedAt.getTime(),
    );
    targets.push({
      ip,
      investigations,
      firstSeen: new Date(Math.min(...findings.map((f) => f.firstSeen.getTime()))),
      lastSeen: new Date(Math.max(...findings.map((f) => f.lastSeen.getTime()))),
      causes: [...new Set(chronological.map((f) => f.category))],
    });
  }
  return targets.sort(
    (a, b) =>
      b.investigations - a.investigations ||
      b.lastSeen.getTime() - a.lastSeen.getTime() ||
      (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0),
  );
}
