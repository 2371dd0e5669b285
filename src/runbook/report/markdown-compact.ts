/**
 * The issue report of a large investigation: per cause, the fix steps once (rendered in full for the
 * cause's first IP) and then a table of every IP of that cause with its own evidence.
 *
 * Why: the detailed form repeats the same steps and links for each IP (about 1.6 KB each), so a
 * report of a thousand IPs needs some 26 comments, posted one after another, and ten thousand need
 * over 250. The steps of one cause differ between its IPs only in their names, which the table gives.
 */
import type { Finding } from '../finding.js';
import { escapeMarkdownKeepingCode } from './escape-markdown.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from './labels.js';
import { evidenceOrFailures, fitFindingDetail, renderFindingDetail } from './markdown-finding.js';
import { cellOrDash, MAX_ENVIRONMENT_CELL, MAX_HOST_CELL, MAX_IP } from './markdown-sections.js';
import { toSingleLine, truncate } from './sanitize.js';
import type { Block, Container } from './split-comments.js';
import { type CategoryGroup, groupHint } from './summary.js';

/** Room for three or four evidence lines; longer untrusted text is cut with an ellipsis. */
const MAX_EVIDENCE_CELL = 600;

export const COMPACT_NOTE =
  '_A large report: for each cause, the steps are shown once, for its first IP; every other IP of the cause takes the same steps with its own names, and the table gives each IP its evidence._';

/** The blocks of one cause: its heading with the example steps, then one table row per IP. */
export function compactGroupBlocks(group: CategoryGroup): Block[] {
  const [first] = group.findings;
  if (first === undefined) return [];
  const label = CATEGORY_LABELS[group.category];
  const heading = `#### ${CATEGORY_EMOJI[group.category]} ${label} (${group.findings.length}): ${groupHint(group).hint}`;
  const lead = `${heading}\n\nSteps, shown for the first IP:\n\n`;
  const blocks: Block[] = [
    {
      text: lead + renderFindingDetail(first),
      container: null,
      fit: (room) => lead + fitFindingDetail(first, room - lead.length),
    },
  ];
  const table: Container = {
    id: `compact-${group.category}`,
    open: (continued) =>
      `${continued ? `_${label}, continued:_\n\n` : ''}| IP | Host | Environment | Evidence |\n| --- | --- | --- | --- |\n`,
    close: '',
    joiner: '\n',
  };
  for (const finding of group.findings) blocks.push({ text: compactRow(finding), container: table });
  return blocks;
}

export function compactRow(finding: Finding): string {
  // Each line made one clean line first: the joiner is ours, so the whole needs no second cleaning.
  const evidence = truncate(evidenceOrFailures(finding).map(toSingleLine).join(' · '), MAX_EVIDENCE_CELL);
  const cells = [
    cellOrDash(finding.ip, MAX_IP),
    cellOrDash(finding.hostname, MAX_HOST_CELL),
    cellOrDash(finding.environment, MAX_ENVIRONMENT_CELL),
    evidence === '' ? '—' : escapeMarkdownKeepingCode(evidence, { tableCell: true }),
  ];
  return `| ${cells.join(' | ')} |`;
}
