/** `<table>` markup as GitHub renders it: rows of `<th>`/`<td>` cells, inner markup reduced to text. */
import { looksLikeHeader } from './columns.js';
import type { Observation } from './facts.js';
import { parseTable } from './table.js';

interface HtmlRow {
  cells: string[];
  headerCells: boolean;
}

export function parseHtmlTable(html: string): Observation[] {
  const rows = readRows(html);
  const first = rows[0];
  if (!first) return [];
  const isHeader = first.headerCells || looksLikeHeader(first.cells);
  const body = (isHeader ? rows.slice(1) : rows).map((row) => row.cells);
  return parseTable(isHeader ? first.cells : null, body);
}

function readRows(html: string): HtmlRow[] {
  const rows: HtmlRow[] = [];
  for (const chunk of html.split(/<tr\b[^<>]*>/i).slice(1)) {
    const pieces = chunk.split(/<(t[hd])\b[^<>]*>/i);
    const cells: string[] = [];
    let headerCells = false;
    // split() with a capture group alternates: text, tag name, cell text, tag name, cell text...
    for (let i = 1; i + 1 < pieces.length; i += 2) {
      if ((pieces[i] as string).toLowerCase() === 'th') headerCells = true;
      cells.push(cutAtClose(pieces[i + 1] as string));
    }
    if (cells.length > 0) rows.push({ cells, headerCells });
  }
  return rows;
}

function cutAtClose(cell: string): string {
  const lower = cell.toLowerCase();
  let end = cell.length;
  for (const tag of ['</td', '</th', '</tr', '</table', '<table']) {
    const at = lower.indexOf(tag);
    if (at >= 0 && at < end) end = at;
  }
  return cell.slice(0, end);
}
