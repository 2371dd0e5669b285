/**
 * What the store remembers across investigations, as plain data (dates and strings only, so it can
 * cross a worker thread or be cloned): a target's earlier findings, and the changes of each
 * scanner's health. The pure builders of src/runbook/history/ read these; nothing here does I/O.
 */
import type { ActionName, Category } from '../model.js';

/** One finding of an investigation, with that investigation's issue and start (no decoded finding). */
export interface PastFinding {
  investigationId: number;
  repo: string;
  issueNumber: number;
  investigationStartedAt: Date;
  ip: string;
  category: Category;
  firstSeen: Date;
  lastSeen: Date;
  /** When the target stopped being listed on that gap issue; null while it is listed. */
  resolvedAt: Date | null;
}

/** A scanner's health as the health job saw it change (down, or back up). */
export interface ScannerHealthChange {
  name: string;
  healthy: boolean;
  /** The status behind it (`loading`, `not answering: ...`, `ready`). */
  status: string;
  at: Date;
}

/** An action people took on a target in an earlier investigation (done, and changing something). */
export interface PastAction {
  investigationId: number | null;
  ip: string;
  action: ActionName;
  /** Slack display name (or id) of who did it; null when unknown. */
  by: string | null;
  at: Date;
}

/*
 * What a report keeps of the history. Stored inside the report (JSON text) and passed to renderers,
 * so times are ISO strings and everything is plain data.
 */

/** An earlier investigation that found the target. */
export interface EarlierSighting {
  repo: string;
  issueNumber: number;
  /** When that investigation began (ISO). */
  at: string;
  category: Category;
  /** When the target left that issue (ISO); null while that issue still lists it. */
  resolvedAt: string | null;
  /** What people did about it there, oldest first. */
  actions: { action: ActionName; by: string | null; at: string }[];
}

/** A target found by RECURRING_MIN_INVESTIGATIONS or more investigations within the window. */
export interface RecurringMark {
  /** Investigations that found it within the window, this one included. */
  investigations: number;
  /** Earliest first seen and latest last seen among them (ISO). */
  firstSeen: string;
  lastSeen: string;
  /** Each cause once, in the order found. */
  causes: Category[];
}

export interface TargetHistory {
  ip: string;
  /** Newest first, at most MAX_EARLIER. */
  earlier: EarlierSighting[];
  /** How many earlier investigations found it in all (may exceed `earlier.length`). */
  earlierCount: number;
  recurring: RecurringMark | null;
}

/** One scanner's falls within the scanner window (30 days). */
export interface ScannerDownHistory {
  name: string;
  downs: number;
  downMinutes: number;
  downNow: boolean;
}

export interface ReportHistory {
  /** The moment the windows end, and "again N days later" is counted to: this investigation's start (ISO). */
  asOf: string;
  /** Only the targets with something to say, in report order. */
  targets: TargetHistory[];
  /** Every scanner of the report, by name. */
  scanners: ScannerDownHistory[];
}
