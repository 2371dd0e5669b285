/**
 * The bot's durable memory: investigations and their Slack threads, findings, actions (which double
 * as the audit log), Slack events already handled, and schedule leases. One interface, two backends
 * (SQLite embedded, PostgreSQL for several replicas), the same behaviour and the same tests.
 * Stored JSON is decoded by the store (src/store/codecs.ts): callers get the domain's types.
 */
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import type { PastFinding, ScannerHealthChange } from '../runbook/history/types.js';
import type { Category } from '../runbook/model.js';

export type InvestigationStatus = 'running' | 'open' | 'resolved' | 'failed';

export interface InvestigationRecord {
  id: number;
  repo: string;
  issueNumber: number;
  title: string;
  channel: string | null;
  threadTs: string | null;
  /** The summary message updated in place with progress. */
  summaryTs: string | null;
  status: InvestigationStatus;
  progressDone: number;
  progressTotal: number;
  /** Replica that runs it, and until when its claim holds. */
  owner: string | null;
  leaseUntil: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** The latest report, for re-renders and buttons. */
  report: InvestigationReport | null;
  /**
   * Random and unguessable, set when the investigation is claimed: the hidden markers of its issue
   * comments carry it (null for investigations begun before markers had one).
   */
  marker: string | null;
}

export interface FindingRecord {
  investigationId: number;
  ip: string;
  category: Category;
  finding: Finding;
  firstSeen: Date;
  lastSeen: Date;
  /** When the target stopped being listed on its gap issue; null while it is listed. */
  resolvedAt: Date | null;
}

/** The last known health of a scanner, so the schedule reports changes only. */
export interface ScannerHealthRecord {
  name: string;
  healthy: boolean;
  status: string;
  /** When `healthy` last changed (or was first seen). */
  changedAt: Date;
  checkedAt: Date;
}

/** A bot process: when it started, and when it last said it was alive. */
export interface ReplicaRecord {
  name: string;
  startedAt: Date;
  seenAt: Date;
}

export type ActionStatus = 'intent' | 'done' | 'failed' | 'refused';

export interface ActionRecord {
  /** Idempotency key: the same click, redelivered or repeated, maps to the same key. */
  key: string;
  investigationId: number | null;
  repo: string;
  issueNumber: number;
  action: string;
  ip: string;
  userId: string;
  userName: string | null;
  status: ActionStatus;
  result: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface PostedMessage {
  investigationId: number;
  /** What the message is (`summary`, `category:powered_off:1`, `issue-comment:1`, ...). */
  key: string;
  /** Slack ts, or the issue comment id. */
  ref: string;
  at: Date;
}

/**
 * A manual-mode guide whose Slack modal is open: the clicked message's blocks, so "Done" can update
 * the message in place (a modal submission carries no message). In the store, so a restart or
 * another replica answering "Done" still finds it.
 */
export interface OpenGuide {
  /** `channel:messageTs` of the clicked message. */
  key: string;
  blocks: Record<string, unknown>[];
  threadTs: string | null;
  at: Date;
}

/** An open guide is kept this long: Slack closes an unanswered modal well before. */
export const GUIDE_TTL_MS = 60 * 60_000;

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Health: the store answering is the one opened (its id, and for SQLite its file, unchanged and
   * readable from disk) and it takes a write. Throws, saying what is wrong, when it is not.
   */
  ping(): Promise<void>;
  /** True when the store has never served a bot: no start recorded, no investigation, no action. */
  isFresh(): Promise<boolean>;
  /** Records that a bot started on this store (it is not fresh any more). */
  markStarted(now?: Date): Promise<void>;

  /** True the first time an event id is seen (within its time to live). */
  markEventSeen(eventId: string, ttlMs: number, now?: Date): Promise<boolean>;

