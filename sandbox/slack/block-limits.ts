/**
 * Block Kit limits as Slack enforces them (docs/outside-apis.md section 5.3). Errors read like Slack's own:
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`; a message with any error
 * is refused with `invalid_blocks`, a modal with `invalid_arguments`.
 */
import { isRecord } from './wire.js';

export const MESSAGE_BLOCK_LIMIT = 50;
export const VIEW_BLOCK_LIMIT = 100;
export const TEXT_LIMIT = 40_000;

const ID_LIMIT = 255;

type Problems = string[];

/** Problems in a `blocks` array, or `format` when it is not an array of objects at all. */
export function blockProblems(blocks: unknown, maxBlocks: number, root = '/blocks'): Problems | 'format' {
  if (!Array.isArray(blocks) || !blocks.every(isRecord)) return 'format';
  const problems: Problems = [];
  if (blocks.length > maxBlocks)
    problems.push(`no more than ${maxBlocks} items allowed [json-pointer:${root}]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const at = `${root}/${index}`;
    const blockId = block.block_id;
    if (blockId !== undefined) {
      if (typeof blockId !== 'string' || blockId.length === 0)
        problems.push(`must be a non-empty string [json-pointer:${at}/block_id]`);
      else if (blockId.length > ID_LIMIT) problems.push(tooLong(ID_LIMIT, `${at}/block_id`));
      else if (blockIds.has(blockId))
        problems.push(`duplicate block_id ${blockId} [json-pointer:${at}/block_id]`);
      else blockIds.add(blockId);
    }
    checkBlock(block, at, problems);
  });
  return problems;
}

function checkBlock(block: Record<string, unknown>, at: string, problems: Problems): void {
  switch (block.type) {
    case 'section':
      checkSection(block, at, problems);
      return;
    case 'header':
      checkText(block.text, `${at}/text`, 150, problems, 'plain_text');
      return;
    case 'context':
      checkList(block.elements, `${at}/elements`, 10, problems);
      return;
    case 'actions': {
      checkList(block.elements, `${at}/elements`, 25, problems);
      if (!Array.isArray(block.elements)) return;
      const actionIds = new Set<string>();
      block.elements.forEach((element, index) => {
        const elementAt = `${at}/elements/${index}`;
        checkElement(element, elementAt, problems);
        const actionId = isRecord(element) ? element.action_id : undefined;
        if (typeof actionId !== 'string') return;
        if (actionIds.has(actionId))
          problems.push(`duplicate action_id ${actionId} [json-pointer:${elementAt}/action_id]`);
        actionIds.add(actionId);
      });
      return;
    }
    case 'markdown':
      if (typeof block.text !== 'string') problems.push(`missing required field: text [json-pointer:${at}]`);
      else if (block.text.length > 12_000) problems.push(tooLong(12_000, `${at}/text`));
      return;
    case 'input':
      checkText(block.label, `${at}/label`, 2000, problems, 'plain_text');
      if (!isRecord(block.element)) problems.push(`missing required field: element [json-pointer:${at}]`);
      return;
    case 'divider':
    case 'image':
    case 'rich_text':
    case 'file':
    case 'video':
    case 'context_actions':
    case 'table':
      return;
    default:
      problems.push(
        typeof block.type === 'string'
          ? `unsupported type: ${block.type} [json-pointer:${at}/type]`
          : `missing required field: type [json-pointer:${at}]`,
      );
  }
}

function checkSection(block: Record<string, unknown>, at: string, problems: Problems): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.push(`must provide either text or fields [json-pointer:${at}]`);
  }
  if (block.text !== undefined) checkText(block.text, `${at}/text`, 3000, problems);
  if (block.fields !== undefined) {
    checkList(block.fields, `${at}/fields`, 10, problems);
    if (Array.isArray(block.fields)) {
      block.fields.forEach((field, index) => {
        checkText(field, `${at}/fields/${index}`, 2000, problems);
      });
    }
  }
  if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, problems);
}

function checkElement(element: unknown, at: string, problems: Problems): void {
  if (!isRecord(element)) {
    problems.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  if (typeof element.action_id === 'string' && element.action_id.length > ID_LIMIT) {
    problems.push(tooLong(ID_LIMIT, `${at}/action_id`));
  }
  if (element.type !== 'button') return;
  checkText(element.text, `${at}/text`, 75, problems, 'plain_text');
  if (typeof element.value === 'string' && element.value.length > 2000)
    problems.push(tooLong(2000, `${at}/value`));
  if (typeof element.url === 'string' && element.url.length > 3000) problems.push(tooLong(3000, `${at}/url`));
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    problems.push(`must be one of primary, danger [json-pointer:${at}/style]`);
  }
  if (element.confirm !== undefined) checkConfirm(element.confirm, `${at}/confirm`, problems);
}

function checkConfirm(confirm: unknown, at: string, problems: Problems): void {
  if (!isRecord(confirm)) {
    problems.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  checkText(confirm.title, `${at}/title`, 100, problems, 'plain_text');
  checkText(confirm.text, `${at}/text`, 300, problems);
  checkText(confirm.confirm, `${at}/confirm`, 30, problems, 'plain_text');
  checkText(confirm.deny, `${at}/deny`, 30, problems, 'plain_text');
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger') {
    problems.push(`must be one of primary, danger [json-pointer:${at}/style]`);
  }
}

/** A text object: `{type: plain_text|mrkdwn, text}` with 1..max characters. */
export function checkText(
  value: unknown,
  at: string,
  max: number,
  problems: Problems,
  onlyType?: 'plain_text',
): void {
  if (!isRecord(value)) {
    problems.push(`missing required field: text object [json-pointer:${at}]`);
    return;
  }
  const allowed = onlyType ? [onlyType] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    problems.push(`must be one of ${allowed.join(', ')} [json-pointer:${at}/type]`);
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    problems.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  } else if (value.text.length > max) {
    problems.push(tooLong(max, `${at}/text`));
  }
}

function checkList(value: unknown, at: string, max: number, problems: Problems): void {
  if (!Array.isArray(value) || value.length === 0)
    problems.push(`must provide at least 1 item [json-pointer:${at}]`);
  else if (value.length > max) problems.push(`no more than ${max} items allowed [json-pointer:${at}]`);
}

function tooLong(max: number, at: string): string {
  return `must be less than ${max + 1} characters [json-pointer:${at}]`;
}

/** Problems in a modal or Home tab view (views.open / views.update / views.push). */
export function viewProblems(view: unknown): Problems {
  if (!isRecord(view)) return ['missing required field: view [json-pointer:/view]'];
  const problems: Problems = [];
  if (view.type !== 'modal' && view.type !== 'home')
    problems.push('must be one of modal, home [json-pointer:/view/type]');
  if (view.type === 'modal') {
    checkText(view.title, '/view/title', 24, problems, 'plain_text');
  }
  for (const button of ['submit', 'close'] as const) {
    if (view[button] !== undefined) checkText(view[button], `/view/${button}`, 24, problems, 'plain_text');
  }
  const blocks = blockProblems(view.blocks ?? [], VIEW_BLOCK_LIMIT, '/view/blocks');
  if (blocks === 'format') problems.push('must be an array of blocks [json-pointer:/view/blocks]');
  else problems.push(...blocks);
  const hasInput =
    Array.isArray(view.blocks) && view.blocks.some((block) => isRecord(block) && block.type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) {
    problems.push('submit is required when a modal has input blocks [json-pointer:/view/submit]');
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    problems.push(tooLong(3000, '/view/private_metadata'));
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > ID_LIMIT) {
    problems.push(tooLong(ID_LIMIT, '/view/callback_id'));
  }
  return problems;
}
