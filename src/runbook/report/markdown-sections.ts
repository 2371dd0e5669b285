/**
 * The pieces of the issue comment: the introduction (counts, pie, summary table), the row of a finding
 * in the findings table, and the detail of a finding inside its category's `<details>`.
 * Untrusted text goes through escape-markdown.ts; only our own labels appear unescaped.
 */
import { systemLabel } from '../evidence-lines.js';
import type { Finding, InvestigationReport } from '../finding.js';
import { recurringList, scannerDownPhrases } from '../history/describe.js';
import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownKeepingCode,
  escapeTableCell,
  markdownLink,
  safeHref,
} from './escape-markdown.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from './labels.js';
import { toSingleLine, truncate } from './sanitize.js';
import { describeScanner, scannersByConcern } from './scanners.js';
import {
  type CategoryGroup,
  formatUtc,
  groupHint,
  outcomePhrase,
  type ReportSummary,
  unscannedPhrase,
} from './summary.js';

/** Longest untrusted texts in fixed places, so the introduction and a table row stay small. */
const MAX_TITLE = 150;
const MAX_REPO = 100;
const MAX_SYSTEMS = 200;
export const MAX_HOST_CELL = 64;
export const MAX_ENVIRONMENT_CELL = 32;
const MAX_FIX_CELL = 160;
export const MAX_IP = 45;
const MAX_SCANNERS = 120;

export function issueName(report: InvestigationReport): string {
  return `${escapeMarkdown(truncate(report.issue.repo, MAX_REPO))}#${Math.trunc(report.issue.number)}`;
}

export function firstHeading(report: InvestigationReport, summary: ReportSummary, part: string): string {
  return `### nessus-gap: ${unscannedPhrase(summary.total)} on ${issueName(report)}${part}`;
}

export function continuationHeading(report: InvestigationReport, part: string): string {
  return `### nessus-gap: ${issueName(report)}, continued${part}`;
}

export function renderIntroduction(
  report: InvestigationReport,
  summary: ReportSummary,
  runbookUrl: string | undefined,
): string {
  const lines: string[] = [];
  const outcome = outcomePhrase(summary);
  const title = escapeMarkdown(truncate(toSingleLine(report.issue.title), MAX_TITLE));
  const checked = formatUtc(report.checkedAt) ?? escapeMarkdown(truncate(report.checkedAt, 40));
  lines.push(
    [outcome === '' ? '' : `**${outcome}.**`, title === '' ? '' : `Issue: *${title}*.`, `Checked ${checked}.`]
      .filter((text) => text !== '')
      .join(' '),
  );
  if (report.systemsDown.length > 0) {
    const systems = escapeMarkdown(
      truncate(toSingleLine(report.systemsDown.map(systemLabel).join(', ')), MAX_SYSTEMS),
    );
    const them = report.systemsDown.length === 1 ? 'it' : 'them';
    lines.push(
      `:warning: Could not reach ${systems}: the IPs that needed ${them} are under *Could not check*.`,
    );
  }
  if (report.scanners.length > 0) lines.push(scannersSentence(report));
  const recurring = recurringSentence(report);
  if (recurring !== null) lines.push(recurring);
  const runbook = runbookUrl === undefined ? null : safeHref(runbookUrl);
  if (runbook !== null && runbook.length <= 500)
    lines.push(`Runbook: ${markdownLink('Nessus scan gap alert', runbook)}`);

  const sections = [lines.join('\\\n')];
  if (summary.total > 0) {
    sections.push(renderPie(summary), renderCategoryTable(summary));
  }
  return sections.join('\n\n');
}

/** Mermaid pie of the causes; its labels are ours only (mermaid has no escaping to rely on). */
export function renderPie(summary: ReportSummary): string {
  const slices = summary.groups.map(
    (group) => `    "${CATEGORY_LABELS[group.category]}" : ${group.findings.length}`,
  );
  return [
    '```mermaid',
    'pie showData',
    `    title Causes of ${unscannedPhrase(summary.total)}`,
    ...slices,
    '```',
  ].join('\n');
}

function renderCategoryTable(summary: ReportSummary): string {
  const rows = summary.groups.map((group) => {
    const { hint, scanners } = groupHint(group);
    const scannerText =
      scanners.length === 0 ? '' : ` (${escapeTableCell(truncate(scanners.join(', '), MAX_SCANNERS))})`;
    return `| ${CATEGORY_LABELS[group.category]} | ${group.findings.length} | ${escapeTableCell(hint)}${scannerText} |`;
  });
  return ['| Cause | IPs | What to do |', '| --- | ---: | --- |', ...rows].join('\n');
}

export const FINDINGS_TABLE_HEADER =
  '| IP | Host | Environment | Cause | Fix |\n| --- | --- | --- | --- | --- |\n';

/** A row; `recurring` adds the mark after the cause (the details say how often). */
export function renderTableRow(finding: Finding, hint: string, recurring = false): string {
  const firstFix = finding.fixes[0];
  const cells = [
    escapeTableCell(truncate(toSingleLine(finding.ip), MAX_IP)),
    cellOrDash(finding.hostname, MAX_HOST_CELL),
    cellOrDash(finding.environment, MAX_ENVIRONMENT_CELL),
    `${CATEGORY_LABELS[finding.category]}${recurring ? ' :repeat:' : ''}`,
    firstFix === undefined
      ? escapeTableCell(hint)
      : escapeMarkdownKeepingCode(truncate(toSingleLine(firstFix), MAX_FIX_CELL), { tableCell: true }),
  ];
  return `| ${cells.join(' | ')} |`;
}

export function detailsOpening(group: CategoryGroup, continued: boolean): string {
  const label = CATEGORY_LABELS[group.category];
  const hint = groupHint(group).hint;
  const more = continued ? ', continued' : '';
  return `<details>\n<summary>${CATEGORY_EMOJI[group.category]} <b>${escapeHtml(label)}</b> (${group.findings.length}${more}): ${escapeHtml(hint)}</summary>\n\n`;
}

export const DETAILS_CLOSING = '\n\n</details>';

/** Untrusted text as one table cell of at most `max` characters, or a dash when there is none. */
export function cellOrDash(text: string | null, max: number): string {
  const cell = text === null ? '' : escapeTableCell(truncate(toSingleLine(text), max));
  return cell === '' ? '—' : cell;
}

const MAX_SCANNER_LIST = 1500;
const MAX_RECURRING_LIST = 1000;

/** `:repeat: Recurring (3 or more investigations in 90 days): 10.10.5.31 (4), …`; null when none. */
function recurringSentence(report: InvestigationReport): string | null {
  const list = recurringList(report.history);
  if (list === null) return null;
  return `:repeat: ${escapeMarkdown(truncate(toSingleLine(list), MAX_RECURRING_LIST))}`;
}

/** `Scanners: **down**: stage-dal09 … · ready: prod-dal09 …`, the problems first. */
function scannersSentence(report: InvestigationReport): string {
  const downs = scannerDownPhrases(report.history);
  const text = scannersByConcern(report.scanners)
    .map(
      (scanner) =>
        `${scanner.verdict === 'ready' ? '' : `${scanner.verdict}: `}${describeScanner(scanner, downs.get(scanner.name))}`,
    )
    .join(' · ');
  return `Scanners: ${escapeMarkdown(truncate(toSingleLine(text), MAX_SCANNER_LIST))}`;
}
