/**
 * What a click leaves behind. After a change, the button gives way to a line saying what was done,
 * by whom and when (":white_check_mark: Marked NOTALCHEMY by <@U123> at 09:05 UTC"); after a failure,
 * the reason and a Retry button; for someone not allowed, a private refusal.
 */

import { actionDescriptor } from '../../runbook/actions/index.js';
import type { ActionName, Category } from '../../runbook/model.js';
import { actionLabel, verbOf } from '../../runbook/report/labels.js';
import type { ButtonContext } from './action-value.js';
import type { Block, ContextBlock, SlackMessage } from './blocks.js';
import { findingButton } from './buttons.js';
import { escapeInline, mrkdwn } from './escape-mrkdwn.js';
import { sectionBlockId } from './finding-blocks.js';
import { SLACK_LIMITS } from './limits.js';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const SLACK_USERGROUP_ID = /^S[A-Z0-9]{2,20}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

export interface OutcomeTextInput {
  action: ActionName;
  /** The Slack user id of the person who clicked (`U123`): shown as a mention. */
  userId: string;
  at: Date;
  /** A person made the change by hand (guided mode) and confirmed it. */
  byHand?: boolean;
  /** A bulk action: how many IPs it covered. */
  count?: number;
  /** The finding's category: `power_on` on an unreachable machine was a reboot. */
  category?: Category;
}

/**
 * ":white_check_mark: Marked NOTALCHEMY by <@U123> at 09:05 UTC". The mention is built by us from a
 * Slack user id (anything else is escaped and shown as text), so the line is safe mrkdwn.
 */
export function outcomeText(input: OutcomeTextInput): string {
  const who = SLACK_USER_ID.test(input.userId)
    ? `<@${input.userId}>`
    : escapeInline(input.userId, 60) || 'someone';
  const time = Number.isNaN(input.at.getTime()) ? '' : ` at ${input.at.toISOString().slice(11, 16)} UTC`;
  const scope = input.count === undefined ? '' : ` (${Math.max(0, Math.trunc(input.count))} IPs)`;
  const how = input.byHand === true ? ' (done by hand)' : '';
  return `:white_check_mark: ${actionDescriptor(verbOf(input.action, input.category)).outcome}${scope}${how} by ${who}${time}`;
}

/**
 * The blocks with the button `actionId` removed (its actions block too, once empty) and a context line
 * with `outcome` after the finding's section (after any earlier outcome lines of that finding), or in
 * place of the actions block when no section belongs to it. `outcome` must be our own mrkdwn, e.g.
 * from `outcomeText`. Unknown ids give the blocks back unchanged: a second click is a no-op.
 */
export function replaceButtonWithOutcome(
  blocks: readonly Block[],
  actionId: string,
  outcome: string,
): Block[] {
  const actionsIndex = blocks.findIndex(
    (block) => block.type === 'actions' && block.elements.some((element) => element.action_id === actionId),
  );
  const actions = blocks[actionsIndex];
  if (actions === undefined || actions.type !== 'actions') return [...blocks];

  const remaining = actions.elements.filter((element) => element.action_id !== actionId);
  const result: Block[] = blocks.flatMap((block, index) => {
    if (index !== actionsIndex) return [block];
    return remaining.length === 0 ? [] : [{ ...actions, elements: remaining }];
  });

  const key = actions.block_id?.startsWith('actions:') ? actions.block_id.slice('actions:'.length) : null;
  const sectionIndex =
    key === null ? -1 : result.findIndex((block) => block.block_id === sectionBlockId(key));
  let insertAt: number;
  if (sectionIndex === -1) {
    insertAt = Math.min(actionsIndex, result.length);
  } else {
    insertAt = sectionIndex + 1;
    while (result[insertAt]?.block_id?.startsWith(`outcome:${key}:`)) insertAt += 1;
  }
  const line: ContextBlock = {
    type: 'context',
    block_id: uniqueBlockId(result, `outcome:${key ?? actionId}:`),
    elements: [mrkdwn(outcome, SLACK_LIMITS.contextText)],
  };
  result.splice(insertAt, 0, line);
  return result;
}

/** A failed action: what failed and why, and a Retry button that asks again before trying again. */
export function renderFailure(
  action: ActionName,
  ip: string,
  reason: string,
  ctx: ButtonContext,
  category?: Category,
): Block[] {
  const why = escapeInline(reason, 500) || 'no reason given';
  const key = `${action}:${ip}`.slice(0, 200);
  return [
    {
      type: 'section',
      block_id: `failure:${key}`,
      text: mrkdwn(`:warning: ${actionLabel(action, category)} failed for ${escapeInline(ip, 45)}: ${why}`),
    },
    {
      type: 'actions',
      block_id: `retry:${key}`,
      elements: [
        findingButton(action, ip, ctx, { label: 'Retry', retry: true, ...(category ? { category } : {}) }),
      ],
    },
  ];
}

export interface RefusalInput {
  /** The Slack user group ids allowed to press action buttons (AUTHORIZED_USERGROUPS). */
  allowedUsergroupIds: readonly string[];
  /** Where to ask instead, a channel id. */
  askChannelId?: string;
}

/**
 * The private answer to someone not allowed to act. Nothing else changes. User groups and the channel
 * are named with Slack's own syntax so the reader sees their current names; this text only ever goes
 * to the clicker as an ephemeral message, which notifies nobody.
 */
export function renderRefusal(input: RefusalInput): SlackMessage {
  const groups = input.allowedUsergroupIds
    .filter((id) => SLACK_USERGROUP_ID.test(id))
    .map((id) => `<!subteam^${id}>`);
  const who =
    groups.length === 0
      ? 'the people named in the bot’s configuration'
      : `members of ${joinOr(groups.slice(0, 5))}`;
  const ask =
    input.askChannelId !== undefined && SLACK_CHANNEL_ID.test(input.askChannelId)
      ? ` Ask one of them in <#${input.askChannelId}>.`
      : ' Ask one of them to press it.';
  const text = `:lock: Only ${who} can change inventory or tickets from these buttons, so nothing was changed.${ask}`;
  return { text, blocks: [{ type: 'section', block_id: 'refusal', text: mrkdwn(text) }] };
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function uniqueBlockId(blocks: readonly Block[], prefix: string): string {
  const taken = new Set(blocks.map((block) => block.block_id));
  let n = 1;
  while (taken.has(`${prefix}${n}`.slice(0, SLACK_LIMITS.blockId))) n += 1;
  return `${prefix}${n}`.slice(0, SLACK_LIMITS.blockId);
}
