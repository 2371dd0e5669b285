/**
 * Rows of any table (markdown, HTML, CSV/TSV) to observations. With a header, columns are read by
 * meaning; without one, or for columns nobody recognises, a cell counts only when its whole value is
 * unmistakable (an environment name, an interface word, a date, "never", a hostname).
 */
import type { InterfaceKind } from '../model.js';
import { type Column, classifyHeader } from './columns.js';
import { isWholeDate, parseDate } from './dates.js';
import { type Facts, fillFacts, newFacts, type Observation } from './facts.js';
import { findIps, type IpHit } from './find-ips.js';
import { readNamedValue } from './named-value.js';
import { cleanInline, normalizeForMatch } from './text.js';
import {
  environmentFromToken,
  hostnameFromCell,
  interfaceFromCell,
  interfaceFromToken,
  isLooseHostname,
  saysNeverScanned,
  trimToken,
} from './values.js';

export function parseTable(
  header: readonly string[] | null,
  rows: readonly (readonly string[])[],
): Observation[] {
  const columns = header ? header.map(classifyHeader) : [];
  const ipColumns = columns.map((c) => c.kind === 'ip');
  const anyIpColumn = ipColumns.includes(true);
  const observations: Observation[] = [];
  for (const raw of rows) {
    const cells = raw.map((cell) => cleanInline(cell).replace(/\s+/g, ' ').trim());
    for (const observation of parseRow(cells, columns, anyIpColumn ? ipColumns : null))
      observations.push(observation);
  }
  return observations;
}

/** `ipColumns[i]`: column i holds IPs. With no IP column (null), any cell holding an IP is one. */
function parseRow(
  cells: readonly string[],
  columns: readonly Column[],
  ipColumns: readonly boolean[] | null,
): Observation[] {
  const named = newFacts();
  const inferred = newFacts();
  const ipCells: Array<{ text: string; hits: IpHit[]; hint: InterfaceKind | null }> = [];
  cells.forEach((cell, index) => {
    const column = columns[index];
    const isIpColumn = ipColumns?.[index] === true;
    const hits = ipColumns === null || isIpColumn ? findIps(cell) : [];
    if (hits.length > 0 || isIpColumn) {
      ipCells.push({ text: cell, hits, hint: column?.kind === 'ip' ? column.hint : null });
      return;
    }
    if (column && column.kind !== 'other') readNamedValue(cell, column, named);
    else inferCell(cell, inferred);
  });
  fillFacts(named, inferred);

  const observations: Observation[] = [];
  for (const { text, hits, hint } of ipCells) {
    for (const hit of hits) {
      const own = newFacts();
      // A cell holding one IP may qualify it: "10.1.2.3 (private)"; with several IPs the words are shared.
      const near =
        hits.length === 1
          ? `${text.slice(Math.max(0, hit.start - 300), hit.start)} ${text.slice(hit.end, hit.end + 300)}`
          : '';
      const words = near.split(' ');
      if (saysNeverScanned(normalizeForMatch(near))) own.neverScanned = true;
      const kinds = new Set<InterfaceKind>();
      for (const word of words) {
        const token = trimToken(word);
        const kind = interfaceFromToken(token);
        if (kind) kinds.add(kind);
        if (!own.hostname && isLooseHostname(token)) own.hostname = token;
      }
      own.interface = (kinds.size === 1 ? [...kinds][0] : undefined) ?? hint ?? undefined;
      fillFacts(own, named);
      observations.push({ ip: hit.ip, facts: own });
    }
  }
  return observations;
}

/** A cell of an unknown column: only an unmistakable whole value counts. */
function inferCell(cell: string, facts: Facts): void {
  if (!cell || cell.length > 300) {
    if (cell && saysNeverScanned(normalizeForMatch(cell.slice(0, 2000)))) facts.neverScanned = true;
    return;
  }
  const normalized = normalizeForMatch(cell);
  if (normalized === 'never' || saysNeverScanned(normalized)) {
    facts.neverScanned = true;
    return;
  }
  if (isWholeDate(cell)) {
    facts.lastScan ??= parseDate(cell) ?? undefined;
    return;
  }
  const single = !/\s/.test(cell);
  if (single) {
    const token = trimToken(cell);
    const environment = environmentFromToken(token);
    if (environment) {
      facts.environment ??= environment;
      return;
    }
    const host = hostnameFromCell(cell);
    if (host && (isLooseHostname(host) || (host.includes('-') && /^[a-z][a-z0-9-]*[a-z0-9]$/.test(host)))) {
      facts.hostname ??= host;
      return;
    }
  }
  facts.interface ??= interfaceFromCell(cell, true) ?? undefined;
}
