/**
 * The history a report carries, built from what the store remembers: for each target, the earlier
 * investigations that found it (with what people did there) and whether it keeps coming back; for
 * each scanner, how often it went down lately. Pure: the use case reads the store and passes it in.
 */
import type { Category } from '../model.js';
import { recurringTargets } from './recurring.js';
import { SCANNER_DOWN_WINDOW_DAYS, scannerDownCounts } from './scanner-downtime.js';
import type {
  EarlierSighting,
  PastAction,
  PastFinding,
  ReportHistory,
  ScannerHealthChange,
  TargetHistory,
} from './types.js';

/** Earlier sightings kept per target: the lines show the latest, the JSON a few. */
export const MAX_EARLIER = 5;

export interface HistoryInput {
  /** The investigation the report is of, and its targets as found now. */
  current: {
    investigationId: number;
    startedAt: Date;
    findings: readonly { ip: string; category: Category }[];
  };
  /** Findings of the targets' IPs from the store (the current investigation's own are ignored). */
  past: readonly PastFinding[];
  /** Done actions on those IPs (others are ignored). */
  actions: readonly PastAction[];
  /** Scanner health changes of at least the last SCANNER_DOWN_WINDOW_DAYS. */
  scannerChanges: readonly ScannerHealthChange[];
  /** The health job's last known state of each scanner (a fall before the window and no change since). */
  scannerStates?: readonly { name: string; healthy: boolean; changedAt: Date }[];
  /** The report's scanners. */
  scanners: readonly string[];
  now: Date;
}

export function buildReportHistory(input: HistoryInput): ReportHistory {
  const { current, now } = input;
  const earlierFindings = input.past.filter(
    (f) =>
      f.investigationId !== current.investigationId &&
      f.investigationStartedAt.getTime() <= current.startedAt.getTime(),
  );
  // This investigation counts towards recurrence: it is finding the target now.
  const withCurrent: PastFinding[] = [
    ...earlierFindings,
    ...current.findings.map((f) => ({
      investigationId: current.investigationId,
      repo: '',
      issueNumber: 0,
      investigationStartedAt: current.startedAt,
      ip: f.ip,
      category: f.category,
      firstSeen: current.startedAt,
      lastSeen: now,
      resolvedAt: null,
    })),
  ];
  const targetIps = new Set(current.findings.map((f) => f.ip));
  const recurring = new Map(
    recurringTargets(
      withCurrent.filter((f) => targetIps.has(f.ip)),
      now,
    ).map((t) => [t.ip, t]),
  );

  const byIp = groupBy(earlierFindings, (f) => f.ip);
  const actionsBy = groupBy(input.actions, (a) => `${a.investigationId}:${a.ip}`);
  const seen = new Set<string>();
  const targets: TargetHistory[] = [];
  for (const { ip } of current.findings) {
    if (seen.has(ip)) continue;
    seen.add(ip);
    const earlier = [...(byIp.get(ip) ?? [])].sort(
      (a, b) => b.investigationStartedAt.getTime() - a.investigationStartedAt.getTime(),
    );
    const mark = recurring.get(ip);
    if (earlier.length === 0 && !mark) continue;
    targets.push({
      ip,
      earlier: earlier
        .slice(0, MAX_EARLIER)
        .map((f) => sighting(f, actionsBy.get(`${f.investigationId}:${ip}`))),
      earlierCount: earlier.length,
      recurring: mark
        ? {
            investigations: mark.investigations,
            firstSeen: mark.firstSeen.toISOString(),
            lastSeen: mark.lastSeen.toISOString(),
            causes: mark.causes,
          }
        : null,
    });
  }

  const downtime = new Map(
    scannerDownCounts(input.scannerChanges, now, SCANNER_DOWN_WINDOW_DAYS, input.scannerStates).map((d) => [
      d.name,
      d,
    ]),
  );
  const scanners = [...new Set(input.scanners)].sort().map((name) => {
    const d = downtime.get(name);
    return {
      name,
      downs: d?.downs ?? 0,
      downMinutes: Math.round((d?.downMs ?? 0) / 60_000),
      downNow: d?.downNow ?? false,
    };
  });
  return { asOf: current.startedAt.toISOString(), targets, scanners };
}

function sighting(finding: PastFinding, actions: readonly PastAction[] | undefined): EarlierSighting {
  return {
    repo: finding.repo,
    issueNumber: finding.issueNumber,
    at: finding.investigationStartedAt.toISOString(),
    category: finding.category,
    resolvedAt: finding.resolvedAt?.toISOString() ?? null,
    actions: [...(actions ?? [])]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((a) => ({ action: a.action, by: a.by, at: a.at.toISOString() })),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
