/**
 * The buttons of a finding, a category and an investigation. Every button that changes something
 * (all but Re-check) asks first with a confirm dialog naming the target and the issue that will get
 * a note; marks and power get Slack's red `danger` style.
 */
import type { ActionName, Category } from '../../runbook/model.js';
import { type ActionVerb, actionLabel, verbOf } from '../../runbook/report/labels.js';
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

const DANGEROUS: ReadonlySet<ActionName> = new Set(['mark_notalchemy', 'mark_pending_deletion', 'power_on']);

export function hasSideEffect(action: ActionName): boolean {
  return action !== 'recheck';
}

/** What the action will do to `target` (an IP, or "these 37 IPs"), as the start of a question. */
const QUESTIONS: Readonly<Record<ActionVerb, (target: string) => string>> = Object.freeze({
  mark_notalchemy: (target) => `Mark ${target} NOTALCHEMY in Inventory`,
  mark_pending_deletion: (target) => `Mark ${target} PENDING-DELETION in Inventory`,
  request_reclaim: (target) => `Ask for an immediate reclaim of ${target} on the cancellation ticket`,
  open_ipmi_ticket: (target) =>
    `Open an infrastructure ticket to refresh the switch configuration for ${target}`,
  power_on: (target) => `Power on ${target}`,
  // A reboot restarts a running machine: the question says so, for its owner's sake.
  reboot: (target) => `Reboot ${target} (a running machine restarts; agree it with its owner first)`,
  launch_scan: (target) => `Launch a Nessus scan of ${target}`,
  recheck: (target) => `Check ${target} again`,
});

/** Bulk button text: "Mark all 37 NOTALCHEMY". */
const BULK_LABELS: Readonly<Record<ActionVerb, (count: number) => string>> = Object.freeze({
  mark_notalchemy: (count) => `Mark all ${count} NOTALCHEMY`,
  mark_pending_deletion: (count) => `Mark all ${count} PENDING-DELETION`,
  request_reclaim: (count) => `Request reclaim for all ${count}`,
  open_ipmi_ticket: (count) => `Open IPMI tickets for all ${count}`,
  power_on: (count) => `Power on all ${count}`,
  reboot: (count) => `Reboot all ${count}`,
  launch_scan: (count) => `Launch scans of all ${count}`,
  recheck: (count) => `Re-check all ${count}`,
});

export interface FindingButtonOptions {
  /** Defaults to `<action>:<ip>`; a caller that must keep ids unique passes its own. */
  actionId?: string;
  /** Button text instead of the action's label (e.g. "Retry"). */
  label?: string;
  /** The finding's category: `power_on` on an unreachable machine is a reboot. */
  category?: Category;
}

/** The button acting on one finding, with its confirm dialog when it changes something. */
export function findingButton(
  action: ActionName,
  ip: string,
  ctx: ButtonContext,
  options: FindingButtonOptions = {},
): Button {
  const label = actionLabel(action, options.category);
  const text = `${QUESTIONS[verbOf(action, options.category)](ip)} and note it on ${rawIssueLabel(ctx.issue)}?`;
  return button({
    action,
    actionId: options.actionId ?? findingActionId(action, ip),
    label: options.label ?? label,
    value: encodeButtonValue({ i: ctx.investigationId, ip, r: ctx.issue.repo, n: ctx.issue.number }),
    confirm: confirmDialog(action, `${label}?`, text, label),
  });
}

/** The button acting on every finding of a category; its confirm lists as many IPs as fit. */
export function bulkButton(
  action: ActionName,
  category: Category,
  ips: readonly string[],
  ctx: ButtonContext,
): Button {
  const verb = verbOf(action, category);
  const text = `${QUESTIONS[verb](`these ${ips.length} IPs`)} and note it on ${rawIssueLabel(ctx.issue)}?`;
  return button({
    action,
    actionId: bulkActionId(action, category),
    label: BULK_LABELS[verb](ips.length),
    value: encodeButtonValue({ i: ctx.investigationId, r: ctx.issue.repo, n: ctx.issue.number, c: category }),
    confirm: confirmDialog(
      action,
      `${actionLabel(action, category)}: ${ips.length} IPs?`,
      withIpList(text, ips),
      actionLabel(action, category),
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
  if (DANGEROUS.has(input.action)) result.style = 'danger';
  if (hasSideEffect(input.action)) result.confirm = input.confirm;
  return result;
}

function confirmDialog(action: ActionName, title: string, text: string, label: string): ConfirmDialog {
  const dialog: ConfirmDialog = {
    title: plain(title, { max: SLACK_LIMITS.confirmTitle }),
    text: plain(text, { max: SLACK_LIMITS.confirmText }),
    confirm: plain(label, { max: SLACK_LIMITS.confirmButton }),
    deny: plain('Cancel', { max: SLACK_LIMITS.confirmButton }),
  };
  if (DANGEROUS.has(action)) dialog.style = 'danger';
  return dialog;
}
