/**
 * The message content arguments shared by chat.postMessage, chat.update, chat.postEphemeral and
 * response URLs: `text`, `blocks`, `attachments`, checked against Block Kit limits, with Slack's
 * silent truncation of top-level text beyond 40,000 characters (answered with a warning).
 */
import { createHash } from 'node:crypto';
import { blockProblems, MESSAGE_BLOCK_LIMIT, TEXT_LIMIT } from './block-limits.js';
import type { Block } from './store.js';
import { type Args, isRecord, stringArg } from './wire.js';

export interface MessageContent {
  text?: string;
  blocks?: Block[];
  attachments?: Block[];
  truncated: boolean;
}

export type ContentResult =
  | { ok: true; content: MessageContent }
  | { ok: false; error: string; messages: string[] };

export const TRUNCATION_WARNING = {
  warning: 'message_truncated',
  response_metadata: {
    warnings: ['message_truncated'],
    messages: ['[WARN] A message was truncated. The text field accepts up to 40,000 characters.'],
  },
};

export function readContent(args: Args): ContentResult {
  const content: MessageContent = { truncated: false };
  const text = typeof args.text === 'string' ? args.text : stringArg(args, 'text');
  if (text !== undefined) {
    content.truncated = text.length > TEXT_LIMIT;
    content.text = content.truncated ? text.slice(0, TEXT_LIMIT) : text;
  }
  if (args.blocks !== undefined && args.blocks !== '') {
    const problems = blockProblems(args.blocks, MESSAGE_BLOCK_LIMIT);
    if (problems === 'format')
      return {
        ok: false,
        error: 'invalid_blocks_format',
        messages: ['blocks must be a JSON array of objects'],
      };
    if (problems.length > 0) return { ok: false, error: 'invalid_blocks', messages: problems };
    content.blocks = withBlockIds(args.blocks as Block[]);
  }
  if (args.attachments !== undefined && args.attachments !== '') {
    if (!Array.isArray(args.attachments) || !args.attachments.every(isRecord)) {
      return {
        ok: false,
        error: 'invalid_attachments',
        messages: ['attachments must be a JSON array of objects'],
      };
    }
    content.attachments = args.attachments as Block[];
  }
  return { ok: true, content };
}

/** Slack's `no_text`: a message needs text, blocks or attachments. */
export function isEmpty(content: MessageContent): boolean {
  return !content.text && !content.blocks?.length && !content.attachments?.length;
}

/** Slack gives every block without a block_id a short generated one, visible in stored messages and clicks. */
function withBlockIds(blocks: Block[]): Block[] {
  return blocks.map((block, index) => {
    if (typeof block.block_id === 'string') return block;
    const digest = createHash('sha1')
      .update(`${index}:${JSON.stringify(block)}`)
      .digest('base64url');
    return { ...block, block_id: digest.slice(0, 5) };
  });
}
