/**
 * How often each scanner went down in the last 30 days, from the health job's changes. Now is
 * 2026-12-01 00:00 UTC, so the window opens 2026-11-01 00:00; the figures are worked out by hand.
 */
import { scannerDownCounts } from '../../../../src/runbook/history/scanner-downtime.js';
import type { ScannerHealthChange } from '../../../../src/runbook/history/types.js';

const now = new Date('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;
const change = (name: string, healthy: boolean, at: string): ScannerHealthChange => ({
  name,
  healthy,
  status: healthy ? 'ready' : 'loading',
  at: new Date(at),
});

const changes: ScannerHealthChange[] = [
  // a: down before the window, back 11-02 (24 h in the window, not a fall in it); down 6 h on
  // 11-10; down again since 11-30 12:00 (12 h to now). Two falls, 42 hours, down now.
  change('a', false, '2026-10-25T00:00:00Z'),
  change('a', true, '2026-11-02T00:00:00Z'),
  change('a', false, '2026-11-10T00:00:00Z'),
  change('a', true, '2026-11-10T06:00:00Z'),
  change('a', false, '2026-11-30T12:00:00Z'),
  // b: down 11-15, a second "down" (another status) does not count again, up 11-17: one fall, 48 h.
  change('b', false, '2026-11-15T00:00:00Z'),
  change('b', false, '2026-11-16T00:00:00Z'),
  change('b', true, '2026-11-17T00:00:00Z'),
  // c: only before the window.
  change('c', false, '2026-10-01T00:00:00Z'),
  change('c', true, '2026-10-02T00:00:00Z'),
];

describe('scanner down counts', () => {
  it('counts the falls and the time down within the last 30 days, per scanner', () => {
    expect(scannerDownCounts(changes, now)).toEqual([
      { name: 'a', downs: 2, downMs: 42 * HOUR, downNow: true },
      { name: 'b', downs: 1, downMs: 48 * HOUR, downNow: false },
    ]);
  });

  it('counts a scanner last known down since before the window, with no change in it, down all the window', () => {
    const states = [
      { name: 'd', healthy: false, changedAt: new Date('2026-10-20T00:00:00Z') },
      { name: 'e', healthy: true, changedAt: new Date('2026-10-20T00:00:00Z') },
      { name: 'a', healthy: false, changedAt: new Date('2026-11-30T12:00:00Z') },
    ];
    expect(scannerDownCounts(changes, now, 30, states)).toEqual([
      { name: 'a', downs: 2, downMs: 42 * HOUR, downNow: true },
      { name: 'b', downs: 1, downMs: 48 * HOUR, downNow: false },
      { name: 'd', downs: 0, downMs: 30 * 24 * HOUR, downNow: true },
    ]);
  });

  it('takes the changes in time order whatever order they come in', () => {
    expect(scannerDownCounts([...changes].reverse(), now)).toEqual(scannerDownCounts(changes, now));
  });

  it('takes another window: in the last 61 days c went down once, for a day, and a once more', () => {
    const wide = scannerDownCounts(changes, now, 61);
    expect(wide.find((d) => d.name === 'c')).toEqual({
      name: 'c',
      downs: 1,
      downMs: 24 * HOUR,
      downNow: false,
    });
    expect(wide.find((d) => d.name === 'a')).toEqual({
      name: 'a',
      downs: 3,
      downMs: (8 * 24 + 6 + 12) * HOUR,
      downNow: true,
    });
  });
});
