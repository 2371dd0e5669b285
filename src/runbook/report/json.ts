/**
 * The `investigate --format json` output, exactly CONTRACT.md section 4: those keys in that order and
 * nothing more, so acceptance checks can compare it byte for byte.
 */
import type { Finding, InvestigationReport } from '../finding.js';
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

export interface ContractReport {
  issue: { repo: string; number: number; title: string };
  findings: ContractFinding[];
  counts: Partial<Record<Category, number>>;
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
