/**
 * Text clean-up for the gap-report parser. The report is untrusted: everything here is linear in the
 * input (no regex that can backtrack over an unbounded run) and never throws.
 */

/** Control characters plus the invisible ones that can disguise text (zero-width, bidi overrides, BOM). */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * One line ending, no invisible characters, and only what GitHub shows: no HTML comments, no
 * `<script>`/`<style>` elements.
 */
export function sanitizeBody(body: string): string {
  const text = body
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ');
  return removeElements(removeHtmlComments(text));
}

/** Drops `<script>…</script>` and `<style>…</style>` with their content, keeping newlines. */
function removeElements(text: string): string {
  if (!text.includes('<')) return text;
  const lower = text.toLowerCase();
  if (!lower.includes('<script') && !lower.includes('<style')) return text;
  let out = '';
  let from = 0;
  for (;;) {
    const script = lower.indexOf('<script', from);
    const style = lower.indexOf('<style', from);
    const start = script < 0 ? style : style < 0 ? script : Math.min(script, style);
    if (start < 0) break;
    const closeTag = start === script ? '</script' : '</style';
    const close = lower.indexOf(closeTag, start);
    const closeEnd = close < 0 ? -1 : lower.indexOf('>', close);
    const stop = closeEnd < 0 ? text.length : closeEnd + 1;
    out += text.slice(from, start) + text.slice(start, stop).replace(/[^\n]+/g, '');
    from = stop;
  }
  return out + text.slice(from);
}

/** Keeps the newlines of a comment so line-based structure (tables, lists) around it stays intact. */
function removeHtmlComments(text: string): string {
  let start = text.indexOf('<!--');
  if (start < 0) return text;
  let out = '';
  let from = 0;
  while (start >= 0) {
    out += text.slice(from, start);
    const end = text.indexOf('-->', start + 4);
    const stop = end < 0 ? text.length : end + 3;
    out += text.slice(start, stop).replace(/[^\n]+/g, '');
    from = stop;
    start = text.indexOf('<!--', from);
  }
  return out + text.slice(from);
}

const MAX_FIELD = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** What a string field of a target may hold: no control characters, at most 255 characters. */
export function cleanField(value: string): string {
  CONTROL.lastIndex = 0;
  if (value.length <= MAX_FIELD && !CONTROL.test(value) && value.trim() === value) return value;
  const stripped = value
    .slice(0, MAX_FIELD * 4)
    .replace(CONTROL, '')
    .trim();
  return Array.from(stripped).slice(0, MAX_FIELD).join('');
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (!Number.isInteger(code) || code < 32 || code > 0x10ffff || (code >= 0x7f && code < 0xa0)) return ' ';
    if (code >= 0xd800 && code <= 0xdfff) return ' ';
    return String.fromCodePoint(code);
  });
}

/** Removes HTML tags (`[^<>]*` stops at the next `<`, so every scan is bounded by the next tag). */
export function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(/<\/?[A-Za-z][^<>]*>/g, ' ');
}

/**
 * Rendered text of a markdown/HTML fragment: tags gone, entities decoded, `[text](target)` reduced
 * to its text (a link target is never data), emphasis and code marks removed.
 */
export function cleanInline(text: string): string {
  let out = stripTags(text);
  out = decodeEntities(out);
  if (out.includes('](')) out = out.replace(/!?\[([^[\]\n]*)\]\(([^()\n]*)\)/g, ' $1 ');
  return /[*`~]/.test(out) ? out.replace(/\*+|`+|~~/g, ' ') : out;
}

/** `[start, end)` spans of URLs (`scheme://...`), found with indexOf so a long line costs one pass. */
export function findUrlSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let at = text.indexOf('://');
  while (at >= 0) {
    let start = at;
    while (start > 0 && at - start < 32 && /[A-Za-z0-9+.-]/.test(text[start - 1] as string)) start--;
    let end = at + 3;
    while (end < text.length && !/[\s<>"'`|)\]]/.test(text[end] as string)) end++;
    spans.push([start, end]);
    at = text.indexOf('://', end);
  }
  return spans;
}

/** The same text with the given spans replaced by spaces, so positions still line up. */
export function blankSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    if (start < from) continue;
    out += text.slice(from, start) + ' '.repeat(end - start);
    from = end;
  }
  return out + text.slice(from);
}

/** Lower case, single spaces: the form the phrase patterns are written against. */
export function normalizeForMatch(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
