import { coverageLine, deviceLine, probeLines, scannerLine } from '../evidence-lines.js';
import { scannerVerdict } from '../reach.js';
import { MATCH } from '../rules/rule.js';
import { defineCategory } from './category.js';
import type { Facts } from './facts.js';

/** The target's scanners whose two views disagree: Nessus silent, Tenable.sc saying it works. */
function conflicts(f: Facts): string[] {
  return f.evidence.scanners.filter((scanner) => scannerVerdict(scanner) === 'conflict').map((s) => s.name);
}

/**
 * Everything else: the last rule always matches. In the registry's order every earlier rule has been
 * passed, `unreachable` included, so the target answered ping and every check that mattered was made.
 */
export const reachable = defineCategory({
  name: 'reachable',
  rule: () => MATCH,
  label: 'Reachable, not scanned yet',
  emoji: ':signal_strength:',
  hint: 'launch a scan, or wait for the next cycle',
  fact: 'answered its scanner',
  section: 'scannerState',
  threadRank: 15,
  needsPerson: true,
  offers: ['launch_scan', 'recheck'],
  guide: (f) => ({
    summary: `Answers ping from ${f.scanner} and no cause was found: it should be scanned at the next cycle`,
    evidence: [
      ...probeLines(f.ip, f.evidence),
      ...f.evidence.scanners.map(scannerLine),
      ...(f.device ? [deviceLine(f.device)] : []),
      coverageLine(f.ip, f.evidence.assetLists, 'asset list'),
      coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
    ],
    fixes: [
      ...conflicts(f).map(
        (name) =>
          `The Nessus API of ${name} did not answer while Tenable.sc says it works: check nessusd on ${name} (\`ss -nltp | grep nessusd\`) before launching a scan; the bot offers none while the two disagree.`,
      ),
      `Nothing blocks ${f.ip} any more: the next scheduled scan should cover it.`,
      'To scan it now, launch its scan (Launch scan here, or the arrow next to the scan name in Security Center); Scans > Active scans shows it running.',
      'If the next report still lists it, ask the SOS team through a service request (SOS Vulnerability scanning group).',
    ],
    links: [
      { label: 'Security Center', url: f.context.links.securityCenter },
      { label: 'IBM Cloud Employee Service Portal', url: f.context.links.sosServiceRequest },
    ],
  }),
});
