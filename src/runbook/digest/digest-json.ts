/**
 * The digest as JSON (`nessus-gap digest --format json`, docs/contract.md section 11): times in
 * ISO-8601 UTC, durations in whole seconds, counts by cause keyed by the category's JSON name.
 */

import type { Digest } from './digest.js';
import type { CauseCounts } from './open-targets.js';

export interface DigestJson {
  weekStart: string;
  weekEnd: string;
  unscanned: { start: { total: number; byCause: CauseCounts }; end: { total: number; byCause: CauseCounts } };
  fixed: {
    resolved: number;
    actions: number;
    byUser: { user: string; count: number }[];
    byAction: { action: string; count: number }[];
  };
  timeToResolve: {
    resolved: number;
    medianSeconds: number | null;
    worstSeconds: number | null;
    worstIp: string | null;
  };
  recurring: { ip: string; investigations: number; firstSeen: string; lastSeen: string; causes: string[] }[];
  chart: { weekEnds: string[]; byCause: Record<string, number[]> };
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

export function digestJson(digest: Digest): DigestJson {
  return {
    weekStart: digest.weekStart.toISOString(),
    weekEnd: digest.weekEnd.toISOString(),
    unscanned: {
      start: { total: digest.unscanned.startTotal, byCause: digest.unscanned.start },
      end: { total: digest.unscanned.endTotal, byCause: digest.unscanned.end },
    },
    fixed: {
      resolved: digest.fixed.resolved,
      actions: digest.fixed.actions,
      byUser: digest.fixed.byUser.map((t) => ({ user: t.name, count: t.count })),
      byAction: digest.fixed.byAction.map((t) => ({ action: t.name, count: t.count })),
    },
    timeToResolve: {
      resolved: digest.timeToResolve.count,
      medianSeconds: seconds(digest.timeToResolve.medianMs),
      worstSeconds: seconds(digest.timeToResolve.worstMs),
      worstIp: digest.timeToResolve.worstIp,
    },
    recurring: digest.recurring.map((r) => ({
      ip: r.ip,
      investigations: r.investigations,
      firstSeen: r.firstSeen.toISOString(),
      lastSeen: r.lastSeen.toISOString(),
      causes: [...r.causes],
    })),
    chart: {
      weekEnds: digest.chart.weekEnds.map((d) => d.toISOString()),
      byCause: Object.fromEntries(digest.chart.series.map((s) => [s.category, s.counts])),
    },
  };
}
