/**
 * One category of an investigation as thread replies: a header (emoji, label, count), the category's
 * hint and shared links, the first findings each with its own buttons, then "and 27 more" with one
 * bulk button per action every finding of the category offers. Normally one message; more only when
 * the shown findings cannot fit Slack's limits together (a caller asking for many per message).
 */
import type { Finding, Link } from '../../runbook/finding.js';
import type { TargetHistoryLines } from '../../runbook/history/describe.js';
import { ACTIONS, type ActionName, type Category } from '../../runbook/model.js';
import { CATEGORY_EMOJI, CATEGORY_HINTS, CATEGORY_LABELS } from '../../runbook/report/labels.js';
import type { ButtonContext } from './action-value.js';
import type { Block, SlackMessage } from './blocks.js';
import { bulkButton } from './buttons.js';
import { escapeInline, mrkdwn, mrkdwnLink, plain, truncate } from './escape-mrkdwn.js';
import { renderFindingBlocks } from './finding-blocks.js';
import {
  DEFAULT_FINDINGS_PER_MESSAGE,
  MAX_FINDINGS_PER_MESSAGE,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
} from './limits.js';
import { measureText } from './validate-blocks.js';

export interface CategoryContext extends ButtonContext {
  /** Findings shown with their own buttons (default 10, at most 15); the rest are summed up. */
  maxPerMessage?: number;
  /** The history lines of the targets that have one, by IP. */
  history?: ReadonlyMap<string, TargetHistoryLines>;
}

const MAX_SHARED_LINKS = 4;
const MORE_LIST_CHARS = 400;
const FALLBACK_CHARS = 300;
/** Text kept free in every message for the "continued" line a later message starts with. */
const CONTINUATION_RESERVE = 200;

export function renderCategory(
  category: Category,
  findings: readonly Finding[],
  ctx: CategoryContext,
): SlackMessage[] {
  const limit = clampPerMessage(ctx.maxPerMessage);
  const shown = findings.slice(0, limit);
  const rest = findings.slice(shown.length);
  const shared = sharedLinks(shown);
  const heading = `${CATEGORY_EMOJI[category]} ${CATEGORY_LABELS[category]} (${findings.length})`;

  const head: Block[] = [
    {
      type: 'header',
      block_id: `category:${category}`,
      text: plain(heading, { max: SLACK_LIMITS.headerText, emoji: true }),
    },
    { type: 'context', block_id: `hint:${category}`, elements: [mrkdwn(hintLine(category, shared))] },
  ];
  const tail = rest.length > 0 ? moreBlocks(category, findings, rest, ctx) : [];

  const overhead = measureText({ blocks: [...head, ...tail] });
  const perFinding = Math.floor(
    (MESSAGE_TEXT_BUDGET - CONTINUATION_RESERVE - overhead) / Math.max(1, shown.length),
  );
  const sharedUrls = new Set(shared.map((link) => link.url));
  const keys = uniqueKeys(shown.map((finding) => finding.ip));
  const findingBlocks = shown.map((finding, index) =>
    renderFindingBlocks({
      finding,
      ctx,
      key: keys[index] ?? String(index),
      textBudget: perFinding,
      sharedLinkUrls: sharedUrls,
      ...historyOf(ctx, finding.ip),
    }),
  );

  const fallback = fallbackText(heading, findings);
  return pack(head, findingBlocks, tail).map((blocks, index) => ({
    text: index === 0 ? fallback : `${escapeInline(heading)}, continued`,
    blocks:
      index === 0
        ? blocks
        : [
            {
              type: 'context',
              block_id: `continued:${category}:${index}`,
              elements: [mrkdwn(`${escapeInline(heading)}, continued`)],
            },
            ...blocks,
          ],
  }));
}

function historyOf(ctx: CategoryContext, ip: string): { history?: TargetHistoryLines } {
  const history = ctx.history?.get(ip);
  return history ? { history } : {};
}

/** The actions every finding of the category offers, in `ACTIONS` order: what a bulk button can do. */
export function commonActions(findings: readonly Finding[]): ActionName[] {
  return ACTIONS.filter(
    (action) => findings.length > 0 && findings.every((finding) => finding.actions.includes(action)),
  );
}

function clampPerMessage(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_FINDINGS_PER_MESSAGE;
  return Math.min(MAX_FINDINGS_PER_MESSAGE, Math.max(1, Math.trunc(value)));
}

function hintLine(category: Category, shared: readonly Link[]): string {
  const hint = `*Fix:* ${escapeInline(CATEGORY_HINTS[category])}`;
  if (shared.length === 0) return hint;
  return `${hint}  ·  ${shared.map((link) => mrkdwnLink(link.url, link.label, 80)).join('  ·  ')}`;
}

/** Links every shown finding has (the runbook section, a portal): shown once under the header. */
function sharedLinks(shown: readonly Finding[]): Link[] {
  const [first, ...others] = shown;
  if (first === undefined || others.length === 0) return [];
  return first.links
    .filter((link) => others.every((finding) => finding.links.some((other) => other.url === link.url)))
    .slice(0, MAX_SHARED_LINKS);
}

function moreBlocks(
  category: Category,
  all: readonly Finding[],
  rest: readonly Finding[],
  ctx: ButtonContext,
): Block[] {
  const list = truncate(rest.map((finding) => finding.ip).join(', '), MORE_LIST_CHARS);
  const blocks: Block[] = [
    {
      type: 'section',
      block_id: `more:${category}`,
      text: mrkdwn(
        `*and ${rest.length} more:* ${escapeInline(list)}\nEvery one is in the report file and on the issue.`,
      ),
    },
  ];
  const actions = commonActions(all);
  const ips = all.map((finding) => finding.ip);
  if (actions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `bulk:${category}`,
      elements: actions.map((action) => bulkButton(action, category, ips, ctx)),
    });
  }
  return blocks;
}

/** The IP, with `:2`, `:3` ... for a repeated one, so block and action ids stay unique. */
function uniqueKeys(ips: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ips.map((ip) => {
    const base = ip.slice(0, 100);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}:${count}`;
  });
}

/**
 * Messages in order, each within the block and text limits: the head opens the first, the "and N
 * more" tail closes the last, and a finding's blocks are never split across messages.
 */
function pack(head: Block[], findings: Block[][], tail: Block[]): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [...head];
  const room = (extra: Block[]) =>
    current.length + extra.length + 1 <= SLACK_LIMITS.blocksPerMessage &&
    measureText({ blocks: [...current, ...extra] }) + CONTINUATION_RESERVE <= MESSAGE_TEXT_BUDGET;
  for (const blocks of findings) {
    if (!room(blocks) && current.length > 0) {
      messages.push(current);
      current = [];
    }
    current.push(...blocks);
  }
  if (tail.length > 0 && !room(tail) && current.length > 0) {
    messages.push(current);
    current = [];
  }
  current.push(...tail);
  messages.push(current);
  return messages;
}

function fallbackText(heading: string, findings: readonly Finding[]): string {
  const ips = findings.map((finding) => finding.ip).join(', ');
  return escapeInline(`${heading}: ${ips}`, FALLBACK_CHARS);
}
