/**
 * The report's scanners section: every scanner the targets need, with what its own API and
 * Tenable.sc say, whatever the targets' causes ("Checking the state of the Scanner nodes"). A
 * scanner stuck loading is reported even when every target behind it has a cause of its own.
 */
import type { Evidence, ScannerEvidence } from '../evidence.js';
import type { ScannerReport } from '../finding.js';
import { scannerVerdict } from '../reach.js';

export function scannerReports(evidence: readonly Evidence[]): ScannerReport[] {
  const byName = new Map<string, { scanner: ScannerEvidence; targets: number }>();
  for (const item of evidence) {
    for (const scanner of item.scanners) {
      const entry = byName.get(scanner.name);
      if (entry) entry.targets += 1;
      else byName.set(scanner.name, { scanner, targets: 1 });
    }
  }
  return [...byName.values()]
    .map(({ scanner, targets }) => toReport(scanner, targets))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function toReport(scanner: ScannerEvidence, targets: number): ScannerReport {
  const { nessus, tenable } = scanner;
  return {
    name: scanner.name,
    nessus: nessus === null ? 'not configured' : nessus.status === 'ok' ? nessus.value.status : 'no answer',
    nessusReason: nessus?.status === 'failed' ? nessus.reason : null,
    tenable: tenable.status === 'failed' ? 'unknown' : (tenable.value?.condition ?? 'not listed'),
    tenableStatus: tenable.status === 'ok' ? (tenable.value?.status ?? null) : null,
    verdict: scannerVerdict(scanner),
    targets,
  };
}

/**
 * `prod-dal09-infra-nessus-01 loading (40%), Tenable.sc: Updating Plugins, Working`: one scanner as
 * both views see it, in plain words, and how often it went down lately when the history says
 * (`; down 3 times in 30 days (1 day 7 hours)`). Names and statuses come from the APIs: renderers escape them.
 */
export function describeScanner(scanner: ScannerReport, downPhrase?: string): string {
  const tenable =
    scanner.tenable === 'unknown'
      ? ', Tenable.sc could not be asked'
      : scanner.tenable === 'not listed'
        ? ', not listed by Tenable.sc'
        : `, Tenable.sc: ${scanner.tenableStatus ?? scanner.tenable}`;
  const history = downPhrase === undefined ? '' : `; ${downPhrase}`;
  return `${scanner.name} ${scanner.nessus}${tenable}${history}`;
}

/** The scanners that need a look first, then the others: a person reads the problems first. */
export function scannersByConcern(scanners: readonly ScannerReport[]): ScannerReport[] {
  const rank = { down: 0, unknown: 1, conflict: 2, ready: 3 } as const;
  return [...scanners].sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.name.localeCompare(b.name));
}
