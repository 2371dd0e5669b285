/**
 * An issue is named by its number, `#N`, or any URL ending in `{repo}/issues/N` whatever the host:
 * alerts link to the web host, not the API host (docs/contract.md section 1).
 *
 * Alert text is anyone's text (up to 200,000 characters), so these are hand-written scanners whose
 * cost is linear in the text: every character is looked at a bounded number of times, whatever the
 * text holds. A regular expression for the same URL backtracked quadratically on a long run of
 * URL-like text. `meter`, when given, counts the characters examined (tests bound it).
 */

const MAX_ISSUE = 10_000_000;
const MAX_DIGITS = 8;

/** Counts the characters a scan examines. */
export interface StepMeter {
  steps: number;
}

/** Parses a whole argument (`4711`, `#4711`, a URL, `<URL>`); null when it is not an issue of `repo`. */
export function parseIssueRef(text: string, repo: string, meter: StepMeter = { steps: 0 }): number | null {
  const value = text.trim();
  const bare = /^#?(\d{1,8})$/.exec(value);
  if (bare) return toIssueNumber(bare[1]);
  let start = 0;
  let end = value.length;
  if (value.charCodeAt(0) === LT) start = 1;
  if (end > start && value.charCodeAt(end - 1) === GT) end -= 1;
  for (let i = start; i < end; i++) {
    meter.steps++;
    if (isDelimiter(value.charCodeAt(i))) return null;
  }
  const hostEnd = urlHostEnd(value, start, end, meter);
  if (hostEnd < 0) return null;
  // The last occurrence whose number ends the URL, or is followed by a fragment, a query or one `/`.
  let found: number | null = null;
  forEachOccurrence(value, hostEnd, end, needleOf(repo, meter), meter, (digitsAt) => {
    const digits = digitRun(value, digitsAt, end, meter);
    if (digits < 1 || digits > MAX_DIGITS) return;
    const after = digitsAt + digits;
    const rest = value.charCodeAt(after);
    if (after === end || (after === end - 1 && rest === SLASH) || rest === HASH || rest === QUESTION)
      found = toIssueNumber(value.slice(digitsAt, after));
  });
  return found;
}

/** Finds the first reference to an issue of `repo` inside free text (an alert): a URL first, then `#N`. */
export function findIssueRef(text: string, repo: string, meter: StepMeter = { steps: 0 }): number | null {
  // A URL of the repository decides, even when its number is out of range.
  const url = findIssueUrl(text, repo, meter);
  return url !== undefined ? url : findHashRef(text, meter);
}

/**
 * The first URL of an issue of `repo`: within a run of text without spaces, `<`, `>` or `|` (where a
 * link ends in Slack's markup), the first `http(s)://host/` with a host, and after it the last
 * `/{repo}/issues/N`. Its number is read as digits (at most 8).
 */
function findIssueUrl(text: string, repo: string, meter: StepMeter): number | null | undefined {
  const needle = needleOf(repo, meter);
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && !isDelimiter(text.charCodeAt(end))) {
      meter.steps++;
      end++;
    }
    if (end > start) {
      const number = urlInRun(text, start, end, needle, meter);
      if (number !== undefined) return number;
    }
    meter.steps++;
    start = end + 1;
  }
  return undefined;
}

/** The number of the URL in text[start, end) (null when out of range), or undefined when there is none. */
function urlInRun(
  text: string,
  start: number,
  end: number,
  needle: Needle,
  meter: StepMeter,
): number | null | undefined {
  let last = -1;
  forEachOccurrence(text, start, end, needle, meter, (digitsAt) => {
    if (isDigit(text.charCodeAt(digitsAt))) last = digitsAt;
  });
  if (last < 0) return undefined;
  // The path must start at or before the last occurrence's `/`: so must the scheme. The first scheme
  // with a host decides (a later one's host ends later still); a scheme with no host is skipped.
  const pathStart = last - needle.length;
  for (let at = start; at < pathStart; at++) {
    meter.steps++;
    const hostEnd = urlHostEnd(text, at, pathStart + 1, meter);
    if (hostEnd === NO_SCHEME || hostEnd === NO_HOST) continue;
    if (hostEnd === NO_PATH || hostEnd > pathStart) return undefined;
    const digits = Math.min(digitRun(text, last, end, meter), MAX_DIGITS);
    return toIssueNumber(text.slice(last, last + digits));
  }
  return undefined;
}

const NO_SCHEME = -1;
const NO_HOST = -2;
const NO_PATH = -3;