  /**
   * Claims the investigation of an issue for `owner`. Only one open or running investigation per
   * issue exists: a second claim returns the existing record with `created: false`.
   */
  claimInvestigation(input: {
    repo: string;
    issueNumber: number;
    title: string;
    channel: string | null;
    threadTs: string | null;
    owner: string;
    leaseMs: number;
    now?: Date;
  }): Promise<{ created: boolean; record: InvestigationRecord }>;
  /** Takes over a running investigation whose owner's lease has expired (a replica died). */
  takeOverExpired(owner: string, leaseMs: number, now?: Date): Promise<InvestigationRecord[]>;
  updateInvestigation(
    id: number,
    patch: Partial<
      Pick<
        InvestigationRecord,
        | 'title'
        | 'channel'
        | 'threadTs'
        | 'summaryTs'
        | 'status'
        | 'progressDone'
        | 'progressTotal'
        | 'owner'
        | 'leaseUntil'
        | 'finishedAt'
        | 'report'
      >
    >,
  ): Promise<void>;
  getInvestigation(id: number): Promise<InvestigationRecord | null>;
  findActiveInvestigation(repo: string, issueNumber: number): Promise<InvestigationRecord | null>;
  findInvestigationByThread(channel: string, threadTs: string): Promise<InvestigationRecord | null>;
  listActiveInvestigations(): Promise<InvestigationRecord[]>;
  /**
   * The active investigations without their reports: a report is rebuilt from its findings' rows
   * (10,000 of them for the largest gap report), which a caller counting or waiting on runs must
   * not pay for on every call.
   */
  listActiveRuns(): Promise<Omit<InvestigationRecord, 'report'>[]>;

  /** One row per finding, keyed by its IP. */
  saveFindings(investigationId: number, findings: readonly Finding[], now?: Date): Promise<void>;
  /** Findings are saved for the targets the issue lists, so saving one makes it unresolved again. */
  listFindings(investigationId: number): Promise<FindingRecord[]>;
  /** Marks targets no longer listed on the issue as resolved (those not yet resolved); returns how many. */
  markFindingsResolved(investigationId: number, ips: string[], now?: Date): Promise<number>;
  /**
   * The findings of every investigation begun at or after `since` (of these IPs only, when given),
   * with their investigation's issue and start, ordered by that start, then IP. Light: the stored
   * findings are not decoded.
   */
  listFindingsSince(since: Date, options?: { ips?: readonly string[] }): Promise<PastFinding[]>;

  recordMessage(message: Omit<PostedMessage, 'at'> & { at?: Date }): Promise<void>;
  listMessages(investigationId: number): Promise<PostedMessage[]>;

  /** Records the intent of an action; returns the existing record when the key was seen before. */
  beginAction(
    action: Omit<ActionRecord, 'status' | 'result' | 'createdAt' | 'finishedAt'> & { createdAt?: Date },
  ): Promise<{ created: boolean; record: ActionRecord }>;
  finishAction(
    key: string,
    status: Exclude<ActionStatus, 'intent'>,
    result: string,
    now?: Date,
  ): Promise<void>;
  /** Takes a failed action back to intent for a new try by `user`; false when it was not failed. */
  retryAction(key: string, user: { id: string; name: string | null }, now?: Date): Promise<boolean>;
  getAction(key: string): Promise<ActionRecord | null>;
  listActions(filter?: { repo?: string; issueNumber?: number }): Promise<ActionRecord[]>;
  /** Intents never finished (the process died between intent and outcome). */
  listUnfinishedActions(): Promise<ActionRecord[]>;

  /** A lease on a named job for one tick: true for exactly one owner until it expires. */
  tryLease(name: string, owner: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** Deletes expired leases (each tick has a lease of its own name); returns how many. */
  pruneLeases(now?: Date): Promise<number>;

  listScannerHealth(): Promise<ScannerHealthRecord[]>;
  saveScannerHealth(record: ScannerHealthRecord): Promise<void>;
  /** Keeps a change of a scanner's health (the same scanner and moment twice is kept once). */
  recordScannerHealthChange(change: ScannerHealthChange): Promise<void>;
  /** The changes at or after `since`, oldest first (then by scanner). */
  listScannerHealthChanges(since: Date): Promise<ScannerHealthChange[]>;

  /** A replica (re)starts: its start time is now, so work it had in flight counts as abandoned. */
  registerReplica(name: string, now?: Date): Promise<void>;
  /** The replica is alive. */
  touchReplica(name: string, now?: Date): Promise<void>;
  removeReplica(name: string): Promise<void>;
  listReplicas(): Promise<ReplicaRecord[]>;

  /** Keeps a guide (replacing one of the same key), and drops the guides older than GUIDE_TTL_MS. */
  saveGuide(guide: OpenGuide): Promise<void>;
  /** Returns the guide and deletes it (one taker); null when there is none or it is older than GUIDE_TTL_MS. */
  takeGuide(key: string, now?: Date): Promise<OpenGuide | null>;
}
