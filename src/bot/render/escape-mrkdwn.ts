/**
 * Making untrusted text (hostnames, issue titles, API messages, evidence, fixes) inert in Slack.
 *
 * Slack's control characters are `&`, `<` and `>`: escaping exactly those three (`&` first, so an
 * attacker's `&lt;` shows literally) turns `<!channel>`, `<@U1>`, `<#C1>` and `<http://evil|click>` into
 * plain text. Every mrkdwn object we send is `verbatim: true`, so Slack does not auto-link URLs,
 * channel names or bare mentions either; plain_text objects get the same escaping (Slack decodes the
 * three entities for display), so no text object ever carries a raw control sequence of theirs.
 * Formatting characters (`*_~` and backticks) are left alone: they can change how text looks, never
 * who is notified or where a click goes.
 *
 * Lengths are UTF-16 code units (see limits.ts); cuts never split a surrogate pair, an entity, one
 * of our `<url|label>` links or a code span.
 */
import { toSingleLine } from '../../runbook/report/sanitize.js';
import type { Mrkdwn, PlainText } from './blocks.js';
import { SLACK_LIMITS } from './limits.js';

export const ELLIPSIS = '…';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn object for text we built (escaped parts and our own markup), cut to `max`. */
export function mrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): Mrkdwn {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max), verbatim: true };
}

/** A plain_text object for raw text (ours or untrusted): escaped, on one line, cut to `max`. */
export function plain(text: string, options: { max?: number; emoji?: boolean } = {}): PlainText {
  const max = options.max ?? SLACK_LIMITS.sectionText;
  return { type: 'plain_text', text: escapeInline(text, max), emoji: options.emoji ?? false };
}

/** At most `max` code units, with `…` as the last one when cut; never half a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${text.slice(0, surrogateSafe(text, max - 1))}${ELLIPSIS}`;
}

/** Untrusted text on one line (controls removed, white space collapsed), escaped, within `max`. */
export function escapeInline(text: string, max: number = Number.POSITIVE_INFINITY): string {
  return truncateMrkdwn(escapeMrkdwn(toSingleLine(text)), max);
}

/**
 * Escaped or built mrkdwn cut to `max` code units without breaking an entity (`&amp;`), one of our
 * links (`<url|label>`) or a code span: the cut backs off to before the unfinished piece, or closes
 * the code span after the ellipsis.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = cutPoint(text, max - 1);
  if (countBackticks(text.slice(0, end)) % 2 === 0) return `${text.slice(0, end)}${ELLIPSIS}`;
  // Inside a code span: keep room for the closing backtick.
  end = cutPoint(text, max - 2);
  const head = text.slice(0, end);
  return countBackticks(head) % 2 === 0 ? `${head}${ELLIPSIS}` : `${head}${ELLIPSIS}\``;
}

/**
 * Untrusted text in which backtick pairs mark commands (the runbook's fixes): commands become code
 * spans, everything is escaped, and an unpaired backtick is shown as a quote so it cannot open a code
 * span that swallows what follows.
 */
export function escapeKeepingCode(text: string, max: number = Number.POSITIVE_INFINITY): string {
  const segments = toSingleLine(text).split('`');
  const unpaired = segments.length % 2 === 0 ? segments.length - 1 : -1;
  let out = '';
  segments.forEach((segment, index) => {
    const escaped = escapeMrkdwn(segment);
    if (index % 2 === 0) out += escaped;
    else if (index === unpaired) out += `'${escaped}`;
    else if (escaped.trim() !== '') out += `\`${escaped}\``;
  });
  return truncateMrkdwn(out, max);
}

/**
 * A mrkdwn link to an http(s) URL with an escaped label, or just the label when the URL is anything
 * else (no `javascript:`, no `slack://`). `&` in the URL is escaped as Slack expects; `<`, `>`, `|`,
 * quotes and white space are percent-encoded so the URL cannot end the link early.
 */
export function mrkdwnLink(url: string, label: string, maxLabel = 100): string {
  const text = escapeInline(label, maxLabel) || 'link';
  const target = safeLinkUrl(url);
  return target === null ? text : `<${target}|${text}>`;
}

/** The URL as it may stand inside `<...|label>`, or null when it is not a plain http(s) URL. */
export function safeLinkUrl(url: string): string | null {
  const trimmed = url.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters make a URL unusable.
  if (!/^https?:\/\/[^/?#\s]/i.test(trimmed) || /[\x00-\x1f\x7f]/.test(trimmed)) return null;
  try {
    new URL(trimmed);
  } catch {
    return null;
  }
  const encoded = trimmed
    .replace(/[<>|"\s]/g, (character) => encodeURIComponent(character))
    .replace(/&/g, '&amp;');
  return encoded.length > 2000 ? null : encoded;
}

/** Where to cut at or before `limit` so that no surrogate pair, entity or link is left unfinished. */
function cutPoint(text: string, limit: number): number {
  let end = surrogateSafe(text, Math.max(0, limit));
  const openEntity = text.lastIndexOf('&', end - 1);
  if (openEntity !== -1 && !text.slice(openEntity, end).includes(';')) end = openEntity;
  const openLink = text.lastIndexOf('<', end - 1);
  if (openLink !== -1 && !text.slice(openLink, end).includes('>')) end = openLink;
  return end;
}

function surrogateSafe(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return end > 0 && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

function countBackticks(text: string): number {
  let count = 0;
  for (const character of text) if (character === '`') count += 1;
  return count;
}
