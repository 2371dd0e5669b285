/**
 * CSV, TSV and column-aligned text inside fenced code blocks. A block counts as a table when its
 * first line is a recognisable header, or when every line with an IP splits into the same number of
 * cells; anything else (a log, a netmax paste) is read as ordinary lines by the caller.
 */
import { looksLikeHeader } from './columns.js';
import type { Observation } from './facts.js';
import { findIps } from './find-ips.js';
import { parseTable } from './table.js';

type Splitter = (line: string) => string[];

/** Observations of a delimited block, or null when the block is not a table. */
export function parseDelimitedBlock(lines: readonly string[]): Observation[] | null {
  const content = lines.filter((line) => line.trim() !== '');
  const first = content[0];
  if (first === undefined) return null;
  const split = chooseSplitter(first);
  const header = split(first);
  if (header.length >= 2 && looksLikeHeader(header)) {
    return parseTable(header, content.slice(1).map(split));
  }
  if (split === splitOnSpaces) return null;
  const rows = content.map(split);
  const withIps = rows.filter((row) => row.some((cell) => findIps(cell).length > 0));
  const width = withIps[0]?.length ?? 0;
  if (width < 2 || withIps.some((row) => row.length !== width)) return null;
  return parseTable(null, rows);
}

function chooseSplitter(first: string): Splitter {
  if (first.includes('\t')) return (line) => splitQuoted(line, '\t');
  if (first.includes(',')) return (line) => splitQuoted(line, ',');
  if (first.includes(';')) return (line) => splitQuoted(line, ';');
  return /\S {2,}\S/.test(first) ? splitOnWideSpaces : splitOnSpaces;
}

const splitOnWideSpaces: Splitter = (line) => line.trim().split(/ {2,}|\t/);
const splitOnSpaces: Splitter = (line) => line.trim().split(/\s+/);

/** RFC 4180 cells on one line: `"a, b"` is one cell, `""` inside quotes is a quote. */
function splitQuoted(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
