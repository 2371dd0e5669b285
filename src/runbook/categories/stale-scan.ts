import { lastScanLine, probeLines, scanSourcesLine } from '../evidence-lines.js';
import { inconclusive, matchIf, NO_MATCH, need } from '../rules/rule.js';
import { isStale, newestScan, reportScan } from '../scan-dates.js';
import { defineCategory } from './category.js';

/**
 * "Machine reports scan date > 1 year": it answers its scanner, and the newest of the report's date
 * and Tenable.sc's last runs is over a year old. It comes after `unreachable`: an old date on a host
 * that answers nothing is the missing ping, not a tooling bug. A recent date in the report settles
 * it without Tenable.sc; an old or missing one needs Tenable.sc to be sure nothing newer exists.
 */
export const staleScan = defineCategory({
  name: 'stale_scan',
  rule(evidence, { now }) {
    const fromReport = reportScan(evidence);
    if (fromReport && !isStale(fromReport.at, now)) return NO_MATCH;
    const tenable = need(evidence.lastScan);
    if (!tenable.ok) return inconclusive(tenable.failed);
    const newest = newestScan(evidence);
    return matchIf(newest !== null && isStale(newest.at, now));
  },
  label: 'Last scan over a year ago',
  emoji: ':calendar:',
  hint: 'SOS service request: scan tooling bug',
  fact: 'had not been scanned for over a year',
  section: 'staleScan',
  threadRank: 13,
  needsPerson: false,
  offers: ['recheck'],
  guide(f) {
    const newest = newestScan(f.evidence);
    const day = newest ? newest.at.toISOString().slice(0, 10) : 'unknown';
    return {
      summary: `Last scanned ${day}, over a year ago, though it answers its scanner: a scanning tooling problem for the SOS team`,
      evidence: [
        ...(newest ? [lastScanLine(newest, isStale(newest.at, f.context.now))] : []),
        scanSourcesLine(f.evidence),
        ...probeLines(f.ip, f.evidence),
      ],
      fixes: [
        'A last scan over a year old on a machine that answers points at a bug in the scanning tooling rather than at the machine.',
        `Open a service request to the SOS team in the IBM Cloud Employee Service Portal (Catalog > Service Request), assigned to the SOS Vulnerability scanning group with C_Code ALC, naming ${f.ip} (${f.host}) and its last scan date ${day}.`,
      ],
      links: [{ label: 'IBM Cloud Employee Service Portal', url: f.context.links.sosServiceRequest }],
    };
  },
});
