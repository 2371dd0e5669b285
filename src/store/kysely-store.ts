/** The Store over Kysely: the same queries run on SQLite and PostgreSQL. */
import { randomBytes } from 'node:crypto';
import { type Kysely, Migrator, type Selectable, sql, type Updateable } from 'kysely';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import type { PastFinding, ScannerHealthChange } from '../runbook/history/types.js';
import { isCategory } from '../runbook/model.js';
import {
  blocksSchema,
  decodeJson,
  decodeStoredReport,
  findingSchema,
  reportHead,
  StoredRowError,
} from './codecs.js';
import { type Backend, migrationProvider } from './migrations.js';
import type { Database, InvestigationsTable } from './schema.js';
import {
  type ActionRecord,
  type ActionStatus,
  type FindingRecord,
  GUIDE_TTL_MS,
  type InvestigationRecord,
  type InvestigationStatus,
  type OpenGuide,
  type PostedMessage,
  type ReplicaRecord,
  type ScannerHealthRecord,
  type Store,
} from './store.js';

const iso = (d: Date) => d.toISOString();
const date = (s: string | null) => (s === null ? null : new Date(s));
const ACTIVE: InvestigationStatus[] = ['running', 'open'];
/** Rows per `in (...)` list: well under both backends' limits on bound parameters. */
const CHUNK = 200;

/** Random and unguessable (96 bits), in hex: safe in a URL and in a hidden marker. */
const token = () => randomBytes(12).toString('hex');

export interface KyselyStoreOptions {
  /**
   * Checks the store from outside this connection (SQLite: the file at its path, read afresh), given
   * the id the store had when opened; throws, saying what is wrong.
   */
  probe?: (storeId: string) => void;
}

