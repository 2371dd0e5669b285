/**
 * Everything an alert post says, wherever the posting app put it: PagerDuty and other apps use
 * `attachments` and `blocks` as often as `text` (slack-notes.md section 5), so the bot reads them all.
 */

type Json = unknown;

const MAX_TEXT = 200_000;

export function alertText(message: { text?: unknown; attachments?: unknown; blocks?: unknown }): string {
  const parts: string[] = [];
  push(parts, message.text);
  if (Array.isArray(message.attachments)) {
    for (const attachment of message.attachments) {
      if (!isObject(attachment)) continue;
      for (const key of ['pretext', 'title', 'title_link', 'text', 'fallback', 'footer'])
        push(parts, attachment[key]);
      if (Array.isArray(attachment.fields)) {
        for (const field of attachment.fields) {
          if (isObject(field)) {
            push(parts, field.title);
            push(parts, field.value);
          }
        }
      }
      blockTexts(attachment.blocks, parts, 0);
    }
  }
  blockTexts(message.blocks, parts, 0);
  return parts.join('\n').slice(0, MAX_TEXT);
}

/** Walks blocks (sections, headers, context, rich_text and their nested elements) collecting text and URLs. */
function blockTexts(blocks: Json, parts: string[], depth: number): void {
  if (depth > 8 || !Array.isArray(blocks)) return;
  for (const block of blocks) {
    if (!isObject(block)) continue;
    collect(block, parts, depth);
  }
}

function collect(node: Record<string, Json>, parts: string[], depth: number): void {
  if (typeof node.text === 'string') push(parts, node.text);
  else if (isObject(node.text)) push(parts, node.text.text);
  push(parts, node.url);
  if (Array.isArray(node.fields)) {
    for (const field of node.fields) if (isObject(field)) push(parts, field.text);
  }
  if (Array.isArray(node.elements)) blockTexts(node.elements, parts, depth + 1);
}

function push(parts: string[], value: Json): void {
  if (typeof value === 'string' && value.length > 0) parts.push(value);
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
