/**
 * What the probes and the scanners' two views add up to. The runbook pings from "the appropriate
 * nessus machine"; where the bot asked several scanners (the host's location did not say which is
 * its own), any answer counts.
 */
import type { Check, Evidence, Probe, Reachability, ScannerEvidence } from './evidence.js';
import { failed, ok } from './evidence.js';

/**
 * Reachability over several probes: answered when any probe got a ping; silent when every probe was
 * made and none got one; otherwise (some probes failed, none answered) unknown, as a failed check.
 */
export function combinedReachability(probes: readonly Probe[], skipped: string | null): Check<Reachability> {
  if (probes.length === 0) return failed('ping', 'probe', skipped ?? 'the probe was not made');
  const made = probes.flatMap((probe) => (probe.result.status === 'ok' ? [probe.result.value] : []));
  const tcp22 = anyTcp22(made);
  if (made.some((reach) => reach.ping)) return ok({ ping: true, tcp22 });
  const failure = probes.find((probe) => probe.result.status === 'failed')?.result;
  if (failure?.status === 'failed') {
    // A port that answered proves the host is up even when another probe could not be made.
    if (tcp22 === true) return ok({ ping: false, tcp22 });
    return failure;
  }
  return ok({ ping: false, tcp22 });
}

function anyTcp22(made: readonly Reachability[]): boolean | null {
  if (made.some((reach) => reach.tcp22 === true)) return true;
  return made.some((reach) => reach.tcp22 === false) ? false : null;
}

export function reachabilityOf(evidence: Evidence): Check<Reachability> {
  return combinedReachability(evidence.probes, evidence.probeSkipped);
}

/**
 * One scanner's state for the rules:
 * - `ready`: Nessus says ready and Tenable.sc can use it (or does not list it);
 * - `down`: Nessus answers and is not ready, or Tenable.sc reports it in error or disabled (scans
 *   run through Tenable.sc: if it cannot use the scanner, nothing behind it is scanned);
 * - `conflict`: Nessus does not answer while Tenable.sc says it works: the views disagree;
 * - `unknown`: Nessus does not answer (or is not configured) and Tenable.sc cannot tell.
 */
export type ScannerVerdict = 'ready' | 'down' | 'conflict' | 'unknown';

export function scannerVerdict(scanner: ScannerEvidence): ScannerVerdict {
  const tenable = scanner.tenable.status === 'ok' ? scanner.tenable.value : null;
  const tenableDown = tenable?.condition === 'error' || tenable?.condition === 'disabled';
  if (scanner.nessus?.status === 'ok') {
    if (!scanner.nessus.value.ready || tenableDown) return 'down';
    return 'ready';
  }
  if (tenableDown) return 'down';
  if (!tenable) return 'unknown';
  // No Nessus API configured: Tenable.sc's word is the only one. Configured and silent: they disagree.
  return scanner.nessus === null ? 'ready' : 'conflict';
}

/**
 * The target's scanners together: down when every one is down (with several asked, one that works
 * is enough), ready when one is ready, otherwise what the others say.
 */
export function scannersVerdict(scanners: readonly ScannerEvidence[]): ScannerVerdict | null {
  if (scanners.length === 0) return null;
  const verdicts = scanners.map(scannerVerdict);
  if (verdicts.includes('ready')) return 'ready';
  if (verdicts.every((verdict) => verdict === 'down')) return 'down';
  if (verdicts.includes('conflict')) return 'conflict';
  return 'unknown';
}
