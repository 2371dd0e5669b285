/**
 * A thread as plain text for the demo's output: each message's blocks as lines (headers, sections
 * with their fields, context, buttons as `[Text]`, dividers as a rule), mrkdwn links and mentions
 * shown readably and &lt; &gt; &amp; unescaped; replies indented under the parent.
 */

type Json = Record<string, unknown>;

/** What the renderer reads of a message; StoredMessage and Slack's message JSON both fit. */
export interface RenderableMessage {
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: Json[];
  attachments?: Json[];
  files?: Array<{ title?: string; name?: string }>;
  user?: string;
  username?: string;
  bot_id?: string;
  edited?: unknown;
}

const RULE = '-'.repeat(40);
const REPLY_INDENT = '    ';

export function renderThreadAsText(messages: readonly RenderableMessage[]): string {
  const out: string[] = [];
  messages.forEach((message, index) => {
    const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
    const indent = isReply ? REPLY_INDENT : '';
    if (index > 0) out.push('');
    out.push(`${indent}${author(message)} [${message.ts}]${message.edited ? ' (edited)' : ''}`);
    for (const line of messageLines(message)) out.push(line === '' ? '' : `${indent}  ${line}`);
  });
  return out.join('\n');
}

export function blockKitBuilderUrl(blocks: readonly unknown[]): string {
  return `https://app.slack.com/block-kit-builder/#${encodeURIComponent(JSON.stringify({ blocks }))}`;
}

function author(message: RenderableMessage): string {
  return message.username ?? message.user ?? message.bot_id ?? 'unknown';
}

function messageLines(message: RenderableMessage): string[] {
  const lines: string[] = [];
  if (message.blocks && message.blocks.length > 0) lines.push(...blocksToLines(message.blocks));
  else if (message.text) lines.push(...display(message.text).split('\n'));
  for (const attachment of message.attachments ?? []) lines.push(...attachmentLines(attachment));
  for (const file of message.files ?? []) lines.push(`[file: ${file.title ?? file.name ?? 'untitled'}]`);
  return lines;
}

export function blocksToLines(blocks: readonly Json[]): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`# ${textOf(block.text)}`);
        break;
      case 'section': {
        const text = textOf(block.text);
        if (text) lines.push(...text.split('\n'));
        for (const field of asArray(block.fields))
          lines.push(
            ...textOf(field)
              .split('\n')
              .map((line) => `  ${line}`),
          );
        const accessory = elementText(block.accessory);
        if (accessory) lines.push(accessory);
        break;
      }
      case 'context':
        lines.push(asArray(block.elements).map(contextElement).filter(Boolean).join(' | '));
        break;
      case 'actions':
        lines.push(asArray(block.elements).map(elementText).filter(Boolean).join(' '));
        break;
      case 'divider':
        lines.push(RULE);
        break;
      case 'markdown':
        lines.push(...display(typeof block.text === 'string' ? block.text : '').split('\n'));
        break;
      case 'rich_text':
        lines.push(...richText(block).split('\n'));
        break;
      case 'image':
        lines.push(`(image: ${typeof block.alt_text === 'string' ? block.alt_text : ''})`);
        break;
      case 'input':
        lines.push(`${textOf(block.label)}: ${elementText(block.element) || '[input]'}`);
        break;
      default:
        lines.push(`(${String(block.type)} block)`);
    }
  }
  return lines;
}

function attachmentLines(attachment: Json): string[] {
  const lines: string[] = [];
  for (const key of ['pretext', 'title', 'text'] as const) {
    const value = attachment[key];
    if (typeof value === 'string' && value) lines.push(...display(value).split('\n'));
  }
  for (const field of asArray(attachment.fields)) {
    const title = typeof field.title === 'string' ? field.title : '';
    const value = typeof field.value === 'string' ? field.value : '';
    lines.push(`  ${display(title)}: ${display(value)}`);
  }
  if (Array.isArray(attachment.blocks)) lines.push(...blocksToLines(asArray(attachment.blocks)));
  if (lines.length === 0 && typeof attachment.fallback === 'string') lines.push(display(attachment.fallback));
  return lines.map((line) => `| ${line}`);
}

function elementText(element: unknown): string {
  if (!isJson(element)) return '';
  switch (element.type) {
    case 'button':
      return `[${textOf(element.text)}]`;
    case 'overflow':
      return '[...]';
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return `[${textOf(element.placeholder) || 'Select'} v]`;
    case 'plain_text_input':
      return `[${textOf(element.placeholder) || 'text input'}]`;
    case 'image':
      return `(image: ${typeof element.alt_text === 'string' ? element.alt_text : ''})`;
    default:
      return typeof element.type === 'string' ? `[${element.type}]` : '';
  }
}

function contextElement(element: Json): string {
  if (element.type === 'image')
    return `(image: ${typeof element.alt_text === 'string' ? element.alt_text : ''})`;
  return textOf(element);
}

function textOf(value: unknown): string {
  if (!isJson(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn' ? display(value.text) : value.text;
}

function richText(block: Json): string {
  const collect = (elements: unknown): string =>
    asArray(elements)
      .map((element) => {
        if (typeof element.text === 'string') return element.text;
        if (typeof element.url === 'string') return element.url;
        if (element.type === 'user' && typeof element.user_id === 'string') return `@${element.user_id}`;
        if (element.type === 'rich_text_list')
          return asArray(element.elements)
            .map((item) => `- ${collect(item.elements)}`)
            .join('\n');
        return collect(element.elements);
      })
      .join(separatorFor(elements));
  return collect(block.elements);
}

/** Sections of a rich_text block each start a line; inline elements run together. */
function separatorFor(elements: unknown): string {
  return asArray(elements).some(
    (element) => typeof element.type === 'string' && element.type.startsWith('rich_text_'),
  )
    ? '\n'
    : '';
}

/**
 * mrkdwn as a reader would see it: `<url|label>` as `label (url)`, mentions as `@id`, `<!here>` as
 * `@here`; then the three escaped characters back (`&amp;` last, so `&amp;lt;` stays `&lt;`).
 */
export function display(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>]+)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!subteam^')) return `@${label ?? target.slice('!subteam^'.length)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
      return label ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
