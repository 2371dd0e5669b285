/**
 * The `investigate --format json` output: the stable keys (issue, findings, counts) in that order,
 * then the scanners section, so acceptance checks can compare the stable part byte for byte. A report
 * made with a store (the bot, `investigate --post`) adds its history after each finding's and each
 * scanner's own keys (`history`, `recurring`, `downLast30Days`); one made without has none of them.
 */
import type { Finding, InvestigationReport, ScannerReport } from '../finding.js';
import type { RecurringMark, TargetHistory } from '../history/types.js';
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
  /** With a store only: the earlier investigations that found the target (newest first, at most five). */
  history?: { count: number; earlier: ContractSighting[] };
  /** With a store only: the recurring mark, or null when the target is not recurring. */
  recurring?: RecurringMark | null;
}

export interface ContractSighting {
  issue: { repo: string; number: number };
  /** When that investigation began (ISO). */
  startedAt: string;
  category: Category;
  /** When the target left that issue (ISO), or null while it still lists it. */
  resolvedAt: string | null;
  /** Actions done on it there, oldest first; `by` is the Slack name of who did it. */
  actions: { action: ActionName; by: string | null; at: string }[];
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
  /** With a store only: how often it went down in the last 30 days, for how long, and whether it is down now. */
  downLast30Days?: { times: number; minutes: number; downNow: boolean };
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
  const { history } = report;
  const targets = new Map(history?.targets.map((t) => [t.ip, t]));
  const downs = new Map(history?.scanners.map((s) => [s.name, s]));
  return {
    issue: { repo: report.issue.repo, number: report.issue.number, title: report.issue.title },
    findings: report.findings.map((finding) =>
      history
        ? { ...toContractFinding(finding), ...findingHistory(targets.get(finding.ip)) }
        : toContractFinding(finding),
    ),
    counts: countByCategory(report.findings),
    scanners: report.scanners.map(({ name, nessus, tenable, tenableStatus, verdict, targets }) => {
      const scanner: ContractScanner = { name, nessus, tenable, tenableStatus, verdict, targets };
      if (!history) return scanner;
      const down = downs.get(name);
      return {
        ...scanner,
        downLast30Days: {
          times: down?.downs ?? 0,
          minutes: down?.downMinutes ?? 0,
          downNow: down?.downNow ?? false,
        },
      };
    }),
  };
}

function findingHistory(target: TargetHistory | undefined): Pick<ContractFinding, 'history' | 'recurring'> {
  return {
    history: {
      count: target?.earlierCount ?? 0,
      earlier: (target?.earlier ?? []).map((s) => ({
        issue: { repo: s.repo, number: s.issueNumber },
        startedAt: s.at,
        category: s.category,
        resolvedAt: s.resolvedAt,
        actions: s.actions.map((a) => ({ ...a })),
      })),
    },
    recurring: target?.recurring ? { ...target.recurring, causes: [...target.recurring.causes] } : null,
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
