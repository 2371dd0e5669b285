/**
 * The issue comment(s) of a report (`investigate --format markdown` prints them): a heading with the
 * counts, a mermaid pie of the causes, a table per cause, a table per IP, then a `<details>` per cause
 * with each finding's evidence and fix steps; a large report takes the compact form of
 * markdown-compact.ts instead of the per-IP table and details. GitHub rejects comments over 65,536 characters
 * (docs/outside-apis.md section 4.5), so the report is split into as many comments as it needs.
 */
import type { InvestigationReport } from '../finding.js';
import { historyLinesByIp } from '../history/describe.js';
import { COMPACT_NOTE, compactGroupBlocks } from './markdown-compact.js';
import { fitFindingDetail, renderFindingDetail } from './markdown-finding.js';
import {
  continuationHeading,
  DETAILS_CLOSING,
  detailsOpening,
  FINDINGS_TABLE_HEADER,
  firstHeading,
  renderIntroduction,
  renderTableRow,
} from './markdown-sections.js';
import { type Block, type CommentFrame, type Container, splitIntoComments } from './split-comments.js';
import { groupHint, type ReportSummary, summarizeReport } from './summary.js';

export interface IssueCommentOptions {
  /** Most characters in one comment; default 65,000 (GitHub's limit is 65,536). At least 10,000. */
  maxChars?: number;
  /** The runbook page, linked from the first comment when it is an http(s) URL. */
  runbookUrl?: string;
  /** Reports of more findings than this take the compact form (markdown-compact.ts); default 100. */
  detailedUpTo?: number;
}

export const DEFAULT_DETAILED_UP_TO = 100;

export const DEFAULT_COMMENT_CHARS = 65_000;
/** Room enough for the introduction and the longest table row whatever the untrusted text. */
export const MIN_COMMENT_CHARS = 10_000;

/**
 * The comment bodies in posting order: one when the report fits, else "(part k of n)" comments, each
 * at most `maxChars` characters, no finding cut in two.
 */
export function renderIssueComments(
  report: InvestigationReport,
  options: IssueCommentOptions = {},
): string[] {
  const maxChars = options.maxChars ?? DEFAULT_COMMENT_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < MIN_COMMENT_CHARS) {
    throw new RangeError(`maxChars must be a whole number of at least ${MIN_COMMENT_CHARS}, not ${maxChars}`);
  }
  const summary = summarizeReport(report);
  const introduction = renderIntroduction(report, summary, options.runbookUrl);
  if (summary.total > (options.detailedUpTo ?? DEFAULT_DETAILED_UP_TO)) {
    const blocks: Block[] = [
      { text: `${introduction}\n\n${COMPACT_NOTE}`, container: null },
      ...summary.groups.flatMap(compactGroupBlocks),
    ];
    return splitIntoComments(blocks, commentFrame(report, summary), maxChars);
  }
  const blocks: Block[] = [{ text: introduction, container: null }];

  const table: Container = {
    id: 'findings-table',
    open: () => FINDINGS_TABLE_HEADER,
    close: '',
    joiner: '\n',
  };
  const history = historyLinesByIp(report.history);
  for (const group of summary.groups) {
    const hint = groupHint(group).hint;
    for (const finding of group.findings) {
      const recurring = Boolean(history.get(finding.ip)?.recurring);
      blocks.push({ text: renderTableRow(finding, hint, recurring), container: table });
    }
  }
  for (const group of summary.groups) {
    const details: Container = {
      id: `details-${group.category}`,
      open: (continued) => detailsOpening(group, continued),
      close: DETAILS_CLOSING,
      joiner: '\n\n',
    };
    for (const finding of group.findings) {
      const lines = history.get(finding.ip);
      blocks.push({
        text: renderFindingDetail(finding, lines),
        container: details,
        fit: (room) => fitFindingDetail(finding, room, lines),
      });
    }
  }

  return splitIntoComments(blocks, commentFrame(report, summary), maxChars);
}

function commentFrame(report: InvestigationReport, summary: ReportSummary): CommentFrame {
  return {
    firstHeader: (part) => firstHeading(report, summary, part),
    continuationHeader: (part) => continuationHeading(report, part),
    footer: (nextPart) => `_Continued in the next comment${nextPart}._`,
  };
}

/** The whole report as one markdown document (the comments one after the other), for the CLI. */
export function renderMarkdown(report: InvestigationReport, options: IssueCommentOptions = {}): string {
  return joinComments(renderIssueComments(report, options));
}

/** What goes between two comments in the one document. */
export const COMMENT_SEPARATOR = '\n\n---\n\n';

/** Comments already rendered, as the one document `renderMarkdown` gives (saves rendering twice). */
export function joinComments(comments: readonly string[]): string {
  return comments.join(COMMENT_SEPARATOR);
}
