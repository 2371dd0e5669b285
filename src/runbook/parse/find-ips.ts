/**
 * Finds the IPv4 addresses a report means as machines. A dotted-decimal run counts only when it is a
 * strict address on its own: not part of a URL, a longer dotted sequence, a CIDR, a range, a domain
 * name or a version number. `10.1.2.3:22` is the address 10.1.2.3.
 *
 * A hand-written scanner rather than a regex: one pass, no backtracking state, whatever the input.
 */
import { isIPv4 } from '../ip.js';
import { findUrlSpans } from './text.js';

export interface IpHit {
  ip: string;
  start: number;
  end: number;
}

const VERSION_BEFORE =
  /(?:^|[^a-z])(?:v|ver|version|versions|release|build|rev|revision|firmware|fw)\.? ?[:=#]? ?$/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function findIps(text: string): IpHit[] {
  const hits: IpHit[] = [];
  let urls: Array<[number, number]> | null = null;
  let urlIndex = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // The maximal run of digit groups joined by single dots, starting here.
    const start = i;
    let parts = 1;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (isDigit(code)) i++;
      else if (code === 46 && isDigit(text.charCodeAt(i + 1))) {
        parts++;
        i++;
      } else break;
    }
    if (parts !== 4 || i - start > 15) continue;
    const run = text.slice(start, i);
    if (!isIPv4(run) || !standsAlone(text, start, i)) continue;
    urls ??= findUrlSpans(text);
    while (urlIndex < urls.length && (urls[urlIndex] as [number, number])[1] <= start) urlIndex++;
    const url = urls[urlIndex];
    if (url && url[0] <= start) continue;
    hits.push({ ip: run, start, end: i });
  }
  return hits;
}

function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  if (/[A-Za-z0-9_./\\]/.test(before) || /[A-Za-z0-9_/\\]/.test(after)) return false;
  // 10.1.2.3.nip.io is a name; a dot followed by a space ends a sentence.
  if (after === '.' && /[A-Za-z0-9_-]/.test(text[end + 1] ?? ' ')) return false;
  // Ranges: 10.1.2.3-10.1.2.9 and 10.1.2.3-9, from either end.
  if ((after === '-' || after === '\u2013') && /\d/.test(text[end + 1] ?? ' ')) return false;
  if ((before === '-' || before === '\u2013') && /[\d.]/.test(text[start - 2] ?? ' ')) return false;
  const lead = text.slice(Math.max(0, start - 16), start).toLowerCase();
  return !VERSION_BEFORE.test(lead);
}
