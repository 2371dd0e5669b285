/**
 * The `investigate --format json` output: the stable keys (issue, findings, counts) in that order,
 * then the scanners section, so acceptance checks can compare the stable part byte for byte.
 */
import type { Finding, InvestigationReport, ScannerReport } from '../finding.js';
import { type ActionName, CATEGORIES, type Category, type InterfaceKind } from '../model.js';

export interface ContractFinding {
  ip: string;
  hostname: string | null;
  interface: InterfaceKind;
  environment: string | null;
  category: Category;
  summary: string;
  evidence: string[];
  fixes: string[];
  actions: ActionName[];
}

export interface ContractScanner {
  name: string;
  /** What the scanner's Nessus API says (`ready`, `loading (40%)`), `no answer` or `not configured`. */
  nessus: string;
  /** `working`, `busy`, `disabled`, `error`, `not listed` or `unknown`. */
  tenable: ScannerReport['tenable'];
  tenableStatus: string | null;
  /** `ready`, `down`, `conflict` (the two views disagree) or `unknown`. */
  verdict: ScannerReport['verdict'];
  targets: number;
}

export interface ContractReport {
  issue: { repo: string; number: number; title: string };
  findings: ContractFinding[];
  counts: Partial<Record<Category, number>>;
  /** Every scanner the targets need, whatever their own causes. */
  scanners: ContractScanner[];
}

/**
 * The contract object of a report. `counts` are computed from the findings (not copied from
 * `report.counts`), so they always agree with them: only the categories present, in `CATEGORIES` order.
 */
export function toContractJson(report: InvestigationReport): ContractReport {
  return {
    issue: { repo: report.issue.repo, number: report.issue.number, title: report.issue.title },
    findings: report.findings.map(toContractFinding),
    counts: countByCategory(report.findings),
    scanners: report.scanners.map(({ name, nessus, tenable, tenableStatus, verdict, targets }) => ({
      name,
      nessus,
      tenable,
      tenableStatus,
      verdict,
      targets,
    })),
  };
}

/** Number of findings per category present, keys in `CATEGORIES` order. */
export function countByCategory(
  findings: readonly Pick<Finding, 'category'>[],
): Partial<Record<Category, number>> {
  const tally = new Map<Category, number>();
  for (const finding of findings) tally.set(finding.category, (tally.get(finding.category) ?? 0) + 1);
  const counts: Partial<Record<Category, number>> = {};
  for (const category of CATEGORIES) {
    const count = tally.get(category);
    if (count !== undefined) counts[category] = count;
  }
  return counts;
}

function toContractFinding(finding: Finding): ContractFinding {
  return {
    ip: finding.ip,
    hostname: finding.hostname,
    interface: finding.interface,
    environment: finding.environment,
    category: finding.category,
    summary: finding.summary,
    evidence: [...finding.evidence],
    fixes: [...finding.fixes],
    actions: [...finding.actions],
  };
}
