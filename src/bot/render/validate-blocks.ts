/**
 * Checks a message against Slack's Block Kit limits and our own rules before it is posted (and in
 * tests): sizes, counts, unique ids, `verbatim: true` on every mrkdwn object, a confirm dialog on
 * every button but Re-check, and the total text budget. Works on unknown input, so it can also vet
 * blocks that came back from Slack in an interaction payload.
 */
import type { SlackMessage } from './blocks.js';
import { MESSAGE_TEXT_BUDGET, SLACK_LIMITS } from './limits.js';

export interface BlockLimitViolation {
  /** Where, e.g. `blocks[3].elements[1].confirm.text`. */
  path: string;
  problem: string;
}

type Report = (path: string, problem: string) => void;

export function checkBlockLimits(message: unknown): BlockLimitViolation[] {
  const violations: BlockLimitViolation[] = [];
  const report: Report = (path, problem) => violations.push({ path, problem });
  if (!isRecord(message)) {
    report('message', 'is not an object');
    return violations;
  }
  const { text, blocks } = message;
  if (typeof text !== 'string' || text.trim() === '') report('text', 'the notification fallback is missing');
  else if (text.length > SLACK_LIMITS.fallbackText)
    report('text', `is over ${SLACK_LIMITS.fallbackText} characters`);
  if (!Array.isArray(blocks)) {
    report('blocks', 'is not an array');
    return violations;
  }
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    report('blocks', `${blocks.length} blocks, over ${SLACK_LIMITS.blocksPerMessage}`);
  }
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(block, `blocks[${index}]`, report, { blockIds, actionIds });
  });
  const total = measureText(message);
  if (total > MESSAGE_TEXT_BUDGET)
    report('blocks', `${total} characters of text, over our ${MESSAGE_TEXT_BUDGET}`);
  return violations;
}

/** The sum of every text object's `text` in the blocks: what Slack's cumulative limit counts. */
export function measureText(message: Pick<SlackMessage, 'blocks'> | Record<string, unknown>): number {
  let total = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (isRecord(node)) {
      if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string') {
        total += node.text.length;
      }
      for (const value of Object.values(node)) walk(value);
    }
  };
  walk(message.blocks);
  return total;
}

interface Seen {
  blockIds: Set<string>;
  actionIds: Set<string>;
}

function checkBlock(block: unknown, path: string, report: Report, seen: Seen): void {
  if (!isRecord(block)) {
    report(path, 'is not an object');
    return;
  }
  if (block.block_id !== undefined) {
    if (typeof block.block_id !== 'string' || block.block_id === '') report(`${path}.block_id`, 'is empty');
    else {
      if (block.block_id.length > SLACK_LIMITS.blockId)
        report(`${path}.block_id`, `over ${SLACK_LIMITS.blockId}`);
      if (seen.blockIds.has(block.block_id)) report(`${path}.block_id`, `"${block.block_id}" is not unique`);
      seen.blockIds.add(block.block_id);
    }
  }
  switch (block.type) {
    case 'section':
      checkSection(block, path, report);
      return;
    case 'header':
      checkText(block.text, `${path}.text`, SLACK_LIMITS.headerText, report, 'plain_text');
      return;
    case 'context':
      checkList(block.elements, `${path}.elements`, SLACK_LIMITS.contextElements, report, (element, at) =>
        checkText(element, at, SLACK_LIMITS.contextText, report),
      );
      return;
    case 'actions':
      checkList(block.elements, `${path}.elements`, SLACK_LIMITS.actionsElements, report, (element, at) =>
        checkButton(element, at, report, seen),
      );
      return;
    case 'divider':
      return;
    default:
      report(`${path}.type`, `"${String(block.type)}" is not a block type we send`);
  }
}

function checkSection(block: Record<string, unknown>, path: string, report: Report): void {
  if (block.text === undefined && block.fields === undefined) report(path, 'has neither text nor fields');
  if (block.text !== undefined) checkText(block.text, `${path}.text`, SLACK_LIMITS.sectionText, report);
  if (block.fields !== undefined) {
    checkList(block.fields, `${path}.fields`, SLACK_LIMITS.sectionFields, report, (field, at) =>
      checkText(field, at, SLACK_LIMITS.sectionField, report),
    );
  }
}

function checkButton(element: unknown, path: string, report: Report, seen: Seen): void {
  if (!isRecord(element) || element.type !== 'button') {
    report(path, 'is not a button');
    return;
  }
  checkText(element.text, `${path}.text`, SLACK_LIMITS.buttonText, report, 'plain_text');
  const actionId = element.action_id;
  if (typeof actionId !== 'string' || actionId === '') report(`${path}.action_id`, 'is missing');
  else {
    if (actionId.length > SLACK_LIMITS.actionId) report(`${path}.action_id`, `over ${SLACK_LIMITS.actionId}`);
    if (seen.actionIds.has(actionId))
      report(`${path}.action_id`, `"${actionId}" is not unique in the message`);
    seen.actionIds.add(actionId);
  }
  checkOptionalString(element.value, `${path}.value`, SLACK_LIMITS.buttonValue, report);
  checkOptionalString(element.url, `${path}.url`, SLACK_LIMITS.buttonUrl, report);
  checkStyle(element.style, `${path}.style`, report);
  const isRecheck =
    typeof actionId === 'string' && (actionId === 'recheck' || actionId.startsWith('recheck:'));
  if (element.confirm === undefined) {
    if (!isRecheck) report(`${path}.confirm`, 'a button that changes something must ask first');
    return;
  }
  const confirm = element.confirm;
  if (!isRecord(confirm)) {
    report(`${path}.confirm`, 'is not an object');
    return;
  }
  checkText(confirm.title, `${path}.confirm.title`, SLACK_LIMITS.confirmTitle, report, 'plain_text');
  checkText(confirm.text, `${path}.confirm.text`, SLACK_LIMITS.confirmText, report);
  checkText(confirm.confirm, `${path}.confirm.confirm`, SLACK_LIMITS.confirmButton, report, 'plain_text');
  checkText(confirm.deny, `${path}.confirm.deny`, SLACK_LIMITS.confirmButton, report, 'plain_text');
  checkStyle(confirm.style, `${path}.confirm.style`, report);
}

function checkText(value: unknown, path: string, max: number, report: Report, only?: 'plain_text'): void {
  if (!isRecord(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
    report(path, 'is not a text object');
    return;
  }
  if (only && value.type !== only) report(`${path}.type`, `must be ${only}`);
  if (typeof value.text !== 'string' || value.text === '') report(`${path}.text`, 'is empty');
  else if (value.text.length > max) report(`${path}.text`, `${value.text.length} characters, over ${max}`);
  if (value.type === 'mrkdwn' && value.verbatim !== true)
    report(`${path}.verbatim`, 'mrkdwn must be verbatim');
}

function checkList(
  value: unknown,
  path: string,
  max: number,
  report: Report,
  each: (item: unknown, path: string) => void,
): void {
  if (!Array.isArray(value) || value.length === 0) {
    report(path, 'must be a non-empty list');
    return;
  }
  if (value.length > max) report(path, `${value.length} items, over ${max}`);
  value.forEach((item, index) => {
    each(item, `${path}[${index}]`);
  });
}

function checkOptionalString(value: unknown, path: string, max: number, report: Report): void {
  if (value === undefined) return;
  if (typeof value !== 'string') report(path, 'is not a string');
  else if (value.length > max) report(path, `${value.length} characters, over ${max}`);
}

function checkStyle(value: unknown, path: string, report: Report): void {
  if (value !== undefined && value !== 'primary' && value !== 'danger')
    report(path, 'must be primary or danger');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
