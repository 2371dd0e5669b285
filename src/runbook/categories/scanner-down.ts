import type { FailedCheck, ScannerEvidence } from '../evidence.js';
import { environmentLine, scannerLine } from '../evidence-lines.js';
import { runbookLink } from '../links.js';
import { scannersVerdict, scannerVerdict } from '../reach.js';
import { inconclusive, MATCH, NO_MATCH } from '../rules/rule.js';
import { defineCategory } from './category.js';

/**
 * The target's scanner cannot scan: Nessus answers and is not ready, or Tenable.sc reports it in
 * error or disabled ("Checking the state of the Scanner nodes", "Scanner is down/unreachable?").
 * A Nessus API that does not answer while Tenable.sc cannot tell either leaves it unknown.
 */
export const scannerDown = defineCategory({
  name: 'scanner_down',
  rule(evidence) {
    const verdict = scannersVerdict(evidence.scanners);
    if (verdict === 'down') return MATCH;
    if (verdict !== 'unknown') return NO_MATCH;
    return inconclusive(...evidence.scanners.map(unknownScanner));
  },
  label: 'Scanner not ready',
  emoji: ':satellite_antenna:',
  hint: 'reset nessusd on the scanner, else OS reload + SOS ticket',
  fact: 'had a scanner that was not ready',
  section: 'scannerState',
  threadRank: 8,
  needsPerson: false,
  offers: ['recheck'],
  guide(f) {
    const down = f.evidence.scanners.filter((scanner) => scannerVerdict(scanner) === 'down');
    const names = down.map((scanner) => scanner.name);
    const name = names.join(' and ') || f.scanner;
    const silent = down.some((scanner) => scanner.nessus?.status !== 'ok');
    const first = down[0]?.nessus;
    const health = first?.status === 'ok' ? first.value.status : null;
    return {
      summary: silent
        ? `Tenable.sc cannot use scanner ${name}: bring the scanner back first`
        : `Scanner ${name} is not ready${health ? ` (${health})` : ''}: fix nessusd before anything else`,
      evidence: [...down.map(scannerLine), environmentLine(f.evidence)],
      fixes: [
        `On ${name}, check that nessusd listens on port 8834: \`ss -nltp | grep nessusd\`.`,
        'Read the logs in /opt/nessus/var/nessus/logs for errors.',
        'If they show errors, reset the service: `service nessusd stop`, then `/opt/nessus/sbin/nessuscli fix --reset-all`, then `service nessusd start`.',
        `If ${name} is down or unreachable and a reboot or power cycle does not bring it back, OS-reload it from IBM Cloud Classic Infrastructure (with the post-provision script and your SSH keys), wait for it to bootstrap and patch, reboot it, then raise an SOS support ticket for the SOS Vulnerability Scanning group giving its name and IP so it is re-initialised as a scanner.`,
        'Press Re-check when the scanner is ready; scanning resumes at the next scheduled cycle.',
      ],
      links: [
        runbookLink(f.context.links, 'scannerDown'),
        { label: 'IBM Cloud Classic Infrastructure devices', url: f.context.links.classicDevices },
        { label: 'SOS support ticket', url: f.context.links.sosSupportTicket },
      ],
    };
  },
});

/** Why a scanner's state is unknown, as the failed check a `check_failed` finding names. */
function unknownScanner(scanner: ScannerEvidence): FailedCheck {
  const tenable =
    scanner.tenable.status === 'failed'
      ? `Tenable.sc could not be asked (${scanner.tenable.reason})`
      : 'Tenable.sc lists no scanner of that name';
  const nessus =
    scanner.nessus === null
      ? `no Nessus API is configured for ${scanner.name}`
      : scanner.nessus.status === 'failed'
        ? `the Nessus API of ${scanner.name} did not answer (${scanner.nessus.reason})`
        : `${scanner.name} answered`;
  return { check: 'scanner_health', system: 'nessus', reason: `${nessus}, and ${tenable}` };
}
