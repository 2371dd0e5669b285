/** Table shapes as Kysely sees them; timestamps are ISO-8601 text in both backends (sortable, portable). */
import type { Generated } from 'kysely';

export interface InvestigationsTable {
  id: Generated<number>;
  repo: string;
  issue_number: number;
  title: string;
  channel: string | null;
  thread_ts: string | null;
  summary_ts: string | null;
  status: string;
  /** `repo#number` while running or open, null after: a unique index keeps one active per issue. */
  active_key: string | null;
  progress_done: number;
  progress_total: number;
  owner: string | null;
  lease_until: string | null;
  started_at: string;
  finished_at: string | null;
  report_json: string | null;
  /** Random, unguessable: names the investigation in the hidden markers of its issue comments. */
  marker: string | null;
}

export interface FindingsTable {
  investigation_id: number;
  ip: string;
  category: string;
  finding_json: string;
  first_seen: string;
  last_seen: string;
  /** When the target stopped being listed on its gap issue (null while it is listed). */
  resolved_at: string | null;
}

export interface MessagesTable {
  investigation_id: number;
  key: string;
  ref: string;
  at: string;
}

export interface ActionsTable {
  key: string;
  investigation_id: number | null;
  repo: string;
  issue_number: number;
  action: string;
  ip: string;
  user_id: string;
  user_name: string | null;
  status: string;
  result: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface EventsTable {
  event_id: string;
  expires_at: string;
}

export interface LeasesTable {
  name: string;
  owner: string;
  expires_at: string;
}

export interface ScannerHealthTable {
  name: string;
  /** 1 healthy, 0 not (integers: the same on both backends). */
  healthy: number;
  status: string;
  changed_at: string;
  checked_at: string;
}

/** Every change of a scanner's health, as the health job saw it (one row per scanner and moment). */
export interface ScannerHealthChangesTable {
  name: string;
  /** 1 back up, 0 gone down. */
  healthy: number;
  status: string;
  at: string;
}

export interface ReplicasTable {
  name: string;
  started_at: string;
  seen_at: string;
}

/** The store's identity (`store_id`), when it first served (`first_started_at`), its health write. */
export interface StoreMetaTable {
  key: string;
  value: string;
}

/** Manual-mode guides whose modal is open (src/handlers/actions/manual-modal.ts). */
export interface OpenGuidesTable {
  /** `channel:messageTs` of the clicked message. */
  key: string;
  /** The clicked message's Slack blocks, as JSON. */
  blocks_json: string;
  thread_ts: string | null;
  opened_at: string;
}

export interface Database {
  investigations: InvestigationsTable;
  findings: FindingsTable;
  messages: MessagesTable;
  actions: ActionsTable;
  events: EventsTable;
  leases: LeasesTable;
  scanner_health: ScannerHealthTable;
  scanner_health_changes: ScannerHealthChangesTable;
  replicas: ReplicasTable;
  store_meta: StoreMetaTable;
  open_guides: OpenGuidesTable;
}