/**
 * Where the host ends (the `/` after it, before `end`) for a URL starting at `at`; NO_SCHEME when no
 * `http://` or `https://` starts there, NO_HOST when one does but a `/` follows it at once, NO_PATH
 * when a host follows but no `/` before `end`.
 */
function urlHostEnd(text: string, at: number, end: number, meter: StepMeter): number {
  let i = at;
  for (const c of 'http') {
    meter.steps++;
    if (i >= end || lower(text.charCodeAt(i)) !== c.charCodeAt(0)) return NO_SCHEME;
    i++;
  }
  if (i < end && lower(text.charCodeAt(i)) === 's'.charCodeAt(0)) i++;
  for (const c of '://') {
    meter.steps++;
    if (i >= end || text.charCodeAt(i) !== c.charCodeAt(0)) return NO_SCHEME;
    i++;
  }
  const hostStart = i;
  while (i < end && text.charCodeAt(i) !== SLASH) {
    meter.steps++;
    i++;
  }
  if (i === hostStart) return NO_HOST;
  return i < end ? i : NO_PATH;
}

/** `/owner/name/issues/`, lower case (what precedes the number in an issue's URL), ready to search. */
interface Needle {
  text: string;
  length: number;
  fail: number[];
}

function needleOf(repo: string, meter: StepMeter): Needle {
  const text = `/${repo}/issues/`.toLowerCase();
  return { text, length: text.length, fail: failureTable(text, meter) };
}

/**
 * Calls `found` with the index just after each occurrence of `needle` (ASCII, lower case) in
 * text[start, end), compared without regard to ASCII case: Knuth-Morris-Pratt, so each character is
 * examined a bounded number of times.
 */
function forEachOccurrence(
  text: string,
  start: number,
  end: number,
  { text: needle, fail }: Needle,
  meter: StepMeter,
  found: (after: number) => void,
): void {
  let matched = 0;
  for (let i = start; i < end; i++) {
    const c = lower(text.charCodeAt(i));
    meter.steps++;
    while (matched > 0 && needle.charCodeAt(matched) !== c) {
      meter.steps++;
      matched = fail[matched - 1] ?? 0;
    }
    if (needle.charCodeAt(matched) === c) matched++;
    if (matched === needle.length) {
      found(i + 1);
      matched = fail[matched - 1] ?? 0;
    }
  }
}

function failureTable(needle: string, meter: StepMeter): number[] {
  const fail = new Array<number>(needle.length).fill(0);
  let k = 0;
  for (let i = 1; i < needle.length; i++) {
    meter.steps++;
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) k = fail[k - 1] ?? 0;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    fail[i] = k;
  }
  return fail;
}

/** `#N` after the start, a space, `(` or `:`, with 1 to 8 digits and no word character after them. */
function findHashRef(text: string, meter: StepMeter): number | null {
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    if (text.charCodeAt(i) !== HASH) continue;
    const before = i === 0 ? -1 : text.charCodeAt(i - 1);
    if (before !== -1 && before !== PAREN && before !== COLON && !isSpace(before)) continue;
    const digits = digitRun(text, i + 1, text.length, meter);
    if (digits < 1 || digits > MAX_DIGITS) continue;
    const next = text.charCodeAt(i + 1 + digits);
    if (Number.isNaN(next) || !isWordChar(next)) return toIssueNumber(text.slice(i + 1, i + 1 + digits));
  }
  return null;
}

/** How many digits start at `at` (counting no further than one past the most a number may have). */
function digitRun(text: string, at: number, end: number, meter: StepMeter): number {
  let n = 0;
  while (at + n < end && n <= MAX_DIGITS && isDigit(text.charCodeAt(at + n))) {
    meter.steps++;
    n++;
  }
  return n;
}

function toIssueNumber(digits: string | undefined): number | null {
  const n = Number(digits);
  return Number.isInteger(n) && n > 0 && n < MAX_ISSUE ? n : null;
}

const LT = 0x3c;
const GT = 0x3e;
const PIPE = 0x7c;
const SLASH = 0x2f;
const HASH = 0x23;
const QUESTION = 0x3f;
const PAREN = 0x28;
const COLON = 0x3a;

/** Where a link ends: white space (as `\s` counts it), `<`, `>` and `|` (Slack's `<url|label>`). */
function isDelimiter(c: number): boolean {
  return c === LT || c === GT || c === PIPE || isSpace(c);
}

function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** ASCII lower case; other characters as they are (a case-insensitive match of ASCII text). */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}
