/** The diagnosis of one target, and the report of one investigation. */
import type { Device, FailedCheck, ScannerCondition } from './evidence.js';
import type { ReportHistory } from './history/types.js';
import type { ActionName, Category, InterfaceKind } from './model.js';
import type { ScannerVerdict } from './reach.js';

export interface Link {
  label: string;
  url: string;
}

export interface Finding {
  ip: string;
  hostname: string | null;
  interface: InterfaceKind;
  environment: string | null;
  category: Category;
  /** One line: the cause, in plain words. */
  summary: string;
  /** The facts that led to the category, stated plainly. */
  evidence: string[];
  /** The runbook's steps for this cause, in order. */
  fixes: string[];
  actions: ActionName[];
  links: Link[];
  /** The scanner that should reach the target (the first, when several were asked), when known. */
  scanner: string | null;
  /** The device found in our accounts, for the buttons that act on it (the reclaim button needs its cancellation ticket). */
  device:
    | (Pick<Device, 'account' | 'kind' | 'id' | 'hostname'> & { cancellationTicketId: number | null })
    | null;
  /** Checks that could not be made (always set for `check_failed`). */
  failedChecks: FailedCheck[];
}

export interface IssueRef {
  repo: string;
  number: number;
  title: string;
  url?: string;
}

export interface InvestigationReport {
  issue: IssueRef;
  findings: Finding[];
  counts: Partial<Record<Category, number>>;
  /** Systems that could not be reached at all during the investigation. */
  systemsDown: string[];
  /** Every scanner the targets need, whatever their own causes. */
  scanners: ScannerReport[];
  /** ISO timestamp of when the evidence was gathered. */
  checkedAt: string;
  /**
   * What earlier investigations knew of these targets and scanners (src/runbook/history/). Absent
   * when the report was made without a store (`investigate` alone) or before history existed.
   */
  history?: ReportHistory;
}

/** One scanner as both its own API and Tenable.sc see it, for the report's scanners section. */
export interface ScannerReport {
  name: string;
  /** What Nessus says (`ready`, `loading`, ...), or `no answer` when its API did not answer. */
  nessus: string;
  /** Why Nessus could not be asked, when it could not. */
  nessusReason: string | null;
  /** Tenable.sc's view: its condition, `not listed`, or `unknown` when Tenable.sc could not be asked. */
  tenable: ScannerCondition | 'not listed' | 'unknown';
  /** Tenable.sc's status in words (`Updating Plugins, Working`), when it lists the scanner. */
  tenableStatus: string | null;
  verdict: ScannerVerdict;
  /** How many targets need this scanner (assigned to it, probed or not). */
  targets: number;
}
