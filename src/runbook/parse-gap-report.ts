/**
 * The unscanned machines of an Alcatraz gap issue (docs/contract.md section 3). The issue format is not
 * ours and drifts, so the body is read the way a person would: markdown and HTML tables with any
 * column order and wording, CSV/TSV in code blocks, bullets, `key: value` lines and plain sentences.
 *
 * It never invents a target: an address counts only where a reader would take it for a machine (not
 * inside a URL, a CIDR, a range, a version or a longer dotted number). It never throws, and its cost
 * is linear in the body, whatever an untrusted body holds.
 */
import type { Target } from './model.js';
import { parseDelimitedBlock } from './parse/delimited.js';
import { mergeObservations } from './parse/facts.js';
import { findIps } from './parse/find-ips.js';
import { parseHtmlTable } from './parse/html-table.js';
import { parseMarkdownTable, startsMarkdownTable } from './parse/markdown-table.js';
import { sanitizeBody, stripTags } from './parse/text.js';
import { ReportWalker } from './parse/walker.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$/;

export function parseGapReport(body: string): Target[] {
  const text = sanitizeBody(typeof body === 'string' ? body : String(body ?? ''));
  if (!/\d\.\d/.test(text)) return [];
  try {
    return readReport(text);
  } catch {
    // Defence in depth: should some input still defeat the reader, list the addresses bare rather
    // than lose them or fail the investigation.
    return mergeObservations(findIps(text).map((hit) => ({ ip: hit.ip, facts: {} })));
  }
}

function readReport(text: string): Target[] {
  const lines = text.split('\n').map(stripBlockquote);
  const walker = new ReportWalker();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const fence = FENCE.exec(line);
    if (fence) {
      i = readCodeBlock(lines, i, fence[1] as string, walker);
      continue;
    }
    if (line.includes('<') && /<table\b/i.test(line)) {
      i = readHtmlBlock(lines, i, walker);
      continue;
    }
    if (startsMarkdownTable(lines, i)) {
      let end = i;
      while (
        end < lines.length &&
        (lines[end] as string).includes('|') &&
        (lines[end] as string).trim() !== ''
      )
        end++;
      walker.endBlock();
      walker.addObservations(parseMarkdownTable(lines.slice(i, end)));
      i = end;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading)
      walker.heading((heading[1] as string).length, (heading[2] as string).replace(/[ \t]#+[ \t]*$/, ''));
    else walker.line(line);
    i++;
  }
  return mergeObservations(walker.result());
}

/** `> > text` -> `text`; a loop, as a regex with a repeated group can exhaust the stack on a long run. */
function stripBlockquote(line: string): string {
  let end = 0;
  for (;;) {
    let i = end;
    while (i - end < 3 && line[i] === ' ') i++;
    if (line[i] !== '>') break;
    i++;
    if (line[i] === ' ') i++;
    end = i;
  }
  return end === 0 ? line : line.slice(end);
}

/** A fenced block: a table if it is CSV/TSV/aligned columns, else plain lines. Returns the next index. */
function readCodeBlock(lines: readonly string[], start: number, fence: string, walker: ReportWalker): number {
  const marker = fence[0] as string;
  let end = start + 1;
  while (end < lines.length && !isClosingFence(lines[end] as string, marker, fence.length)) end++;
  const content = lines.slice(start + 1, end);
  walker.endBlock();
  const table = parseDelimitedBlock(content);
  if (table) walker.addObservations(table);
  else for (const line of content) walker.line(line);
  walker.endBlock();
  return end + 1;
}

function isClosingFence(line: string, marker: string, length: number): boolean {
  const trimmed = line.trim();
  if (trimmed.length < length || line.length - line.trimStart().length > 3) return false;
  for (const ch of trimmed) if (ch !== marker) return false;
  return true;
}

/** Lines from a `<table` to its `</table>`: each table parsed, text around the tables read as lines. */
function readHtmlBlock(lines: readonly string[], start: number, walker: ReportWalker): number {
  let end = start;
  while (end < lines.length && !/<\/table\s*>/i.test(lines[end] as string)) end++;
  const chunk = lines.slice(start, end + 1).join('\n');
  const lower = chunk.toLowerCase();
  walker.endBlock();
  let from = 0;
  let open = lower.indexOf('<table', from);
  while (open >= 0) {
    readLines(chunk.slice(from, open), walker);
    const close = lower.indexOf('</table', open);
    const stop = close < 0 ? chunk.length : close;
    walker.endBlock();
    walker.addObservations(parseHtmlTable(chunk.slice(open, stop)));
    from = close < 0 ? chunk.length : lower.indexOf('>', close) + 1 || chunk.length;
    open = lower.indexOf('<table', from);
  }
  readLines(chunk.slice(from), walker);
  walker.endBlock();
  return end + 1;
}

function readLines(text: string, walker: ReportWalker): void {
  if (text.trim() === '') return;
  for (const line of stripTags(text).split('\n')) walker.line(line);
}
