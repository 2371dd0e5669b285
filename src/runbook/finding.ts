/** The diagnosis of one target, and the report of one investigation. */
import type { Device, FailedCheck } from './evidence.js';
import type { ActionName, Category, InterfaceKind } from './model.js';

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
  /** The scanner that should reach the target, when known. */
  scanner: string | null;
  /** The device found in the account, for the buttons that act on it (the reclaim button needs its cancellation ticket). */
  device: (Pick<Device, 'kind' | 'id' | 'hostname'> & { cancellationTicketId: number | null }) | null;
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
  /** ISO timestamp of when the evidence was gathered. */
  checkedAt: string;
}
