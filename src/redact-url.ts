/**
 * Credentials inside URLs (`scheme://user:password@host`) are replaced wherever they appear in a text,
 * so a URL echoed by an error message or an API never carries a password into a log line. A
 * scanner rather than a regular expression: log lines can hold anyone's text, and this stays linear.
 */

const REDACTED = '[REDACTED]';

/** Where a URL's authority ends: path, query, fragment, white space, quotes, markup, JSON escapes. */
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'", '<', '>', '\\', '`', '|']);

export function redactUrlCredentials(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    if (at === 0 || !isSchemeChar(text.charCodeAt(at - 1))) continue;
    const start = at + 3;
    // The authority ends at the first of AUTHORITY_END (`://` holds a `/`, so scans never overlap);
    // the user information ends at its last `@`.
    let end = start;
    let lastAt = -1;
    while (end < text.length && !AUTHORITY_END.has(text.charAt(end))) {
      if (text.charCodeAt(end) === 0x40) lastAt = end;
      end++;
    }
    if (lastAt > start) {
      out += `${text.slice(copied, start)}${REDACTED}`;
      copied = lastAt;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isSchemeChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x2e
  );
}
