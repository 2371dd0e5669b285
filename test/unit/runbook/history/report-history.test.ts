/**
 * The history a report carries and its lines, over a small past worked out by hand. Now is
 * 2026-12-01 12:00 UTC; the current investigation (id 10) began at 11:00 and finds A powered off, B
 * unreachable, C with a stale scan and D (no past).
 */
import { scannerDownPhrase, targetLines } from '../../../../src/runbook/history/describe.js';
import { buildReportHistory, type HistoryInput } from '../../../../src/runbook/history/report-history.js';
import type { PastAction, PastFinding } from '../../../../src/runbook/history/types.js';
import type { Category } from '../../../../src/runbook/model.js';

const now = new Date('2026-12-01T12:00:00Z');
const began = new Date('2026-12-01T11:00:00Z');
const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const D = '10.0.0.4';

function past(
  investigationId: number,
  issueNumber: number,
  startedAt: string,
  ip: string,
  category: Category,
  resolvedAt: string | null = null,
): PastFinding {
  const at = new Date(startedAt);
  return {
    investigationId,
    repo: 'alchemy-conductors/alcatraz',
    issueNumber,
    investigationStartedAt: at,
    ip,
    category,
    firstSeen: at,
    lastSeen: at,
    resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
  };
}

const action = (investigationId: number, ip: string, name: PastAction['action'], by: string, at: string) => ({
  investigationId,
  ip,
  action: name,
  by,
  at: new Date(at),
});

const input: HistoryInput = {
  current: {
    investigationId: 10,
    startedAt: began,
    findings: [
      { ip: A, category: 'powered_off' },
      { ip: B, category: 'unreachable' },
      { ip: C, category: 'stale_scan' },
      { ip: D, category: 'reachable' },
    ],
  },
  past: [
    past(5, 5005, '2026-08-01T09:00:00Z', A, 'powered_off', '2026-08-02T09:00:00Z'), // older than 90 days
    past(4, 5004, '2026-10-01T09:00:00Z', A, 'not_in_scan_zone', '2026-10-08T09:00:00Z'),
    past(1, 5001, '2026-11-01T09:00:00Z', A, 'powered_off', '2026-11-05T09:00:00Z'),
    past(2, 5002, '2026-11-20T09:00:00Z', B, 'unreachable'),
    past(3, 5003, '2026-12-01T08:00:00Z', C, 'stale_scan', '2026-12-01T10:00:00Z'),
    past(10, 5010, '2026-12-01T11:00:00Z', A, 'powered_off'), // this investigation's own row
    past(11, 5011, '2026-12-01T11:30:00Z', A, 'powered_off'), // begun after this one
  ],
  actions: [
    action(1, A, 'power_on', 'bob', '2026-11-03T09:00:00Z'),
    action(1, A, 'launch_scan', 'carol', '2026-11-04T12:00:00Z'),
    action(1, A, 'power_on', 'alice', '2026-11-04T09:00:00Z'),
    action(2, A, 'power_on', 'mallory', '2026-11-21T09:00:00Z'), // not A's investigation 2
  ],
  scannerChanges: [{ name: 's1', healthy: false, status: 'loading', at: new Date('2026-11-30T12:00:00Z') }],
  scanners: ['s2', 's1'],
  now,
};

describe('the history of a report', () => {
  const history = buildReportHistory(input);

  it('lists earlier investigations newest first with what was done there, and the recurring mark', () => {
    expect(history.asOf).toBe('2026-12-01T11:00:00.000Z');
    expect(history.targets.map((t) => t.ip)).toEqual([A, B, C]);
    expect(history.targets[0]).toEqual({
      ip: A,
      earlier: [
        {
          repo: 'alchemy-conductors/alcatraz',
          issueNumber: 5001,
          at: '2026-11-01T09:00:00.000Z',
          category: 'powered_off',
          resolvedAt: '2026-11-05T09:00:00.000Z',
          actions: [
            { action: 'power_on', by: 'bob', at: '2026-11-03T09:00:00.000Z' },
            { action: 'power_on', by: 'alice', at: '2026-11-04T09:00:00.000Z' },
            { action: 'launch_scan', by: 'carol', at: '2026-11-04T12:00:00.000Z' },
          ],
        },
        expect.objectContaining({ issueNumber: 5004, category: 'not_in_scan_zone', actions: [] }),
        expect.objectContaining({ issueNumber: 5005 }),
      ],
      earlierCount: 3,
      // 5004 (2026-10-01), 5001 and this one are within 90 days; 5005 and 5011 are not counted.
      recurring: {
        investigations: 3,
        firstSeen: '2026-10-01T09:00:00.000Z',
        lastSeen: '2026-12-01T12:00:00.000Z',
        causes: ['not_in_scan_zone', 'powered_off'],
      },
    });
    expect(history.targets[1]).toMatchObject({ ip: B, earlierCount: 1, recurring: null });
    expect(history.targets[1]?.earlier[0]?.actions).toEqual([]);
  });

  it('gives every scanner of the report its falls in 30 days, by name', () => {
    expect(history.scanners).toEqual([
      { name: 's1', downs: 1, downMinutes: 24 * 60, downNow: true },
      { name: 's2', downs: 0, downMinutes: 0, downNow: false },
    ]);
  });

  it('words them: the latest earlier one, the last two things done, how long before it came back', () => {
    const [a, b, c] = history.targets;
    if (!a || !b || !c) throw new Error('three targets expected');
    expect(targetLines(a, history.asOf)).toEqual({
      earlier:
        'Earlier: alcatraz#5001 (2026-11-01) · Powered off · Powered on by @alice · Scan launched by @carol · unscanned again 26 days later · 2 more before',
      recurring:
        'Recurring: 3 investigations in 90 days (first 2026-10-01, last 2026-12-01) · No scan zone, Powered off',
    });
    expect(targetLines(b, history.asOf)).toEqual({
      earlier: 'Earlier: alcatraz#5002 (2026-11-20) · Unreachable · still listed there',
      recurring: null,
    });
    expect(targetLines(c, history.asOf).earlier).toBe(
      'Earlier: alcatraz#5003 (2026-12-01) · Last scan over a year ago · unscanned again the same day',
    );
  });

  it('is plain data: it survives JSON and structured cloning unchanged', () => {
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
    expect(structuredClone(history)).toEqual(history);
  });
});

describe('the words of a scanner falls', () => {
  it('count the falls, or say how long of the window it was down when it fell before', () => {
    const phrase = (downs: number, downMinutes: number, downNow: boolean) =>
      scannerDownPhrase({ name: 's', downs, downMinutes, downNow });
    expect(phrase(3, 31 * 60, true)).toBe('down 3 times in 30 days (1 day 7 hours, down now)');
    expect(phrase(1, 45, false)).toBe('down 1 time in 30 days (45 minutes)');
    expect(phrase(0, 30 * 24 * 60, true)).toBe('down for 30 days of the last 30 days, down now');
    expect(phrase(0, 0, false)).toBeNull();
  });
});
