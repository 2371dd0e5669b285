/**
 * The buttons of a finding, a category and an investigation. Every button that changes something
 * (all but Re-check) asks first with a confirm dialog naming the target and the issue that will get
 * a note; marks and power get Slack's red `danger` style.
 */
import { actionDescriptor } from '../../runbook/actions/index.js';
import type { ActionName, Category } from '../../runbook/model.js';
import { verbOf } from '../../runbook/offers.js';
import {
  type ButtonContext,
  bulkActionId,
  encodeButtonValue,
  findingActionId,
  type IssueKey,
  RECHECK_ALL_ACTION_ID,
} from './action-value.js';
import type { Button, ConfirmDialog } from './blocks.js';
import { escapeInline, plain } from './escape-mrkdwn.js';
import { rawIssueLabel } from './issue-label.js';
import { SLACK_LIMITS } from './limits.js';

export interface FindingButtonOptions {
  /** Defaults to `<action>:<ip>`; a caller that must keep ids unique passes its own. */
  actionId?: string;
  /** Button text instead of the action's label (e.g. "Retry"). */
  label?: string;
  /** The finding's category: `power_on` on an unreachable machine is a reboot. */
  category?: Category;
  /**
   * The Retry of a failed action: the only button that may send a failed action again, after the
   * bot has read what it can of the current state.
   */
  retry?: boolean;
}

/** The button acting on one finding, with its confirm dialog when it changes something. */
export function findingButton(
  action: ActionName,
  ip: string,
  ctx: ButtonContext,
  options: FindingButtonOptions = {},
): Button {
  const descriptor = actionDescriptor(verbOf(action, options.category));
  const text = `${descriptor.question(ip)} and note it on ${rawIssueLabel(ctx.issue)}?`;
  return button({
    action,
    category: options.category,
    actionId: options.actionId ?? findingActionId(action, ip),
    label: options.label ?? descriptor.label,
    value: encodeButtonValue({
      i: ctx.investigationId,
      ip,
      r: ctx.issue.repo,
      n: ctx.issue.number,
      ...(options.retry ? { t: 1 as const } : {}),
    }),
    confirm: confirmDialog(action, options.category, `${descriptor.label}?`, text, descriptor.label),
  });
}

/** The button acting on every finding of a category; its confirm lists as many IPs as fit. */
export function bulkButton(
  action: ActionName,
  category: Category,
  ips: readonly string[],
  ctx: ButtonContext,
): Button {
  const descriptor = actionDescriptor(verbOf(action, category));
  const text = `${descriptor.question(`these ${ips.length} IPs`)} and note it on ${rawIssueLabel(ctx.issue)}?`;
  return button({
    action,
    category,
    actionId: bulkActionId(action, category),
    label: descriptor.bulkLabel(ips.length),
    value: encodeButtonValue({ i: ctx.investigationId, r: ctx.issue.repo, n: ctx.issue.number, c: category }),
    confirm: confirmDialog(
      action,
      category,
      `${descriptor.label}: ${ips.length} IPs?`,
      withIpList(text, ips),
      descriptor.label,
    ),
  });
}

/** The summary's Re-check all: runs every check again, so it asks nothing. */
export function recheckAllButton(issue: IssueKey, investigationId?: number): Button {
  const value =
    investigationId === undefined
      ? { r: issue.repo, n: issue.number }
      : { i: investigationId, r: issue.repo, n: issue.number };
  return {
    type: 'button',
    action_id: RECHECK_ALL_ACTION_ID,
    text: plain('Re-check all', { max: SLACK_LIMITS.buttonText }),
    value: encodeButtonValue(value),
  };
}

/**
 * `question` followed by as many IPs as fit in the confirm text, then "and N more": what the person
 * is agreeing to, as far as 300 characters allow.
 */
export function withIpList(
  question: string,
  ips: readonly string[],
  max: number = SLACK_LIMITS.confirmText,
): string {
  const fits = (text: string) => escapeInline(text).length <= max;
  const render = (count: number) => {
    const listed = ips.slice(0, count).join(', ');
    const rest = ips.length - count;
    if (count === 0) return `${question} (${ips.length} IPs)`;
    return rest === 0 ? `${question} ${listed}` : `${question} ${listed} and ${rest} more`;
  };
  let count = 0;
  while (count < ips.length && fits(render(count + 1))) count += 1;
  return render(count);
}

function button(input: {
  action: ActionName;
  category: Category | undefined;
  actionId: string;
  label: string;
  value: string;
  confirm: ConfirmDialog;
}): Button {
  const result: Button = {
    type: 'button',
    action_id: input.actionId,
    text: plain(input.label, { max: SLACK_LIMITS.buttonText }),
    value: input.value,
  };
  const descriptor = actionDescriptor(verbOf(input.action, input.category));
  if (descriptor.danger) result.style = 'danger';
  if (descriptor.changes) result.confirm = input.confirm;
  return result;
}

function confirmDialog(
  action: ActionName,
  category: Category | undefined,
  title: string,
  text: string,
  label: string,
): ConfirmDialog {
  const dialog: ConfirmDialog = {
    title: plain(title, { max: SLACK_LIMITS.confirmTitle }),
    text: plain(text, { max: SLACK_LIMITS.confirmText }),
    confirm: plain(label, { max: SLACK_LIMITS.confirmButton }),
    deny: plain('Cancel', { max: SLACK_LIMITS.confirmButton }),
  };
  if (actionDescriptor(verbOf(action, category)).danger) dialog.style = 'danger';
  return dialog;
}
