/**
 * Escaping untrusted text (hostnames, API messages, issue titles, Slack names) for GitHub-flavoured
 * markdown, so that it renders as the same plain text and can do nothing else.
 *
 * The choices, and why:
 * - Control characters and ANSI sequences are removed, and line breaks become spaces: the result is
 *   one inline line, so it can never start a block (heading, list, quote, fence, table row, HTML block).
 * - `&`, `<`, `>` become entities: no raw HTML, no `<http://...>` autolinks, no `<!channel>`. `&` goes
 *   first, so an attacker's `&#64;` shows literally instead of decoding to `@`.
 * - `\ ` * _ [ ] ~ | $` are backslash-escaped wherever they stand: emphasis, code, links, images
 *   (`![` needs `[`), footnotes, strike-through, table cells and GitHub math. `-`, `+`, `=` and `1. ` /
 *   `1) ` are escaped only at the very start, the one place they could open a block.
 * - GitHub links some patterns after rendering, so escapes alone do not stop them. A zero-width space
 *   (U+200B) goes after every `@` (no `@user` / `@org/team` mention, no e-mail autolink), after every
 *   `#` (no `#123` / `org/repo#123` reference, no heading), between `:` and `//` and in `www.` (no
 *   bare-URL autolink). Readers see the same text; it just does not link or notify.
 * - Left as is, on purpose: `:emoji:` shortcodes (they cannot notify or link) and parentheses (a
 *   link needs the escaped `]` before them).
 */
import { cleanLines, toSingleLine } from './sanitize.js';

/** The invisible separator that keeps mentions, references and autolinks from forming. */
export const ZERO_WIDTH_SPACE = '\u200B';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Every character escaped one way or another: entities, backslash, or a zero-width space after. */
const SPECIAL = /[&<>\\`*_[\]~|$@#]/g;
const BLOCK_START = /^(?:[-+=]|\d{1,9}[.)](?= |$))/;

/** Untrusted text as safe inline markdown on one line (see the module comment for what is escaped). */
export function escapeMarkdown(text: string): string {
  return escapeInline(toSingleLine(text), true);
}

/**
 * Untrusted text for a table cell: each line escaped as `escapeMarkdown` does (which already escapes
 * `|`), joined with `<br>` so the row stays on one line.
 */
export function escapeTableCell(text: string): string {
  return cleanLines(text)
    .map((line) => escapeInline(line, true))
    .join('<br>');
}

/**
 * Untrusted text in which `` `backtick pairs` `` mark commands: the commands become code spans (whose
 * content GitHub shows verbatim, never as a mention, link or markup) and the rest is escaped. In a
 * table cell (`tableCell: true`) the commands become `<code>` around escaped text instead, because a
 * `|` inside a code span would still end the cell. An unpaired backtick is shown as itself.
 */
export function escapeMarkdownKeepingCode(text: string, options: { tableCell?: boolean } = {}): string {
  const segments = toSingleLine(text).split('`');
  // With an even number of backticks every odd segment is code; with an odd number the last backtick
  // is unpaired and its segment stays text.
  const unpaired = segments.length % 2 === 0 ? segments.length - 1 : -1;
  let out = '';
  segments.forEach((segment, index) => {
    if (index % 2 === 0) {
      out += escapeInline(segment, index === 0);
    } else if (index === unpaired) {
      out += `\\\`${escapeInline(segment, false)}`;
    } else {
      out += codeSpan(segment, options.tableCell === true);
    }
  });
  return out;
}

/** `&`, `<`, `>` and `"` as entities: for text inside our own HTML (`<summary>`), where markdown is off. */
export function escapeHtml(text: string): string {
  return toSingleLine(text).replace(/[&<>"]/g, (char) =>
    char === '"' ? '&quot;' : (ENTITIES[char] ?? char),
  );
}

/**
 * A markdown link to `url` with the escaped label, or the escaped label alone when the URL is not a
 * plain http(s) URL (no `javascript:`, no `data:`). The destination is the parsed, percent-encoded
 * URL inside `<...>`, so no character of it can end the link early.
 */
export function markdownLink(label: string, url: string): string {
  const href = safeHref(url);
  const text = escapeMarkdown(label) || escapeMarkdown(url);
  return href === null ? text : `[${text}](<${href}>)`;
}

/** The normalised href of an http(s) URL, or null. Exported for renderers that link elsewhere. */
export function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  // WHATWG URLs percent-encode `<`, `>`, spaces and quotes already; a backslash left in a query could
  // escape the closing `>`, and a backtick could open a code span (which binds tighter than a link)
  // that a later backtick closes, leaving the link's `<` and `>` as text.
  return parsed.href.replace(/\\/g, '%5C').replace(/`/g, '%60');
}

function codeSpan(content: string, tableCell: boolean): string {
  if (content === '') return '';
  if (tableCell) return `<code>${escapeInline(content, false)}</code>`;
  if (content.trim() === '') return ' ';
  return `\`${content}\``;
}

function escapeInline(text: string, atStart: boolean): string {
  // Breaking bare-URL autolinks first, on the raw text, where `://` and `www.` are still contiguous.
  let out = text
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
    .replace(SPECIAL, escapeCharacter);
  if (atStart) {
    const marker = BLOCK_START.exec(out);
    if (marker !== null) {
      const length = marker[0].length;
      out = `${out.slice(0, length - 1)}\\${out.slice(length - 1)}`;
    }
  }
  return out;
}

function escapeCharacter(char: string): string {
  const entity = ENTITIES[char];
  if (entity !== undefined) return entity;
  if (char === '@' || char === '#') return `${char}${ZERO_WIDTH_SPACE}`;
  return `\\${char}`;
}
