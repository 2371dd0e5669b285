import { staleScan as staleScanCategory } from '../../../src/runbook/categories/stale-scan.js';
import type { Evidence } from '../../../src/runbook/evidence.js';
import { ok } from '../../../src/runbook/evidence.js';
import { isStale, newestScan, parseTimestamp } from '../../../src/runbook/scan-dates.js';
import { buildEvidence, CONTEXT, tenableDown } from './evidence-builder.js';

const rule = staleScanCategory.rule;
if (!rule) throw new Error('stale_scan has a rule');
const staleScan = {
  applies: (evidence: Evidence, { now }: { now: Date }) => rule(evidence, { ...CONTEXT, now }),
};

const DAY = 86_400_000;
const clockAt = (iso: string) => ({ now: new Date(iso) });

describe('stale_scan', () => {
  const lastScanDay = '2025-01-10';
  const evidence = buildEvidence({ target: { lastScan: lastScanDay }, lastScan: ok(null) });
  const scannedAt = Date.parse(`${lastScanDay}T00:00:00Z`);

  it('is not stale exactly 365 days after the last scan, and stale one millisecond later', () => {
    expect(staleScan.applies(evidence, { now: new Date(scannedAt + 365 * DAY) }).kind).toBe('no_match');
    expect(staleScan.applies(evidence, { now: new Date(scannedAt + 365 * DAY + 1) }).kind).toBe('match');
    expect(staleScan.applies(evidence, { now: new Date(scannedAt + 364 * DAY) }).kind).toBe('no_match');
  });

  it('uses the newest of the report and Tenable.sc runs', () => {
    const tenableNewer = buildEvidence({
      target: { lastScan: '2023-05-01' },
      lastScan: ok({ lastAuthRun: '2023-06-01T00:00:00Z', lastUnauthRun: '2026-06-01T12:00:00Z' }),
    });
    expect(staleScan.applies(tenableNewer, clockAt('2026-11-26T00:00:00Z')).kind).toBe('no_match');
    expect(newestScan(tenableNewer)).toEqual({
      at: new Date('2026-06-01T12:00:00Z'),
      source: 'unauthenticated',
    });

    const onlyTenable = buildEvidence({
      target: { lastScan: null },
      lastScan: ok({ lastAuthRun: '2024-02-01T00:00:00Z', lastUnauthRun: null }),
    });
    expect(staleScan.applies(onlyTenable, clockAt('2026-11-26T00:00:00Z')).kind).toBe('match');
  });

  it('does not call a target with no scan date at all stale', () => {
    const never = buildEvidence({ target: { lastScan: null, neverScanned: true }, lastScan: ok(null) });
    expect(staleScan.applies(never, clockAt('2026-11-26T00:00:00Z')).kind).toBe('no_match');
  });

  it('needs Tenable.sc only when the report date is old or missing', () => {
    const recent = buildEvidence({ target: { lastScan: '2026-10-01' }, lastScan: tenableDown('last_scan') });
    expect(staleScan.applies(recent, clockAt('2026-11-26T00:00:00Z')).kind).toBe('no_match');
    const old = buildEvidence({ target: { lastScan: '2024-10-01' }, lastScan: tenableDown('last_scan') });
    expect(staleScan.applies(old, clockAt('2026-11-26T00:00:00Z'))).toEqual({
      kind: 'inconclusive',
      failed: [{ check: 'last_scan', system: 'tenable', reason: 'timeout after 3 tries' }],
    });
  });

  it('reads days, ISO timestamps and epoch seconds; empty and 0 are never', () => {
    expect(parseTimestamp('2024-03-02')?.toISOString()).toBe('2024-03-02T00:00:00.000Z');
    expect(parseTimestamp('2024-03-02T10:00:00+02:00')?.toISOString()).toBe('2024-03-02T08:00:00.000Z');
    expect(parseTimestamp('1545071370')?.toISOString()).toBe('2018-12-17T18:29:30.000Z');
    for (const never of ['', '0', null, 'soon']) expect(parseTimestamp(never)).toBeNull();
    expect(isStale(new Date('2020-01-01'), new Date('2020-01-02'))).toBe(false);
  });
});
