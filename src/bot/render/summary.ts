/**
 * The investigation's first reply, updated in place: ":mag: Investigating alcatraz#5120: 15
 * unscanned IPs — checked 9 of 15" while it runs, then the headline with one line per category (count
 * and what to do), the systems that could not be reached, links to the issue comment and the report
 * file, and a Re-check all button.
 */
import { systemLabel } from '../../runbook/evidence-lines.js';
import type { InvestigationReport, ScannerReport } from '../../runbook/finding.js';
import { recurringList, scannerDownPhrases } from '../../runbook/history/describe.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { describeScanner, scannersByConcern } from '../../runbook/report/scanners.js';
import {
  type CategoryGroup,
  formatUtc,
  groupHint,
  outcomePhrase,
  summarizeReport,
  unscannedPhrase,
} from '../../runbook/report/summary.js';
import type { Block, SlackMessage } from './blocks.js';
import { recheckAllButton } from './buttons.js';
import { escapeInline, mrkdwn, mrkdwnLink } from './escape-mrkdwn.js';
import { issueLabel, issueLink } from './issue-label.js';
import { inThreadOrder } from './thread-order.js';

export type InvestigationStatus = 'running' | 'done' | 'failed';

export interface SummaryInput {
  report: InvestigationReport | null;
  issue: { repo: string; number: number; title: string; url?: string };
  /** The stored investigation, for the Re-check all button's value. */
  investigationId?: number;
  progress?: { done: number; total: number };
  status: InvestigationStatus;
  /** Why the investigation failed (status `failed`); untrusted, escaped. */
  error?: string;
  /** Where the full report is, e.g. "attached below as alcatraz-5120.md". */
  reportFileNote?: string;
  issueCommentUrl?: string;
}

/** The block id of the summary's headline, for handlers that look for it. */
export const SUMMARY_BLOCK_ID = 'summary';

export function renderSummary(input: SummaryInput): SlackMessage {
  const headline = headlineParts(input);
  const blocks: Block[] = [
    { type: 'section', block_id: SUMMARY_BLOCK_ID, text: mrkdwn(`${headline.emoji} ${headline.linked}`) },
  ];
  const title = escapeInline(input.issue.title, 200);
  const checked = input.status !== 'running' && input.report ? formatUtc(input.report.checkedAt) : null;
  const about = [title, checked === null ? '' : `checked ${checked}`].filter((part) => part !== '');
  if (about.length > 0)
    blocks.push({ type: 'context', block_id: 'summary:about', elements: [mrkdwn(about.join('  ·  '))] });

  if (input.report && input.status !== 'running') {
    const groups = inThreadOrder(summarizeReport(input.report).groups);
    if (groups.length > 0) {
      blocks.push({
        type: 'section',
        block_id: 'summary:categories',
        text: mrkdwn(groups.map(categoryLine).join('\n')),
      });
    }
    if (input.report.scanners.length > 0) {
      blocks.push({
        type: 'context',
        block_id: 'summary:scanners',
        elements: [mrkdwn(scannersLine(input.report.scanners, scannerDownPhrases(input.report.history)))],
      });
    }
    const recurring = recurringList(input.report.history);
    if (recurring !== null) {
      blocks.push({
        type: 'context',
        block_id: 'summary:recurring',
        elements: [mrkdwn(`:repeat: ${escapeInline(recurring, 1000)}`)],
      });
    }
    if (input.report.systemsDown.length > 0) {
      const systems = escapeInline(input.report.systemsDown.map(systemLabel).join(', '), 300);
      const them = input.report.systemsDown.length === 1 ? 'it' : 'them';
      blocks.push({
        type: 'context',
        block_id: 'summary:down',
        elements: [
          mrkdwn(
            `:warning: Could not reach ${systems}; the IPs that needed ${them} are under Could not check.`,
          ),
        ],
      });
    }
  }

  const links = linkParts(input);
  if (links.length > 0)
    blocks.push({ type: 'context', block_id: 'summary:links', elements: [mrkdwn(links.join('  ·  '))] });
  if (input.status !== 'running') {
    blocks.push({
      type: 'actions',
      block_id: 'summary:actions',
      elements: [recheckAllButton(input.issue, input.investigationId)],
    });
  }
  return { text: `${headline.emoji} ${headline.plain}`, blocks };
}

/** The headline twice: with the issue linked (blocks) and without (the notification fallback). */
function headlineParts(input: SummaryInput): { emoji: string; linked: string; plain: string } {
  const text = (issue: string) => {
    if (input.status === 'failed') {
      const reason = escapeInline(input.error ?? '', 500) || 'unknown error';
      return `Could not finish investigating ${issue}: ${reason}`;
    }
    if (input.status === 'running' || input.report === null) {
      const progress = input.progress && progressPhrase(input.progress);
      return progress ? `Investigating ${issue}: ${progress}` : `Investigating ${issue}…`;
    }
    const summary = summarizeReport(input.report);
    const outcome = outcomePhrase(summary);
    return `${issue}: ${unscannedPhrase(summary.total)}${outcome === '' ? '' : `, ${outcome}`}`;
  };
  const emoji =
    input.status === 'failed' ? ':x:' : input.status === 'running' ? ':mag:' : ':white_check_mark:';
  return { emoji, linked: text(issueLink(input.issue)), plain: text(issueLabel(input.issue)) };
}

function progressPhrase(progress: { done: number; total: number }): string | null {
  const total = wholeNumber(progress.total);
  if (total === 0) return null;
  const done = Math.min(total, wholeNumber(progress.done));
  return `${unscannedPhrase(total)} — checked ${done} of ${total}`;
}

function wholeNumber(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0;
}

function categoryLine(group: CategoryGroup): string {
  const { hint, scanners } = groupHint(group);
  const where = scanners.length === 0 ? '' : ` (${escapeInline(scanners.join(', '), 120)})`;
  return `${CATEGORY_EMOJI[group.category]} *${CATEGORY_LABELS[group.category]}*: ${group.findings.length}  →  ${escapeInline(hint)}${where}`;
}

const VERDICT_EMOJI: Readonly<Record<ScannerReport['verdict'], string>> = {
  ready: ':large_green_circle:',
  down: ':red_circle:',
  conflict: ':large_yellow_circle:',
  unknown: ':white_circle:',
};

/** `Scanners: 🔴 stage-dal09-infra-nessus-01 no answer, Tenable.sc: Connection Error · 🟢 …` */
function scannersLine(scanners: readonly ScannerReport[], downs: ReadonlyMap<string, string>): string {
  const parts = scannersByConcern(scanners).map(
    (scanner) =>
      `${VERDICT_EMOJI[scanner.verdict]} ${escapeInline(describeScanner(scanner, downs.get(scanner.name)), 260)}`,
  );
  const shown: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (length + part.length > 2500) break;
    shown.push(part);
    length += part.length + 5;
  }
  const more = parts.length - shown.length;
  return `Scanners: ${shown.join('  ·  ')}${more > 0 ? `  ·  and ${more} more` : ''}`;
}

function linkParts(input: SummaryInput): string[] {
  const parts: string[] = [];
  const note = input.reportFileNote === undefined ? '' : escapeInline(input.reportFileNote, 200);
  if (note !== '') parts.push(`Full report: ${note}`);
  if (input.issueCommentUrl !== undefined)
    parts.push(`Issue comment: ${mrkdwnLink(input.issueCommentUrl, 'on GitHub')}`);
  return parts;
}
