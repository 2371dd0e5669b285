/** Typed builders for findings and reports: complete objects, overrides on top. */
import type { Finding, InvestigationReport } from '../../../../src/runbook/finding.js';
import { CATEGORIES, type Category } from '../../../../src/runbook/model.js';
import { countByCategory } from '../../../../src/runbook/report/json.js';

export function buildFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ip: '10.10.1.11',
    hostname: 'prod-dal10-carrier4-worker-01',
    interface: 'private',
    environment: 'PROD-US-SOUTH',
    category: 'not_in_account',
    summary: 'No device or subnet in the IBM Cloud account holds this IP.',
    evidence: [
      'No hardware server or virtual guest uses 10.10.1.11.',
      'No account subnet contains 10.10.1.11.',
    ],
    fixes: ['Set Environment to NOTALCHEMY in Inventory.', 'Comment on the gap issue.'],
    actions: ['mark_notalchemy'],
    links: [
      { label: 'Inventory: search 10.10.1.11', url: 'https://inventory.example/servers?search=10.10.1.11' },
    ],
    scanner: 'prod-dal09-infra-nessus-01',
    device: null,
    failedChecks: [],
    ...overrides,
  };
}

export function buildReport(
  findings: Finding[],
  overrides: Partial<InvestigationReport> = {},
): InvestigationReport {
  return {
    issue: { repo: 'alchemy-conductors/alcatraz', number: 4711, title: 'GAP ALERT - unscanned machines' },
    findings,
    counts: countByCategory(findings),
    systemsDown: [],
    scanners: [],
    checkedAt: '2026-11-26T09:02:31.000Z',
    ...overrides,
  };
}

/** The IP of the n-th generated finding: distinct for n below 65,536. */
export function nthIp(n: number): string {
  return `10.${Math.floor(n / 256) % 256}.${n % 256}.${1 + (Math.floor(n / 65536) % 254)}`;
}

/** One finding per category, in `CATEGORIES` order, each with its own IP and hostname. */
export function oneFindingPerCategory(): Finding[] {
  return CATEGORIES.map((category, index) =>
    buildFinding({ category, ip: nthIp(index), hostname: `host-${category.replaceAll('_', '-')}` }),
  );
}

/** `count` findings spread over the categories, with realistic evidence and fix lengths. */
export function manyFindings(count: number, categories: readonly Category[] = CATEGORIES): Finding[] {
  return Array.from({ length: count }, (_, n) => {
    const ip = nthIp(n);
    return buildFinding({
      ip,
      hostname: `prod-dal10-carrier${n % 9}-worker-${String(n).padStart(4, '0')}`,
      category: categories[n % categories.length] ?? 'reachable',
      evidence: [
        `No hardware server or virtual guest of the account uses ${ip}.`,
        `No account subnet contains ${ip}; checked 214 subnets.`,
        `Tenable.sc has no scan data for ${ip}.`,
      ],
      fixes: [
        `Search \`${ip}\` in the Inventory dashboard and set Environment to NOTALCHEMY.`,
        'Comment on the gap issue that the machine is not ours.',
      ],
      links: [{ label: `Inventory: search ${ip}`, url: `https://inventory.example/servers?search=${ip}` }],
    });
  });
}
