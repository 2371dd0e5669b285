/**
 * The history of a target or a scanner in words, for every renderer: plain text with our own labels
 * and the stored names (issue, user), which each renderer escapes for its medium like evidence.
 *
 *   Earlier: alcatraz#5104 (2026-11-17) · Unreachable · Reboot sent by @bob · unscanned again 12 days later
 *   Recurring: 4 investigations in 90 days (first 2026-10-02, last 2026-12-01) · Powered off
 *   down 3 times in 30 days (1 day 7 hours)
 */
import { actionDescriptor } from '../actions/index.js';
import { verbOf } from '../offers.js';
import { formatDuration } from '../report/duration.js';
import { shortIssueLabel } from '../report/issue-label.js';
import { CATEGORY_LABELS } from '../report/labels.js';
import { RECURRING_MIN_INVESTIGATIONS, RECURRING_WINDOW_DAYS } from './recurring.js';
import { SCANNER_DOWN_WINDOW_DAYS } from './scanner-downtime.js';
import type {
  EarlierSighting,
  RecurringMark,
  ReportHistory,
  ScannerDownHistory,
  TargetHistory,
} from './types.js';
import { DAY_MS } from './window.js';

/** Actions named in a line: the rest are in the JSON. */
const MAX_ACTIONS_SHOWN = 2;

export interface TargetHistoryLines {
  /** The latest earlier investigation that found the target; null when none did. */
  earlier: string | null;
  /** The recurring mark; null when the target is not recurring. */
  recurring: string | null;
}

/** The lines of every target with a history, by IP. */
export function historyLinesByIp(history: ReportHistory | undefined): Map<string, TargetHistoryLines> {
  const lines = new Map<string, TargetHistoryLines>();
  for (const target of history?.targets ?? []) lines.set(target.ip, targetLines(target, history?.asOf ?? ''));
  return lines;
}

export function targetLines(target: TargetHistory, asOf: string): TargetHistoryLines {
  const latest = target.earlier[0];
  return {
    earlier: latest ? earlierLine(latest, target.earlierCount - 1, asOf) : null,
    recurring: target.recurring ? recurringLine(target.recurring) : null,
  };
}

function earlierLine(sighting: EarlierSighting, olderCount: number, asOf: string): string {
  const parts = [
    `Earlier: ${shortIssueLabel({ repo: sighting.repo, number: sighting.issueNumber })} (${day(sighting.at)})`,
    CATEGORY_LABELS[sighting.category],
  ];
  const done = sighting.actions.slice(-MAX_ACTIONS_SHOWN);
  for (const action of done) {
    const outcome = actionDescriptor(verbOf(action.action, sighting.category)).outcome;
    parts.push(`${outcome} by @${(action.by ?? 'someone').replace(/^@+/, '')}`);
  }
  // Back since when it was settled there: when it left that issue, else the last thing done about it.
  const settled = sighting.resolvedAt ?? done.at(-1)?.at ?? null;
  if (settled !== null) {
    const days = Math.floor((Date.parse(asOf) - Date.parse(settled)) / DAY_MS);
    if (days >= 0)
      parts.push(`unscanned again ${days === 0 ? 'the same day' : `${days} ${plural(days, 'day')} later`}`);
  } else {
    parts.push('still listed there');
  }
  if (olderCount > 0) parts.push(`${olderCount} more before`);
  return parts.join(' · ');
}

function recurringLine(mark: RecurringMark): string {
  const causes = mark.causes.map((c) => CATEGORY_LABELS[c]).join(', ');
  return `Recurring: ${mark.investigations} investigations in ${RECURRING_WINDOW_DAYS} days (first ${day(mark.firstSeen)}, last ${day(mark.lastSeen)}) · ${causes}`;
}

/**
 * `down 3 times in 30 days (1 day 7 hours, down now)`, or `down for 30 days of the last 30 days, down
 * now` for one down since before the window; null for a scanner not down in the window.
 */
export function scannerDownPhrase(scanner: ScannerDownHistory): string | null {
  if (scanner.downs === 0 && scanner.downMinutes === 0 && !scanner.downNow) return null;
  const long = formatDuration(scanner.downMinutes * 60_000);
  const now = scanner.downNow ? ', down now' : '';
  // No fall in the window: it was already down when the window began.
  if (scanner.downs === 0) return `down for ${long} of the last ${SCANNER_DOWN_WINDOW_DAYS} days${now}`;
  return `down ${scanner.downs} ${plural(scanner.downs, 'time')} in ${SCANNER_DOWN_WINDOW_DAYS} days (${long}${now})`;
}

/** The scanners' phrases by name (only those down in the window). */
export function scannerDownPhrases(history: ReportHistory | undefined): Map<string, string> {
  const phrases = new Map<string, string>();
  for (const scanner of history?.scanners ?? []) {
    const phrase = scannerDownPhrase(scanner);
    if (phrase !== null) phrases.set(scanner.name, phrase);
  }
  return phrases;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** `Recurring (3 or more investigations in 90 days): 10.10.5.31 (4), 10.10.7.8 (3)`; null when none. */
export function recurringList(history: ReportHistory | undefined): string | null {
  const recurring = (history?.targets ?? [])
    .filter((t) => t.recurring !== null)
    .sort((a, b) => (b.recurring?.investigations ?? 0) - (a.recurring?.investigations ?? 0));
  if (recurring.length === 0) return null;
  const list = recurring.map((t) => `${t.ip} (${t.recurring?.investigations})`).join(', ');
  return `Recurring (${RECURRING_MIN_INVESTIGATIONS} or more investigations in ${RECURRING_WINDOW_DAYS} days): ${list}`;
}
