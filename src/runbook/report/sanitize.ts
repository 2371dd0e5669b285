/**
 * Cleaning untrusted text (hostnames, API messages, issue titles) before any renderer formats it.
 * Shared by the markdown and the terminal renderers, so both see the same characters.
 */

/**
 * ANSI / VT escape sequences: CSI (`ESC [` ... final byte), OSC (`ESC ]` ... BEL or ST), the other
 * string sequences (DCS, SOS, PM, APC up to ST), and two-byte `ESC x` sequences.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[ -~]?)/g;

/**
 * Code points that drive a terminal or reorder what a reader sees: C0 controls but tab and line
 * breaks, DEL, C1 controls (U+009B is a one-byte CSI), and the Unicode bidi embeddings, overrides and
 * isolates ("Trojan Source" spoofing).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** Removes escape sequences and control characters; keeps tabs and line breaks. */
export function stripControlCharacters(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** The lines of untrusted text, each cleaned and trimmed, empty ones dropped. */
export function cleanLines(text: string): string[] {
  return stripControlCharacters(text)
    .split(LINE_BREAK)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** Printable ASCII words with single spaces between them: already one clean line (most texts are). */
const CLEAN_LINE = /^(?:[!-~]+(?: [!-~]+)*)?$/;

/** Untrusted text as one clean line: controls removed, every run of white space one space. */
export function toSingleLine(text: string): string {
  if (CLEAN_LINE.test(text)) return text;
  return cleanLines(text).join(' ');
}

/**
 * At most `max` code points (never half a surrogate pair), with `…` as the last one when cut.
 * `max` below 1 gives the empty string.
 */
export function truncate(text: string, max: number): string {
  if (max < 1) return '';
  if (text.length <= max) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints.slice(0, max - 1).join('')}…`;
}
