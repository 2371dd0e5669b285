/**
 * Evidence that did not decide the category is still shown: the category is the first thing to do,
 * not the only thing seen. An old scan date on a host that answers nothing, a ticket that names the
 * host without being a decommission record, a row of the report that named another environment, a
 * scanner that is loading while its host is powered off.
 */
import type { Category } from './categories/index.js';
import type { DiagnosisContext } from './context.js';
import { sortTickets, ticketVerdict } from './decommission-record.js';
import type { Evidence } from './evidence.js';
import { lastScanLine, scannerLine, ticketLine } from './evidence-lines.js';
import { scannerVerdict } from './reach.js';
import { isStale, newestScan } from './scan-dates.js';

const PREFIX = 'also seen: ';

export function alsoSeen(
  evidence: Evidence,
  category: Category,
  context: DiagnosisContext,
  shown: readonly string[],
): string[] {
  const lines: string[] = [];
  const newest = newestScan(evidence);
  if (category !== 'stale_scan' && newest && isStale(newest.at, context.now)) {
    lines.push(lastScanLine(newest, true));
  }
  const tickets = sortTickets(evidence, context);
  for (const ticket of [
    ...(tickets?.records ?? []),
    ...(tickets?.others.map((other) => other.ticket) ?? []),
  ]) {
    lines.push(ticketLine(ticket, ticketVerdict(ticket, context)));
  }
  const { overruled, environment } = evidence.assignment;
  if (overruled.length > 0) {
    lines.push(
      `the report also lists this IP under ${overruled.join(', ')}; where the machine is says ${environment}, whose scanner was used`,
    );
  }
  if (category !== 'scanner_down') {
    for (const scanner of evidence.scanners) {
      if (scannerVerdict(scanner) !== 'ready') lines.push(scannerLine(scanner));
    }
  }
  return lines.filter((line) => !shown.includes(line)).map((line) => `${PREFIX}${line}`);
}
