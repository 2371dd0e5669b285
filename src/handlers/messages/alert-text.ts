/**
 * Everything an alert post says, wherever the posting app put it: PagerDuty and other apps use
 * `attachments` and `blocks` as often as `text` (docs/outside-apis.md section 5.5), so the bot reads them
 * all.
 */

import type { StepMeter } from '../issue-ref.js';

type Json = unknown;

const MAX_TEXT = 200_000;

/**
 * Linear in the message: each node is visited once (nesting is cut at depth 8) and each string is
 * copied once. `meter`, when given, counts nodes visited and characters taken (tests bound it).
 */
export function alertText(
  message: { text?: unknown; attachments?: unknown; blocks?: unknown },
  meter: StepMeter = { steps: 0 },
): string {
  const parts: string[] = [];
  const push = (value: Json) => pushText(parts, value, meter);
  const blockTexts = (blocks: Json, depth: number) => walkBlocks(blocks, parts, depth, meter);
  push(message.text);
  if (Array.isArray(message.attachments)) {
    for (const attachment of message.attachments) {
      meter.steps++;
      if (!isObject(attachment)) continue;
      for (const key of ['pretext', 'title', 'title_link', 'text', 'fallback', 'footer'])
        push(attachment[key]);
      if (Array.isArray(attachment.fields)) {
        for (const field of attachment.fields) {
          meter.steps++;
          if (isObject(field)) {
            push(field.title);
            push(field.value);
          }
        }
      }
      blockTexts(attachment.blocks, 0);
    }
  }
  blockTexts(message.blocks, 0);
  return parts.join('\n').slice(0, MAX_TEXT);
}

/** Walks blocks (sections, headers, context, rich_text and their nested elements) collecting text and URLs. */
function walkBlocks(blocks: Json, parts: string[], depth: number, meter: StepMeter): void {
  if (depth > 8 || !Array.isArray(blocks)) return;
  for (const block of blocks) {
    meter.steps++;
    if (!isObject(block)) continue;
    collect(block, parts, depth, meter);
  }
}

function collect(node: Record<string, Json>, parts: string[], depth: number, meter: StepMeter): void {
  if (typeof node.text === 'string') pushText(parts, node.text, meter);
  else if (isObject(node.text)) pushText(parts, node.text.text, meter);
  pushText(parts, node.url, meter);
  if (Array.isArray(node.fields)) {
    for (const field of node.fields) {
      meter.steps++;
      if (isObject(field)) pushText(parts, field.text, meter);
    }
  }
  if (Array.isArray(node.elements)) walkBlocks(node.elements, parts, depth + 1, meter);
}

function pushText(parts: string[], value: Json, meter: StepMeter): void {
  if (typeof value === 'string' && value.length > 0) {
    meter.steps += value.length;
    parts.push(value);
  }
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
