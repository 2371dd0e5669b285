/**
 * How a use case tells people what it is doing and what it found, without knowing where they read
 * it. Slack implements it (src/bot/notify/), the command line too (src/cli/terminal-notifier.ts);
 * what goes to the gap issue is not here, because the use cases post it themselves through the
 * issue tracker port.
 *
 * Every method is told the investigation it is about; a record with no Slack thread (one started
 * from the command line) may simply be ignored by the implementation. Methods that post return
 * what they posted (a Slack ts), so the use case can record it and never post it twice, or null
 * when they posted nothing.
 */
import type { Digest } from '../runbook/digest/digest.js';
import type { InvestigationReport } from '../runbook/finding.js';
import type { Category } from '../runbook/model.js';
import type { ActionRecord, FindingRecord, InvestigationRecord } from '../store/store.js';

/** What is already posted for an investigation (message key -> reference), and how to add to it. */
export interface PostLog {
  readonly posted: ReadonlyMap<string, string>;
  record(key: string, ref: string): Promise<void>;
}

/** One finding whose cause changed in a re-check. */
export interface Change {
  ip: string;
  hostname: string | null;
  from: Category | null;
  to: Category;
}

export interface InvestigationNotifier {
  /**
   * The investigation is claimed: open where it reports (the summary message). Returns the thread
   * and the summary's references, or null when it reports nowhere.
   */
  opened(record: InvestigationRecord): Promise<{ threadTs: string; summaryTs: string } | null>;
  progress(record: InvestigationRecord, progress: { done: number; total: number }): Promise<void>;
  failed(record: InvestigationRecord, reason: string): Promise<void>;
  /**
   * Posts the findings not posted yet, each recorded in `log` as it goes. `adopt`: after a crash,
   * first look for what a dead run posted without recording it. `reportFile` is the whole report
   * (markdown, UTF-8), for a file when it is long. Returns a line on where the full report is, if anywhere.
   */
  findings(
    record: InvestigationRecord,
    report: InvestigationReport,
    log: PostLog,
    options: { adopt: boolean; stopping: AbortSignal; reportFile: () => Buffer },
  ): Promise<{ reportNote?: string }>;
  /** The final word of a run or a re-check: the summary with the counts and where things are. */
  finished(
    record: InvestigationRecord,
    report: InvestigationReport,
    links: { reportNote?: string; issueCommentUrl?: string },
  ): Promise<void>;
}

export interface RecheckNotifier {
  rechecked(
    record: InvestigationRecord,
    result: {
      report: InvestigationReport;
      changes: Change[];
      /** How many targets were checked again. */
      checked: number;
      onlyIp?: string;
      requestedBy?: string;
    },
  ): Promise<void>;
  /** Targets the issue no longer lists. */
  resolved(record: InvestigationRecord, ips: string[]): Promise<void>;
}

export interface CloseOutFacts {
  reason: 'issue_closed' | 'none_listed';
  total: number;
  byCategory: [Category, number][];
  actions: number;
  took: string;
}

export interface ScheduleNotifier {
  closedOut(record: InvestigationRecord, facts: CloseOutFacts): Promise<string | null>;
  remind(record: InvestigationRecord, unresolved: FindingRecord[], now: Date): Promise<string | null>;
  scannersChanged(changes: ScannerChange[], now: Date): Promise<string | null>;
  /** The weekly digest, with its chart; null when it has nowhere to go. */
  digest(digest: Digest): Promise<string | null>;
}

export interface ScannerChange {
  name: string;
  healthy: boolean;
  status: string;
  /** The state before: unknown for a scanner seen for the first time. */
  was: { healthy: boolean; status: string; since: Date } | null;
}

export interface ActionNotifier {
  /**
   * An action settled after a restart: its click's message was never updated, so the outcome (or
   * the failure, with a way to retry) goes in the thread.
   */
  settled(
    record: InvestigationRecord,
    intent: ActionRecord,
    outcome: { failed?: string },
  ): Promise<string | null>;
}

export type Notifier = InvestigationNotifier & RecheckNotifier & ScheduleNotifier & ActionNotifier;
