/**
 * The digest's figures on a small history made here, each checked by hand: who was unscanned at
 * the start and end of the week, what was fixed and by whom, the time to resolve, the chart.
 */
import { computeDigest, type DigestAction, median, tally } from '../../../../src/runbook/digest/digest.js';
import { digestJson } from '../../../../src/runbook/digest/digest-json.js';
import { digestMarkdown } from '../../../../src/runbook/digest/digest-markdown.js';
import { mermaidChart } from '../../../../src/runbook/digest/mermaid.js';
import type { PastFinding } from '../../../../src/runbook/history/types.js';
import type { Category } from '../../../../src/runbook/model.js';

const NOW = new Date('2026-11-30T08:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

function finding(
  investigationId: number,
  ip: string,
  category: Category,
  firstSeenDaysAgo: number,
  resolvedDaysAgo: number | null,
): PastFinding {
  return {
    investigationId,
    repo: 'o/r',
    issueNumber: 100 + investigationId,
    investigationStartedAt: ago(firstSeenDaysAgo),
    ip,
    category,
    firstSeen: ago(firstSeenDaysAgo),
    lastSeen: ago(firstSeenDaysAgo),
    resolvedAt: resolvedDaysAgo === null ? null : ago(resolvedDaysAgo),
  };
}

const PAST: PastFinding[] = [
  // Open at the start (-7 d), resolved 1 day into the week: 9 days from first seen.
  finding(1, '10.0.0.1', 'powered_off', 15, 6),
  // Open at the start, still open.
  finding(1, '10.0.0.2', 'not_in_scan_zone', 15, null),
  // Seen and resolved within the week: 1 day.
  finding(2, '10.0.0.3', 'stale_scan', 5, 4),
  // Seen during the week, still open; also in investigation 1 before, resolved long ago.
  finding(2, '10.0.0.4', 'powered_off', 3, null),
  finding(1, '10.0.0.4', 'unreachable', 15, 14),
  // Resolved before the week began: in no figure of the week.
  finding(3, '10.0.0.5', 'no_device', 20, 10),
];

const ACTIONS: DigestAction[] = [
  { action: 'power_on', status: 'done', user: 'bob', finishedAt: ago(6) },
  { action: 'mark_notalchemy', status: 'done', user: 'alice', finishedAt: ago(2) },
  { action: 'power_on', status: 'done', user: 'bob', finishedAt: ago(1) },
  // Not counted: a re-check changes nothing; failed, refused and unfinished did not fix; too old.
  { action: 'recheck', status: 'done', user: 'carol', finishedAt: ago(1) },
  { action: 'launch_scan', status: 'failed', user: 'alice', finishedAt: ago(1) },
  { action: 'power_on', status: 'refused', user: 'mallory', finishedAt: ago(1) },
  { action: 'power_on', status: 'intent', user: 'bob', finishedAt: null },
  { action: 'power_on', status: 'done', user: 'bob', finishedAt: ago(8) },
];

describe('the weekly digest', () => {
  const digest = computeDigest({ past: PAST, actions: ACTIONS, now: NOW, weeks: 3 });

  it('counts the unscanned targets at the start and the end of the week, by cause', () => {
    // Start (-7 d): .1 powered off, .2 no zone; .4 was resolved at -14 d and .5 at -10 d; .3 not seen yet.
    expect(digest.unscanned.start).toEqual({ powered_off: 1, not_in_scan_zone: 1 });
    expect(digest.unscanned.startTotal).toBe(2);
    // End: .2 no zone, .4 powered off (its latest finding).
    expect(digest.unscanned.end).toEqual({ powered_off: 1, not_in_scan_zone: 1 });
    expect(digest.unscanned.endTotal).toBe(2);
  });

  it('lets the latest investigation of a target speak for it: an older unresolved row does not keep it open', () => {
    const past: PastFinding[] = [
      // Investigation 7 failed 12 days ago and never resolved its row of .9 ...
      finding(7, '10.0.0.9', 'unreachable', 12, null),
      // ... investigation 8 found .9 again 10 days ago, and the issue stopped listing it 2 days ago.
      finding(8, '10.0.0.9', 'powered_off', 10, 2),
    ];
    const later = computeDigest({ past, actions: [], now: NOW, weeks: 2 });
    // Start (-7 d): investigation 8's powered-off row speaks for .9. End: resolved, so nothing open.
    expect(later.unscanned.start).toEqual({ powered_off: 1 });
    expect(later.unscanned.end).toEqual({});
    expect(later.chart.series).toEqual([{ category: 'powered_off', counts: [1, 0] }]);
  });

  it('counts what was fixed and by whom: resolved targets and done actions that change something', () => {
    expect(digest.fixed).toEqual({
      resolved: 2,
      actions: 3,
      byUser: [
        { name: 'bob', count: 2 },
        { name: 'alice', count: 1 },
      ],
      byAction: [
        { name: 'power_on', count: 2 },
        { name: 'mark_notalchemy', count: 1 },
      ],
    });
  });

  it('gives the median and the worst time from first seen to resolved', () => {
    // 9 days (.1) and 1 day (.3): the median of two is their mean, 5 days.
    expect(digest.timeToResolve).toEqual({
      count: 2,
      medianMs: 5 * DAY,
      worstMs: 9 * DAY,
      worstIp: '10.0.0.1',
    });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
    expect(tally(['b', 'a', 'b'])).toEqual([
      { name: 'b', count: 2 },
      { name: 'a', count: 1 },
    ]);
  });

  it('charts the unscanned targets at the end of each week', () => {
    // -14 d: .1, .2 (first seen -15 d), .4 unreachable (resolved exactly at -14 d: gone), .5 no device.
    // -7 d: .1, .2.  Now: .2, .4.
    expect(digest.chart.weekEnds).toEqual([ago(14), ago(7), NOW]);
    expect(Object.fromEntries(digest.chart.series.map((s) => [s.category, s.counts]))).toEqual({
      powered_off: [1, 1, 1],
      no_device: [1, 0, 0],
      not_in_scan_zone: [1, 1, 1],
    });
  });

  it('writes JSON in seconds and ISO times, and markdown with a mermaid chart', () => {
    const json = digestJson(digest);
    expect(json.timeToResolve).toEqual({
      resolved: 2,
      medianSeconds: 432_000,
      worstSeconds: 777_600,
      worstIp: '10.0.0.1',
    });
    expect(json.chart.weekEnds).toEqual([ago(14).toISOString(), ago(7).toISOString(), NOW.toISOString()]);
    const mermaid = mermaidChart(digest.chart);
    expect(mermaid).toMatch(/^```mermaid\n/);
    expect(mermaid).toContain('xychart-beta');
    expect(mermaid).toContain('x-axis ["11-16", "11-23", "11-30"]');
    expect(mermaid).toContain('bar [3, 2, 2]');
    const markdown = digestMarkdown(digest);
    expect(markdown).toContain('Unscanned at the start of the week: 2 (Powered off 1, No scan zone 1)');
    expect(markdown).toContain('| all (bars) | light grey | 3 | 2 | 2 |');
  });
});
