/**
 * Last-scan dates in the formats people and tools write, normalised to `YYYY-MM-DD`. Numeric
 * day/month orders are read only when unambiguous (31/01/2025, 01/31/2025); 03/04/2025 could be either
 * and gives null rather than a guess. Every quantifier is bounded, so long inputs cost one pass.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = `(${MONTHS.join('|')})[a-z]{0,6}\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';

const DATE_PATTERN = new RegExp(
  [
    '(?<![0-9.])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![0-9])',
    '(?<![0-9.])(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})(?![0-9.])',
    `(?<![a-z])${MONTH}[ ]{0,2}(\\d{1,2})${ORDINAL},?[ ]{0,2}(\\d{4})(?![0-9])`,
    `(?<![0-9])(\\d{1,2})${ORDINAL}[ -]{0,2}${MONTH},?[ -]{0,2}(\\d{4})(?![0-9])`,
  ].join('|'),
  'gi',
);

export interface DateHit {
  iso: string;
  start: number;
  end: number;
}

/** Every valid date in the text, in order. */
export function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  if (!/\d{4}/.test(text)) return hits;
  const flat = text.replace(/\t/g, ' ');
  DATE_PATTERN.lastIndex = 0;
  for (let m = DATE_PATTERN.exec(flat); m !== null; m = DATE_PATTERN.exec(flat)) {
    const iso = toIso(m);
    if (iso) hits.push({ iso, start: m.index, end: m.index + m[0].length });
  }
  return hits;
}

/** The first valid date in the text, as `YYYY-MM-DD`. */
export function parseDate(text: string): string | null {
  return findDates(text.slice(0, 500))[0]?.iso ?? null;
}

/** True when the text is a date and nothing else besides a time of day and a zone. */
export function isWholeDate(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 64) return false;
  const hit = findDates(trimmed)[0];
  if (!hit) return false;
  const rest = (trimmed.slice(0, hit.start) + trimmed.slice(hit.end)).replace(
    /\b(?:utc|gmt|z|t|am|pm)\b/gi,
    '',
  );
  return /^[\s\d:.,+\-()TZ]*$/.test(rest);
}

function toIso(m: RegExpMatchArray): string | null {
  const g = (i: number): string => m[i] ?? '';
  if (m[1] !== undefined) return build(Number(g(1)), Number(g(2)), Number(g(3)));
  if (m[4] !== undefined) {
    const a = Number(g(4));
    const b = Number(g(5));
    const year = Number(g(6));
    if (a > 12 && b <= 12) return build(year, b, a);
    if (b > 12 && a <= 12) return build(year, a, b);
    return a === b ? build(year, a, b) : null;
  }
  if (m[7] !== undefined) return build(Number(g(9)), monthNumber(g(7)), Number(g(8)));
  return build(Number(g(12)), monthNumber(g(11)), Number(g(10)));
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function build(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
