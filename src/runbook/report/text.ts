/**
 * The report as aligned plain text for a terminal (`investigate --format text`): the counts with
 * dotted leaders like the summary in Slack, then each category's findings with their evidence and fix steps.
 * Untrusted text is stripped of control characters and escape sequences first, so a hostile hostname
 * cannot move the cursor, recolour or retitle the terminal; colour, when asked for, is ours alone.
 */
import { systemLabel } from '../evidence-lines.js';
import type { Finding, InvestigationReport } from '../finding.js';
import { historyLinesByIp, scannerDownPhrases, type TargetHistoryLines } from '../history/describe.js';
import { CATEGORY_LABELS } from './labels.js';
import { toSingleLine, truncate } from './sanitize.js';
import { describeScanner, scannersByConcern } from './scanners.js';
import {
  type CategoryGroup,
  formatUtc,
  groupHint,
  outcomePhrase,
  summarizeReport,
  unscannedPhrase,
} from './summary.js';

export interface TextOptions {
  /** Bold headings with ANSI escapes; off by default (pipes, files, tests). */
  color?: boolean;
}

/** Where the count column starts: after the longest label and a few dots, the same in every report. */
export const LEADER_WIDTH = Math.max(...Object.values(CATEGORY_LABELS).map((label) => label.length)) + 4;

const MAX_HOST_COLUMN = 48;
const MAX_ENVIRONMENT_COLUMN = 24;
const MAX_IP_COLUMN = 39;
const INDENT = '  ';

export function renderText(report: InvestigationReport, options: TextOptions = {}): string {
  const bold = (text: string) => (options.color === true ? `\x1b[1m${text}\x1b[0m` : text);
  const summary = summarizeReport(report);
  const outcome = outcomePhrase(summary);
  const lines: string[] = [
    bold(
      `nessus-gap: ${unscannedPhrase(summary.total)} on ${clean(report.issue.repo, 100)}#${Math.trunc(report.issue.number)}` +
        (outcome === '' ? '' : `: ${outcome}`),
    ),
  ];
  const title = clean(report.issue.title, 200);
  if (title !== '') lines.push(`Issue: ${title}`);
  lines.push(`Checked ${formatUtc(report.checkedAt) ?? clean(report.checkedAt, 40)}`);
  if (report.systemsDown.length > 0) {
    const systems = clean(report.systemsDown.map(systemLabel).join(', '), 200);
    const them = report.systemsDown.length === 1 ? 'it' : 'them';
    lines.push(`Could not reach ${systems}: the IPs that needed ${them} are under Could not check`);
  }

  if (report.scanners.length > 0) {
    lines.push('Scanners:');
    const downs = scannerDownPhrases(report.history);
    for (const scanner of scannersByConcern(report.scanners)) {
      const described = describeScanner(scanner, downs.get(scanner.name));
      lines.push(`${INDENT}${scanner.verdict.padEnd(8)} ${clean(described, 260)}`);
    }
  }

  if (summary.groups.length > 0) {
    lines.push('', ...countLines(summary.groups));
    const history = historyLinesByIp(report.history);
    for (const group of summary.groups) {
      lines.push(
        '',
        bold(`${CATEGORY_LABELS[group.category]} (${group.findings.length})`),
        ...groupLines(group, history),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `  Not in our account ........ 1   -> mark NOTALCHEMY in Inventory`, counts right-aligned. */
function countLines(groups: readonly CategoryGroup[]): string[] {
  const countWidth = Math.max(...groups.map((group) => String(group.findings.length).length));
  return groups.map((group) => {
    const label = CATEGORY_LABELS[group.category];
    const { hint, scanners } = groupHint(group);
    const target = scanners.length === 0 ? '' : ` (${clean(scanners.join(', '), 120)})`;
    const count = String(group.findings.length).padStart(countWidth);
    return `${INDENT}${label} ${'.'.repeat(LEADER_WIDTH - label.length - 1)} ${count}   -> ${hint}${target}`;
  });
}

function groupLines(group: CategoryGroup, history: ReadonlyMap<string, TargetHistoryLines>): string[] {
  const rows = group.findings.map((finding) => [
    clean(finding.ip, MAX_IP_COLUMN),
    clean(finding.hostname ?? '-', MAX_HOST_COLUMN) || '-',
    clean(finding.environment ?? '-', MAX_ENVIRONMENT_COLUMN) || '-',
    finding.interface,
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
  return group.findings.flatMap((finding, index) => {
    const row = rows[index] ?? [];
    const cells = row.map((cell, column) => pad(cell, widths[column] ?? 0));
    return [`${INDENT}${cells.join('  ').trimEnd()}`, ...findingLines(finding, history.get(finding.ip))];
  });
}

function findingLines(finding: Finding, history: TargetHistoryLines | undefined): string[] {
  const deeper = INDENT.repeat(2);
  const deepest = INDENT.repeat(3);
  const lines: string[] = [];
  const summary = clean(finding.summary);
  if (summary !== '') lines.push(`${deeper}${summary}`);
  if (history?.recurring) lines.push(`${deeper}${clean(history.recurring, 300)}`);
  if (history?.earlier) lines.push(`${deeper}${clean(history.earlier, 300)}`);
  const context: string[] = [];
  if (finding.scanner !== null) context.push(`scanner: ${clean(finding.scanner, 100)}`);
  if (finding.device !== null) {
    context.push(
      `device: ${finding.device.kind} ${finding.device.id} ${clean(finding.device.hostname, 100)}`,
    );
  }
  if (context.length > 0) lines.push(`${deeper}${context.join(' · ')}`);

  const evidence =
    finding.evidence.length > 0
      ? finding.evidence
      : finding.failedChecks.map(
          (check) => `Could not check ${check.check} (${check.system}): ${check.reason}`,
        );
  if (evidence.length > 0) {
    lines.push(`${deeper}Evidence:`, ...evidence.map((line) => `${deepest}- ${clean(line)}`));
  }
  if (finding.fixes.length > 0) {
    lines.push(
      `${deeper}Fix:`,
      ...finding.fixes.map((line, index) => `${deepest}${index + 1}. ${clean(line)}`),
    );
  }
  if (finding.links.length > 0) {
    lines.push(
      `${deeper}Links:`,
      ...finding.links.map((link) => `${deepest}${clean(link.label, 200)}: ${clean(link.url, 2000)}`),
    );
  }
  return lines;
}

/** Untrusted text on one line without control characters, optionally cut to `max` code points. */
function clean(text: string, max = Number.POSITIVE_INFINITY): string {
  return truncate(toSingleLine(text), max);
}

/** Display width in code points (a surrogate pair is one character on screen). */
function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}
