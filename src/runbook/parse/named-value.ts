/** The value of a recognised column or key ("Host", "Scan attempted", ...) read as what the column says it is. */
import type { Column } from './columns.js';
import { parseDate } from './dates.js';
import type { Facts } from './facts.js';
import { normalizeForMatch } from './text.js';
import {
  attemptValueIsNever,
  environmentFromCell,
  hostnameFromCell,
  interfaceFromCell,
  isTruthy,
  saysNeverScanned,
} from './values.js';

/**
 * Fills `facts` from one value. A "Scan attempted" date is not a scan: it says when a scan was tried
 * (and failed), so only its "never" is used; the last-scan date comes from the last-scan column.
 */
export function readNamedValue(value: string, column: Column, facts: Facts): void {
  // Nothing a column holds is longer than this; reading less keeps a giant cell cheap.
  const cell = value.slice(0, 500);
  const normalized =
    column.kind === 'lastScan' || column.kind === 'attempted' || column.kind === 'never'
      ? normalizeForMatch(cell)
      : '';
  switch (column.kind) {
    case 'host':
      facts.hostname ??= hostnameFromCell(cell) ?? undefined;
      return;
    case 'interface':
      facts.interface ??= interfaceFromCell(cell) ?? undefined;
      return;
    case 'environment':
      facts.environment ??= environmentFromCell(cell) ?? undefined;
      return;
    case 'lastScan':
      if (/^never\b/.test(normalized) || saysNeverScanned(normalized)) facts.neverScanned = true;
      else facts.lastScan ??= parseDate(cell) ?? undefined;
      return;
    case 'attempted':
      if (attemptValueIsNever(normalized) || saysNeverScanned(normalized)) facts.neverScanned = true;
      return;
    case 'never':
      if (isTruthy(normalized)) facts.neverScanned = true;
      return;
    default:
      return;
  }
}
