/** GitHub-flavoured markdown tables: `| a | b |` rows, a `|---|---|` separator under the header. */
import { looksLikeHeader } from './columns.js';
import type { Observation } from './facts.js';
import { parseTable } from './table.js';

/** A separator row: only pipes, dashes, colons and spaces, with at least one pipe and one dash. */
export function isSeparatorRow(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.includes('|') && trimmed.includes('-') && /^[|:\- \t]+$/.test(trimmed);
}

/** Whether the line at `index` opens a table: it starts with a pipe, or the next line is a separator. */
export function startsMarkdownTable(lines: readonly string[], index: number): boolean {
  const line = lines[index] as string;
  if (!line.includes('|')) return false;
  if (line.trimStart().startsWith('|')) return true;
  const next = lines[index + 1];
  return next !== undefined && isSeparatorRow(next);
}

/** Splits `| a | b \| c |` into cells, honouring `\|` escapes. */
export function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  if (!text.includes('\\|')) return text.split('|');
  return text.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
}

export function parseMarkdownTable(lines: readonly string[]): Observation[] {
  const separator = lines.findIndex(isSeparatorRow);
  const rows = lines.filter((line) => !isSeparatorRow(line)).map(splitRow);
  const headerAbove = separator > 0 ? splitRow(lines[separator - 1] as string) : null;
  if (headerAbove && looksLikeHeader(headerAbove)) {
    const header = headerAbove;
    const body = lines.filter((line, i) => i !== separator - 1 && !isSeparatorRow(line)).map(splitRow);
    return parseTable(header, body);
  }
  const first = rows[0];
  if (!headerAbove && first && looksLikeHeader(first)) return parseTable(first, rows.slice(1));
  return parseTable(null, rows);
}
