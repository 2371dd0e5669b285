/**
 * The dates a target was last scanned: the report's own, and Tenable.sc's last authenticated and
 * unauthenticated runs. The runbook's "Machine reports scan date > 1 year" uses the newest of them.
 */
import type { Evidence } from './evidence.js';

export const STALE_AFTER_DAYS = 365;
const DAY_MS = 86_400_000;

export type ScanSource = 'report' | 'authenticated' | 'unauthenticated';

export interface DatedScan {
  at: Date;
  source: ScanSource;
}

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

export function reportScan(evidence: Evidence): DatedScan | null {
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
