import type { Evidence } from '../evidence.js';
import { inconclusive, MATCH, NO_MATCH, need, type Rule } from './rule.js';

export const STALE_AFTER_DAYS = 365;
const DAY_MS = 86_400_000;

export type ScanSource = 'report' | 'authenticated' | 'unauthenticated';

export interface DatedScan {
  at: Date;
  source: ScanSource;
}

/**
 * The newest scan is more than a year old. The newest is taken over the report's date and
 * Tenable.sc's last authenticated and unauthenticated runs; a recent date in the report settles it
 * without Tenable.sc, an old or missing one needs Tenable.sc to be sure nothing newer exists.
 */
export const staleScan: Rule = {
  category: 'stale_scan',
  applies(evidence, { now }) {
    const fromReport = reportScan(evidence);
    if (fromReport && !isStale(fromReport.at, now)) return NO_MATCH;
    const tenable = need(evidence.lastScan);
    if (!tenable.ok) return inconclusive(tenable.failed);
    const newest = newestScan(evidence);
    return newest && isStale(newest.at, now) ? MATCH : NO_MATCH;
  },
};

/** Strictly more than 365 days before `now`; exactly 365 days is not yet stale. */
export function isStale(at: Date, now: Date): boolean {
  return now.getTime() - at.getTime() > STALE_AFTER_DAYS * DAY_MS;
}

/** Every known scan date of the target, newest first (Tenable.sc's only when its check worked). */
export function knownScans(evidence: Evidence): DatedScan[] {
  const scans: DatedScan[] = [];
  const fromReport = reportScan(evidence);
  if (fromReport) scans.push(fromReport);
  if (evidence.lastScan.status === 'ok' && evidence.lastScan.value) {
    const auth = parseTimestamp(evidence.lastScan.value.lastAuthRun);
    const unauth = parseTimestamp(evidence.lastScan.value.lastUnauthRun);
    if (auth) scans.push({ at: auth, source: 'authenticated' });
    if (unauth) scans.push({ at: unauth, source: 'unauthenticated' });
  }
  return scans.sort((a, b) => b.at.getTime() - a.at.getTime());
}

export function newestScan(evidence: Evidence): DatedScan | null {
  return knownScans(evidence)[0] ?? null;
}

function reportScan(evidence: Evidence): DatedScan | null {
  const at = parseTimestamp(evidence.target.lastScan);
  return at ? { at, source: 'report' } : null;
}

/**
 * `YYYY-MM-DD` (read as UTC midnight) or an ISO timestamp. Epoch-second strings are accepted too, as
 * Tenable.sc writes them; empty, `0` and unparseable values mean "never".
 */
export function parseTimestamp(value: string | null): Date | null {
  const text = value?.trim();
  if (!text || text === '0') return null;
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? new Date(ms) : null;
}
