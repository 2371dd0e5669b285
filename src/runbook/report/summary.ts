/** The numbers every rendering of a report starts with, so Slack, the issue and the terminal agree. */
import type { Finding, InvestigationReport } from '../finding.js';
import { CATEGORIES, type Category } from '../model.js';
import { CATEGORY_HINTS, NEEDS_A_PERSON } from './labels.js';

export interface CategoryGroup {
  category: Category;
  findings: Finding[];
}

export interface ReportSummary {
  /** Findings, one per unscanned IP. */
  total: number;
  causesFound: number;
  needAPerson: number;
  /** Only the categories present, in `CATEGORIES` order, findings in report order within each. */
  groups: CategoryGroup[];
}

export function groupByCategory(findings: readonly Finding[]): CategoryGroup[] {
  const byCategory = new Map<Category, Finding[]>();
  for (const finding of findings) {
    const group = byCategory.get(finding.category);
    if (group) group.push(finding);
    else byCategory.set(finding.category, [finding]);
  }
  return CATEGORIES.flatMap((category) => {
    const group = byCategory.get(category);
    return group ? [{ category, findings: group }] : [];
  });
}

export function summarizeReport(report: InvestigationReport): ReportSummary {
  const groups = groupByCategory(report.findings);
  const needAPerson = groups
    .filter((group) => NEEDS_A_PERSON.has(group.category))
    .reduce((sum, group) => sum + group.findings.length, 0);
  const total = report.findings.length;
  return { total, causesFound: total - needAPerson, needAPerson, groups };
}

/** "15 unscanned IPs" / "1 unscanned IP" / "no unscanned IPs". */
export function unscannedPhrase(total: number): string {
  if (total === 0) return 'no unscanned IPs';
  return `${total} unscanned ${total === 1 ? 'IP' : 'IPs'}`;
}

/** "11 causes found, 4 need a person" (either part left out when zero; empty for an empty report). */
export function outcomePhrase(summary: ReportSummary): string {
  const parts: string[] = [];
  if (summary.causesFound > 0) {
    parts.push(`${summary.causesFound} ${summary.causesFound === 1 ? 'cause' : 'causes'} found`);
  }
  if (summary.needAPerson > 0) {
    parts.push(`${summary.needAPerson} ${summary.needAPerson === 1 ? 'needs' : 'need'} a person`);
  }
  return parts.join(', ');
}

/**
 * What to do about a group: the category's hint, and for `scanner_down` the scanners concerned
 * (untrusted names: the caller escapes them for its medium).
 */
export function groupHint(group: CategoryGroup): { hint: string; scanners: string[] } {
  const scanners =
    group.category === 'scanner_down'
      ? [...new Set(group.findings.map((finding) => finding.scanner).filter((name) => name !== null))]
      : [];
  return { hint: CATEGORY_HINTS[group.category], scanners };
}

/** `2026-11-26 09:05 UTC` for an ISO timestamp or a Date; null when it is not a valid time. */
export function formatUtc(time: string | Date): string | null {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
