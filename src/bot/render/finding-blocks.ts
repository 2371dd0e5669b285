/**
 * One finding as blocks: a section (IP, host, environment, the cause, evidence bullets, the first
 * fixes), a context line of links, and an actions block with its buttons. The section fills what is
 * left of the finding's share of the message budget, most useful lines first: the cause, then the
 * first fix, then evidence (the full evidence is in the report file and on the issue).
 */
import type { Finding } from '../../runbook/finding.js';
import type { TargetHistoryLines } from '../../runbook/history/describe.js';
import type { ActionName } from '../../runbook/model.js';
import type { ButtonContext } from './action-value.js';
import type { ActionsBlock, Block, ContextBlock, SectionBlock } from './blocks.js';
import { findingButton } from './buttons.js';
import { escapeInline, escapeKeepingCode, mrkdwn, mrkdwnLink, truncateMrkdwn } from './escape-mrkdwn.js';
import { SLACK_LIMITS } from './limits.js';
import { measureText } from './validate-blocks.js';

/** The least a section gets, however tight the budget: the IP line and the start of the cause. */
const MIN_SECTION = 200;
const MAX_LINKS_PER_FINDING = 3;
const MAX_EVIDENCE = 3;
const MAX_FIXES = 2;

export interface FindingBlocksInput {
  finding: Finding;
  ctx: ButtonContext;
  /** Unique within the message: names the blocks and ends the buttons' action ids. */
  key: string;
  /** Characters this finding's blocks may use in all (section, links, buttons with their dialogs). */
  textBudget: number;
  /** Link URLs the message already shows once for every finding (runbook section, portals). */
  sharedLinkUrls?: ReadonlySet<string>;
  /** What earlier investigations knew of the target, when the report has a history. */
  history?: TargetHistoryLines;
}

export const sectionBlockId = (key: string) => `finding:${key}`;
export const actionsBlockId = (key: string) => `actions:${key}`;

export function renderFindingBlocks(input: FindingBlocksInput): Block[] {
  const { finding, key } = input;
  const tail: Block[] = [];
  const links = linksBlock(input);
  if (links) tail.push(links);
  const actions = actionsBlock(input);
  if (actions) tail.push(actions);
  const spent = measureText({ text: '', blocks: tail });
  const sectionBudget = Math.min(SLACK_LIMITS.sectionText, Math.max(MIN_SECTION, input.textBudget - spent));
  const section: SectionBlock = {
    type: 'section',
    block_id: sectionBlockId(key),
    text: mrkdwn(sectionText(finding, sectionBudget, input.history), sectionBudget),
  };
  return [section, ...tail];
}

interface Line {
  text: string;
  /** Lower is kept first when the budget is tight. */
  priority: number;
}

function sectionText(finding: Finding, budget: number, history: TargetHistoryLines | undefined): string {
  const head = [
    `*${escapeInline(finding.ip, 45)}*`,
    finding.hostname ? escapeInline(finding.hostname, 80) : null,
    finding.environment ? escapeInline(finding.environment, 40) : null,
    finding.interface,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join('  ·  ');

  const evidence =
    finding.evidence.length > 0
      ? finding.evidence
      : finding.failedChecks.map(
          (check) => `Could not check ${check.check} (${check.system}): ${check.reason}`,
        );
  const body: (Line & { order: number })[] = [];
  const summary = escapeInline(finding.summary, 300);
  if (summary !== '') body.push({ text: summary, priority: 0, order: 0 });
  evidence.slice(0, MAX_EVIDENCE).forEach((line, index) => {
    const text = escapeInline(line, 200);
    if (text !== '') body.push({ text: `• ${text}`, priority: 2 + index * 2, order: 1 + index });
  });
  finding.fixes.slice(0, MAX_FIXES).forEach((line, index) => {
    const text = escapeKeepingCode(line, 300);
    if (text === '') return;
    const prefix = index === 0 ? '*Fix:* ' : '*Then:* ';
    body.push({ text: `${prefix}${text}`, priority: 1 + index * 3, order: 10 + index });
  });

  // The recurring mark right after the cause and before the fix; the earlier investigation after the fix.
  if (history?.recurring)
    body.push({ text: `:repeat: *${escapeInline(history.recurring, 250)}*`, priority: 0.5, order: 0.5 });
  if (history?.earlier)
    body.push({ text: `_${escapeInline(history.earlier, 250)}_`, priority: 1.5, order: 12 });

  const headLine = truncateMrkdwn(head, Math.min(budget, 200));
  let remaining = budget - headLine.length;
  const kept: (Line & { order: number })[] = [];
  for (const line of [...body].sort((a, b) => a.priority - b.priority)) {
    const cost = line.text.length + 1;
    if (cost <= remaining) {
      kept.push(line);
      remaining -= cost;
    } else if (remaining >= 40) {
      kept.push({ ...line, text: truncateMrkdwn(line.text, remaining - 1) });
      remaining = 0;
    }
  }
  kept.sort((a, b) => a.order - b.order);
  return [headLine, ...kept.map((line) => line.text)].join('\n');
}

function linksBlock(input: FindingBlocksInput): ContextBlock | null {
  const shared = input.sharedLinkUrls ?? new Set<string>();
  const links = input.finding.links.filter((link) => !shared.has(link.url)).slice(0, MAX_LINKS_PER_FINDING);
  if (links.length === 0) return null;
  return {
    type: 'context',
    block_id: `links:${input.key}`,
    elements: [mrkdwn(links.map((link) => mrkdwnLink(link.url, link.label, 80)).join('  ·  '))],
  };
}

function actionsBlock(input: FindingBlocksInput): ActionsBlock | null {
  const actions = [...new Set<ActionName>(input.finding.actions)];
  if (actions.length === 0) return null;
  return {
    type: 'actions',
    block_id: actionsBlockId(input.key),
    elements: actions.slice(0, SLACK_LIMITS.actionsElements).map((action) =>
      findingButton(action, input.finding.ip, input.ctx, {
        actionId: `${action}:${input.key}`.slice(0, SLACK_LIMITS.actionId),
        category: input.finding.category,
      }),
    ),
  };
}
