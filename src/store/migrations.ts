/** Versioned migrations, applied at start by Kysely's Migrator; never edit one that has shipped. */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

export type Backend = 'sqlite' | 'postgres';

function initial(backend: Backend): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('investigations')
        .addColumn('id', backend === 'postgres' ? 'serial' : 'integer', (c) =>
          backend === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('issue_number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('thread_ts', 'text')
        .addColumn('summary_ts', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('active_key', 'text', (c) => c.unique())
        .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('report_json', 'text')
        .execute();
      await db.schema
        .createIndex('investigations_thread')
        .on('investigations')
        .columns(['channel', 'thread_ts'])
        .execute();
      await db.schema
        .createTable('findings')
        .addColumn('investigation_id', 'integer', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('finding_json', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('findings_pk', ['investigation_id', 'ip'])
        .execute();
      await db.schema
        .createTable('messages')
        .addColumn('investigation_id', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('messages_pk', ['investigation_id', 'key'])
        .execute();
      await db.schema
        .createTable('actions')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('investigation_id', 'integer')
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('issue_number', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('actions_issue').on('actions').columns(['repo', 'issue_number']).execute();
      await db.schema
        .createTable('events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The schedule's memory: resolved targets, last known scanner health, live replicas. */
const scheduleState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('findings').addColumn('resolved_at', 'text').execute();
    await db.schema
      .createTable('scanner_health')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('healthy', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('replicas')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Hidden markers that cannot be guessed (an investigation's random `marker`), and the store's own
 * identity and health row (`store_meta`), so a running bot can tell its store is still the one it
 * opened.
 */
const markersAndIdentity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('investigations').addColumn('marker', 'text').execute();
    await db.schema
      .createTable('store_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Manual-mode guides whose modal is open, so "Done" finds them after a restart or on another replica. */
const openGuides: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('open_guides')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('blocks_json', 'text', (c) => c.notNull())
      .addColumn('thread_ts', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * History across investigations: every change of a scanner's health (scanner_health keeps only the
 * last), and indexes for reading a target's earlier findings by IP and by when their investigation began.
 */
const history: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scanner_health_changes')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('healthy', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scanner_health_changes_pk', ['name', 'at'])
      .execute();
    await db.schema
      .createIndex('scanner_health_changes_at')
      .on('scanner_health_changes')
      .column('at')
      .execute();
    await db.schema.createIndex('findings_ip').on('findings').column('ip').execute();
    await db.schema.createIndex('investigations_started').on('investigations').column('started_at').execute();
  },
};

export function migrationProvider(backend: Backend): MigrationProvider {
  return {
    getMigrations: async () => ({
      '0001_initial': initial(backend),
      '0002_schedule_state': scheduleState,
      '0003_markers_and_identity': markersAndIdentity,
      '0004_open_guides': openGuides,
      '0005_history': history,
    }),
  };
}
