/**
 * Recurring targets: three or more investigations within 90 days. The expectations below are counted
 * by hand from the findings listed (now is 2026-12-01 12:00 UTC, so the window opens 2026-09-02 12:00).
 */
import {
  RECURRING_MIN_INVESTIGATIONS,
  RECURRING_WINDOW_DAYS,
  recurringTargets,
} from '../../../../src/runbook/history/recurring.js';
import type { PastFinding } from '../../../../src/runbook/history/types.js';
import type { Category } from '../../../../src/runbook/model.js';

const now = new Date('2026-12-01T12:00:00Z');
const started: Record<number, string> = {
  1: '2026-08-20T09:00:00Z', // before the window
  2: '2026-09-10T09:00:00Z',
  3: '2026-10-15T09:00:00Z',
  4: '2026-11-20T09:00:00Z',
  5: '2026-11-30T09:00:00Z',
  6: '2026-09-02T12:00:00Z', // exactly when the window opens: inside
  7: '2026-12-02T09:00:00Z', // after now: not counted
};

function past(investigationId: number, ip: string, category: Category, lastSeen?: string): PastFinding {
  const at = new Date(started[investigationId] as string);
  return {
    investigationId,
    repo: 'alchemy-conductors/alcatraz',
    issueNumber: 5000 + investigationId,
    investigationStartedAt: at,
    ip,
    category,
    firstSeen: at,
    lastSeen: lastSeen ? new Date(lastSeen) : at,
    resolvedAt: null,
  };
}

const seed: PastFinding[] = [
  past(1, '10.0.0.1', 'unreachable'),
  past(2, '10.0.0.1', 'powered_off', '2026-09-12T09:00:00Z'),
  past(3, '10.0.0.1', 'unreachable'),
  past(4, '10.0.0.1', 'powered_off', '2026-11-22T09:00:00Z'),
  past(2, '10.0.0.2', 'stale_scan'),
  past(3, '10.0.0.2', 'stale_scan'),
  past(2, '10.0.0.3', 'not_in_scan_zone'),
  past(3, '10.0.0.3', 'not_in_scan_zone'),
  past(4, '10.0.0.3', 'not_in_scan_zone'),
  past(5, '10.0.0.3', 'not_in_scan_zone'),
  past(1, '10.0.0.4', 'no_device'),
  past(2, '10.0.0.4', 'no_device'),
  past(3, '10.0.0.4', 'no_device'),
  past(7, '10.0.0.4', 'no_device'),
  past(6, '10.0.0.5', 'scanner_down'),
  past(3, '10.0.0.5', 'scanner_down'),
  past(4, '10.0.0.5', 'reachable'),
];

describe('recurring targets', () => {
  it('are three or more investigations within 90 days', () => {
    expect(RECURRING_MIN_INVESTIGATIONS).toBe(3);
    expect(RECURRING_WINDOW_DAYS).toBe(90);
  });

  it('counts the investigations within the window, most recurring first, then the latest seen', () => {
    expect(recurringTargets(seed, now)).toEqual([
      {
        ip: '10.0.0.3',
        investigations: 4,
        firstSeen: new Date(started[2] as string),
        lastSeen: new Date(started[5] as string),
        causes: ['not_in_scan_zone'],
      },
      {
        ip: '10.0.0.1',
        investigations: 3,
        firstSeen: new Date(started[2] as string),
        lastSeen: new Date('2026-11-22T09:00:00Z'),
        causes: ['powered_off', 'unreachable'],
      },
      {
        ip: '10.0.0.5',
        investigations: 3,
        firstSeen: new Date(started[6] as string),
        lastSeen: new Date(started[4] as string),
        causes: ['scanner_down', 'reachable'],
      },
    ]);
  });

  it('leaves out a target with two investigations in the window (10.0.0.2, and 10.0.0.4 whose others are outside)', () => {
    const ips = recurringTargets(seed, now).map((t) => t.ip);
    expect(ips).not.toContain('10.0.0.2');
    expect(ips).not.toContain('10.0.0.4');
  });

  it('counts one investigation once, and gives nothing for no history', () => {
    expect(recurringTargets([], now)).toEqual([]);
    const twice = [past(2, '10.0.0.9', 'powered_off'), past(2, '10.0.0.9', 'powered_off')];
    expect(recurringTargets([...twice, past(3, '10.0.0.9', 'powered_off')], now)).toEqual([]);
  });
});