export class KyselyStore implements Store {
  private eventsSinceSweep = 0;
  /** The store's id as read when it was opened (after migrating). */
  private storeId: string | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    readonly backend: Backend,
    private readonly options: KyselyStoreOptions = {},
  ) {}

  async migrate(): Promise<void> {
    // Kysely looks for its migration tables in every schema unless told which: on a PostgreSQL
    // shared by several schemas (one per test run, or per tenant) it would find another's and skip
    // creating its own. The schema is the one the connection creates tables in.
    const schema =
      this.backend === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db)).rows[0]?.schema
        : undefined;
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.backend),
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(
        `store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await this.db
      .insertInto('store_meta')
      .values({ key: 'store_id', value: token() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    this.storeId = await this.meta('store_id');
  }

  private async meta(key: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async ping(): Promise<void> {
    if (this.storeId === null) {
      await sql`select 1`.execute(this.db);
      return;
    }
    const id = await this.meta('store_id');
    if (id !== this.storeId) {
      throw new Error(
        id === null
          ? 'the store has lost its identity (emptied or recreated since the bot opened it)'
          : 'the store answering is another one than the bot opened (replaced since)',
      );
    }
    const now = new Date().toISOString();
    await this.db
      .insertInto('store_meta')
      .values({ key: 'health_write', value: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: now }))
      .execute();
    this.options.probe?.(this.storeId);
  }

  async isFresh(): Promise<boolean> {
    if ((await this.meta('first_started_at')) !== null) return false;
    const investigation = await this.db.selectFrom('investigations').select('id').limit(1).executeTakeFirst();
    if (investigation) return false;
    const action = await this.db.selectFrom('actions').select('key').limit(1).executeTakeFirst();
    return !action;
  }

  async markStarted(now = new Date()): Promise<void> {
    await this.db
      .insertInto('store_meta')
      .values({ key: 'first_started_at', value: iso(now) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async markEventSeen(eventId: string, ttlMs: number, now = new Date()): Promise<boolean> {
    const result = await this.db
      .insertInto('events')
      .values({ event_id: eventId, expires_at: iso(new Date(now.getTime() + ttlMs)) })
      .onConflict((oc) =>
        oc
          .column('event_id')
          .doUpdateSet({ expires_at: iso(new Date(now.getTime() + ttlMs)) })
          .where('events.expires_at', '<=', iso(now)),
      )
      .executeTakeFirst();
    // Expired ids are swept now and then rather than on every event.
    this.eventsSinceSweep += 1;
    if (this.eventsSinceSweep >= 100) {
      this.eventsSinceSweep = 0;
      await this.db.deleteFrom('events').where('expires_at', '<=', iso(now)).execute();
    }
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async claimInvestigation(
    input: Parameters<Store['claimInvestigation']>[0],
  ): Promise<{ created: boolean; record: InvestigationRecord }> {
    const now = input.now ?? new Date();
    const activeKey = `${input.repo}#${input.issueNumber}`;
    const inserted = await this.db
      .insertInto('investigations')
      .values({
        repo: input.repo,
        issue_number: input.issueNumber,
        title: input.title,
        channel: input.channel,
        thread_ts: input.threadTs,
        summary_ts: null,
        status: 'running',
        active_key: activeKey,
        progress_done: 0,
        progress_total: 0,
        owner: input.owner,
        lease_until: iso(new Date(now.getTime() + input.leaseMs)),
        started_at: iso(now),
        finished_at: null,
        report_json: null,
        marker: token(),
      })
      .onConflict((oc) => oc.column('active_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, record: await this.toInvestigation(inserted) };
    const existing = await this.db
      .selectFrom('investigations')
      .selectAll()
      .where('active_key', '=', activeKey)
      .executeTakeFirst();
    if (!existing) return this.claimInvestigation(input);
    return { created: false, record: await this.toInvestigation(existing) };
  }

  async takeOverExpired(owner: string, leaseMs: number, now = new Date()): Promise<InvestigationRecord[]> {
    const rows = await this.db
      .updateTable('investigations')
      .set({ owner, lease_until: iso(new Date(now.getTime() + leaseMs)) })
      .where('status', '=', 'running')
      .where('lease_until', '<', iso(now))
      .returningAll()
      .execute();
    return this.toInvestigations(rows);
  }

  async updateInvestigation(id: number, patch: Parameters<Store['updateInvestigation']>[1]): Promise<void> {
    const values: Updateable<InvestigationsTable> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.channel !== undefined) values.channel = patch.channel;
    if (patch.threadTs !== undefined) values.thread_ts = patch.threadTs;
    if (patch.summaryTs !== undefined) values.summary_ts = patch.summaryTs;
    if (patch.progressDone !== undefined) values.progress_done = patch.progressDone;
    if (patch.progressTotal !== undefined) values.progress_total = patch.progressTotal;
    if (patch.owner !== undefined) values.owner = patch.owner;
    if (patch.leaseUntil !== undefined) values.lease_until = patch.leaseUntil ? iso(patch.leaseUntil) : null;
    if (patch.finishedAt !== undefined) values.finished_at = patch.finishedAt ? iso(patch.finishedAt) : null;
    if (patch.report) await this.keepFindingsOf(id, patch.report);
    if (patch.report !== undefined)
      values.report_json = patch.report ? JSON.stringify(reportHead(patch.report)) : null;
    if (patch.status !== undefined) {
      values.status = patch.status;
      if (!ACTIVE.includes(patch.status)) values.active_key = null;
    }
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('investigations').set(values).where('id', '=', id).execute();
  }

  async getInvestigation(id: number): Promise<InvestigationRecord | null> {
    const row = await this.db
      .selectFrom('investigations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toInvestigation(row) : null;
  }

  async findActiveInvestigation(repo: string, issueNumber: number): Promise<InvestigationRecord | null> {
    const row = await this.db
      .selectFrom('investigations')
      .selectAll()
      .where('active_key', '=', `${repo}#${issueNumber}`)
      .executeTakeFirst();
    return row ? this.toInvestigation(row) : null;
  }

  async findInvestigationByThread(channel: string, threadTs: string): Promise<InvestigationRecord | null> {
    const row = await this.db
      .selectFrom('investigations')
      .selectAll()
      .where('channel', '=', channel)
      .where('thread_ts', '=', threadTs)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? this.toInvestigation(row) : null;
  }

  async listActiveInvestigations(): Promise<InvestigationRecord[]> {
    return this.toInvestigations(await this.activeRows());
  }

  async listActiveRuns(): Promise<Omit<InvestigationRecord, 'report'>[]> {
    return (await this.activeRows()).map(investigationFields);
  }

  private activeRows() {
    return this.db
      .selectFrom('investigations')
      .selectAll()
      .where('status', 'in', ACTIVE)
      .orderBy('id')
      .execute();
  }

  /**
   * A report's findings are its investigation's rows: a finding with no row yet gets one (the time
   * is the report's), one with a row is the row (saved by `saveFindings`, as the use cases do first).
   */
  private async keepFindingsOf(investigationId: number, report: InvestigationReport): Promise<void> {
    const stored = await this.db
      .selectFrom('findings')
      .select('ip')
      .where('investigation_id', '=', investigationId)
      .execute();
    const have = new Set(stored.map((row) => row.ip));
    const missing = report.findings.filter((finding) => !have.has(finding.ip));
    if (missing.length > 0) await this.saveFindings(investigationId, missing, new Date(report.checkedAt));
  }

  private async toInvestigations(rows: Selectable<InvestigationsTable>[]): Promise<InvestigationRecord[]> {
    const records: InvestigationRecord[] = [];
    for (const row of rows) records.push(await this.toInvestigation(row));
    return records;
  }

  private async toInvestigation(row: Selectable<InvestigationsTable>): Promise<InvestigationRecord> {
    return { ...investigationFields(row), report: await this.reportOf(row) };
  }

  /** The report of a row: a head's findings are read from the rows, in the head's order. */
  private async reportOf(row: Selectable<InvestigationsTable>): Promise<InvestigationReport | null> {
    if (row.report_json === null) return null;
    const where = `(investigation ${row.id})`;
    const stored = decodeStoredReport(row.report_json, where);
    if (stored.kind === 'whole') return stored.report;
    const { findingIps, ...head } = stored.head;
    const byIp = new Map((await this.listFindings(Number(row.id))).map((f) => [f.ip, f.finding]));
    const findings = findingIps.map((ip) => {
      const finding = byIp.get(ip);
      if (!finding)
        throw new StoredRowError(
          'investigations',
          where,
          `its report lists ${ip}, which has no findings row`,
        );
      return finding;
    });
    return { ...head, findings };
  }

  async saveFindings(investigationId: number, findings: readonly Finding[], now = new Date()): Promise<void> {
    if (findings.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < findings.length; i += 200) {
        const chunk = findings.slice(i, i + 200);
        await trx
          .insertInto('findings')
          .values(
            chunk.map((f) => ({
              investigation_id: investigationId,
              ip: f.ip,
              category: f.category,
              finding_json: JSON.stringify(f),
              first_seen: iso(now),
              last_seen: iso(now),
              resolved_at: null,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['investigation_id', 'ip']).doUpdateSet((eb) => ({
              category: eb.ref('excluded.category'),
              finding_json: eb.ref('excluded.finding_json'),
              last_seen: eb.ref('excluded.last_seen'),
              resolved_at: null,
            })),
          )
          .execute();
      }
    });
  }

  async listFindings(investigationId: number): Promise<FindingRecord[]> {
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('investigation_id', '=', investigationId)
      .execute();
    return rows.map((r) => {
      const row = `(investigation ${r.investigation_id}, ip ${r.ip})`;
      const finding = decodeJson(findingSchema, r.finding_json, 'findings', row);
      // The category column is the finding's own, kept apart for queries: both must agree.
      if (finding.ip !== r.ip || finding.category !== r.category) {
        throw new StoredRowError(
          'findings',
          row,
          `its finding says ip ${finding.ip} and category ${finding.category}, the row ${r.ip} and ${r.category}`,
        );
      }
      return {
        investigationId: Number(r.investigation_id),
        ip: r.ip,
        category: finding.category,
        finding,
        firstSeen: new Date(r.first_seen),
        lastSeen: new Date(r.last_seen),
        resolvedAt: date(r.resolved_at),
      };
    });
  }

  async markFindingsResolved(investigationId: number, ips: string[], now = new Date()): Promise<number> {
    let changed = 0;
    for (const chunk of chunks(ips, CHUNK)) {
      const result = await this.db
        .updateTable('findings')
        .set({ resolved_at: iso(now) })
        .where('investigation_id', '=', investigationId)
        .where('ip', 'in', chunk)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    return changed;
  }

  async listFindingsSince(since: Date, options: { ips?: readonly string[] } = {}): Promise<PastFinding[]> {
    const query = this.db
      .selectFrom('findings')
      .innerJoin('investigations', 'investigations.id', 'findings.investigation_id')
      .select([
        'findings.investigation_id',
        'investigations.repo',
        'investigations.issue_number',
        'investigations.started_at',
        'findings.ip',
        'findings.category',
        'findings.first_seen',
        'findings.last_seen',
        'findings.resolved_at',
      ])
      .where('investigations.started_at', '>=', iso(since));
    const { ips } = options;
    const rows =
      ips === undefined
        ? await query.execute()
        : (
            await Promise.all(
              chunks([...new Set(ips)], CHUNK).map((chunk) =>
                query.where('findings.ip', 'in', chunk).execute(),
              ),
            )
          ).flat();
    const past = rows.map((r): PastFinding => {
      if (!isCategory(r.category)) {
        throw new StoredRowError(
          'findings',
          `(investigation ${r.investigation_id}, ip ${r.ip})`,
          `not a known category: ${JSON.stringify(r.category)}`,
        );
      }
      return {
        investigationId: Number(r.investigation_id),
        repo: r.repo,
        issueNumber: Number(r.issue_number),
        investigationStartedAt: new Date(r.started_at),
        ip: r.ip,
        category: r.category,
        firstSeen: new Date(r.first_seen),
        lastSeen: new Date(r.last_seen),
        resolvedAt: date(r.resolved_at),
      };
    });
    // Sorted here rather than in SQL: the chunks come back as separate results.
    return past.sort(
      (a, b) =>
        a.investigationStartedAt.getTime() - b.investigationStartedAt.getTime() ||
        a.investigationId - b.investigationId ||
        (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0),
    );
  }

  async recordMessage(message: Omit<PostedMessage, 'at'> & { at?: Date }): Promise<void> {
    await this.db
      .insertInto('messages')
      .values({
        investigation_id: message.investigationId,
        key: message.key,
        ref: message.ref,
        at: iso(message.at ?? new Date()),
      })
      .onConflict((oc) => oc.columns(['investigation_id', 'key']).doUpdateSet({ ref: message.ref }))
      .execute();
  }

  async listMessages(investigationId: number): Promise<PostedMessage[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('investigation_id', '=', investigationId)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      investigationId: r.investigation_id,
      key: r.key,
      ref: r.ref,
      at: new Date(r.at),
    }));
  }

  async beginAction(
    action: Parameters<Store['beginAction']>[0],
  ): Promise<{ created: boolean; record: ActionRecord }> {
    const createdAt = action.createdAt ?? new Date();
    const inserted = await this.db
      .insertInto('actions')
      .values({
        key: action.key,
        investigation_id: action.investigationId,
        repo: action.repo,
        issue_number: action.issueNumber,
        action: action.action,
        ip: action.ip,
        user_id: action.userId,
        user_name: action.userName,
        status: 'intent',
        result: null,
        created_at: iso(createdAt),
        finished_at: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, record: toAction(inserted) };
    const existing = await this.getAction(action.key);
    if (!existing) throw new Error(`action ${action.key} vanished while being recorded`);
    return { created: false, record: existing };
  }

  async finishAction(
    key: string,
    status: Exclude<ActionStatus, 'intent'>,
    result: string,
    now = new Date(),
  ): Promise<void> {
    await this.db
      .updateTable('actions')
      .set({ status, result, finished_at: iso(now) })
      .where('key', '=', key)
      .execute();
  }

  async retryAction(
    key: string,
    user: { id: string; name: string | null },
    now = new Date(),
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('actions')
      .set({
        status: 'intent',
        user_id: user.id,
        user_name: user.name,
        result: null,
        finished_at: null,
        created_at: iso(now),
      })
      .where('key', '=', key)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async getAction(key: string): Promise<ActionRecord | null> {
    const row = await this.db.selectFrom('actions').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? toAction(row) : null;
  }

  async listActions(filter: { repo?: string; issueNumber?: number } = {}): Promise<ActionRecord[]> {
    let query = this.db.selectFrom('actions').selectAll();
    if (filter.repo !== undefined) query = query.where('repo', '=', filter.repo);
    if (filter.issueNumber !== undefined) query = query.where('issue_number', '=', filter.issueNumber);
    const rows = await query.orderBy('created_at').orderBy('key').execute();
    return rows.map(toAction);
  }

  async listUnfinishedActions(): Promise<ActionRecord[]> {
    const rows = await this.db
      .selectFrom('actions')
      .selectAll()
      .where('status', '=', 'intent')
      .orderBy('created_at')
      .execute();
    return rows.map(toAction);
  }

  async tryLease(name: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
    const expires = iso(new Date(now.getTime() + ttlMs));
    const result = await this.db
      .insertInto('leases')
      .values({ name, owner, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ owner, expires_at: expires })
          .where('leases.expires_at', '<=', iso(now)),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async pruneLeases(now = new Date()): Promise<number> {
    const result = await this.db.deleteFrom('leases').where('expires_at', '<=', iso(now)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listScannerHealth(): Promise<ScannerHealthRecord[]> {
    const rows = await this.db.selectFrom('scanner_health').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      name: r.name,
      healthy: Number(r.healthy) === 1,
      status: r.status,
      changedAt: new Date(r.changed_at),
      checkedAt: new Date(r.checked_at),
    }));
  }

  async saveScannerHealth(record: ScannerHealthRecord): Promise<void> {
    const values = {
      healthy: record.healthy ? 1 : 0,
      status: record.status,
      changed_at: iso(record.changedAt),
      checked_at: iso(record.checkedAt),
    };
    await this.db
      .insertInto('scanner_health')
      .values({ name: record.name, ...values })
      .onConflict((oc) => oc.column('name').doUpdateSet(values))
      .execute();
  }

  async recordScannerHealthChange(change: ScannerHealthChange): Promise<void> {
    await this.db
      .insertInto('scanner_health_changes')
      .values({
        name: change.name,
        healthy: change.healthy ? 1 : 0,
        status: change.status,
        at: iso(change.at),
      })
      .onConflict((oc) => oc.columns(['name', 'at']).doNothing())
      .execute();
  }

  async listScannerHealthChanges(since: Date): Promise<ScannerHealthChange[]> {
    const rows = await this.db
      .selectFrom('scanner_health_changes')
      .selectAll()
      .where('at', '>=', iso(since))
      .orderBy('at')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      name: r.name,
      healthy: Number(r.healthy) === 1,
      status: r.status,
      at: new Date(r.at),
    }));
  }

  async registerReplica(name: string, now = new Date()): Promise<void> {
    await this.db
      .insertInto('replicas')
      .values({ name, started_at: iso(now), seen_at: iso(now) })
      .onConflict((oc) => oc.column('name').doUpdateSet({ started_at: iso(now), seen_at: iso(now) }))
      .execute();
  }

  async touchReplica(name: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable('replicas')
      .set({ seen_at: iso(now) })
      .where('name', '=', name)
      .execute();
  }

  async removeReplica(name: string): Promise<void> {
    await this.db.deleteFrom('replicas').where('name', '=', name).execute();
  }

  async listReplicas(): Promise<ReplicaRecord[]> {
    const rows = await this.db.selectFrom('replicas').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      name: r.name,
      startedAt: new Date(r.started_at),
      seenAt: new Date(r.seen_at),
    }));
  }

  async saveGuide(guide: OpenGuide): Promise<void> {
    // A guide is saved once per click: dropping the stale ones then keeps the table small.
    await this.db
      .deleteFrom('open_guides')
      .where('opened_at', '<', iso(new Date(guide.at.getTime() - GUIDE_TTL_MS)))
      .execute();
    const values = {
      blocks_json: JSON.stringify(guide.blocks),
      thread_ts: guide.threadTs,
      opened_at: iso(guide.at),
    };
    await this.db
      .insertInto('open_guides')
      .values({ key: guide.key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }

  async takeGuide(key: string, now = new Date()): Promise<OpenGuide | null> {
    // Deleted as it is read, so one "Done" takes it even when two replicas answer at once.
    const row = await this.db
      .deleteFrom('open_guides')
      .where('key', '=', key)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const at = new Date(row.opened_at);
    if (now.getTime() - at.getTime() > GUIDE_TTL_MS) return null;
    const blocks = decodeJson(blocksSchema, row.blocks_json, 'open_guides', `(key ${key})`);
    return { key: row.key, blocks, threadTs: row.thread_ts, at };
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function investigationFields(row: Selectable<InvestigationsTable>): Omit<InvestigationRecord, 'report'> {
  return {
    id: Number(row.id),
    repo: row.repo,
    issueNumber: Number(row.issue_number),
    title: row.title,
    channel: row.channel,
    threadTs: row.thread_ts,
    summaryTs: row.summary_ts,
    status: row.status as InvestigationStatus,
    progressDone: Number(row.progress_done),
    progressTotal: Number(row.progress_total),
    owner: row.owner,
    leaseUntil: date(row.lease_until),
    startedAt: new Date(row.started_at),
    finishedAt: date(row.finished_at),
    marker: row.marker ?? null,
  };
}

function toAction(row: Selectable<Database['actions']>): ActionRecord {
  return {
    key: row.key,
    investigationId: row.investigation_id === null ? null : Number(row.investigation_id),
    repo: row.repo,
    issueNumber: Number(row.issue_number),
    action: row.action,
    ip: row.ip,
    userId: row.user_id,
    userName: row.user_name,
    status: row.status as ActionStatus,
    result: row.result,
    createdAt: new Date(row.created_at),
    finishedAt: date(row.finished_at),
  };
}
