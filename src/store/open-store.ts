/** Opens the store named by DATABASE_URL: `sqlite:PATH` (embedded default) or `postgres://...`. */
import { closeSync, mkdirSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { errorMessage, InputError } from '../errors.js';
import { KyselyStore } from './kysely-store.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './store.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** A full integrity check of the SQLite file reads every page: at most this often. */
const INTEGRITY_EVERY_MS = 60_000;

export async function openStore(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> {
  const { store, where } = createStore(databaseUrl);
  if (options.migrate ?? true) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => {});
      throw new Error(
        `the store at ${where} cannot be used (${errorMessage(error)}): if it is damaged, restore it from its backup, or move it aside and start again with an empty store`,
      );
    }
  }
  return store;
}

function createStore(databaseUrl: string): { store: Store; where: string } {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new InputError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/nessus-gap.db');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    const store = new KyselyStore(
      new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) }),
      'sqlite',
      path === ':memory:' ? {} : { probe: sqliteProbe(path) },
    );
    return { store, where: path };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const url = new URL(databaseUrl);
    const store = new KyselyStore(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
    return { store, where: `postgres://${url.host}${url.pathname}` };
  }
  throw new InputError('DATABASE_URL must be sqlite:PATH or postgres://...');
}

/**
 * The bot's own connection keeps a deleted file alive and serves pages from its cache, so it cannot
 * tell that the file at `path` is gone, replaced or damaged: a fresh read-only connection to the path
 * can. It must find the file, the store's id in it, and (every minute) every page intact.
 */
function sqliteProbe(path: string): (storeId: string) => void {
  let checkedAt = 0;
  const opened = statSync(path);
  return (storeId) => {
    let now: Stats;
    try {
      now = statSync(path);
    } catch {
      throw new Error(`the store file ${path} is gone since the bot opened it (deleted or moved)`);
    }
    if (now.ino !== opened.ino || now.dev !== opened.dev)
      throw new Error(`the store file ${path} was replaced since the bot opened it`);
    // Pages the write-ahead log holds are read from it: the file's own header is checked apart.
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
    if (!header.equals(SQLITE_MAGIC)) throw new Error(`the store file ${path} is damaged (no SQLite header)`);
    let probe: Database.Database;
    try {
      probe = new Database(path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new Error(`the store file ${path} is gone since the bot opened it (${errorMessage(error)})`);
    }
    try {
      const row = probe.prepare("select value from store_meta where key = 'store_id'").get() as
        | { value?: string }
        | undefined;
      if (row?.value !== storeId)
        throw new Error(`the store file ${path} was replaced since the bot opened it`);
      if (Date.now() - checkedAt >= INTEGRITY_EVERY_MS) {
        const verdict = probe.pragma('quick_check(1)', { simple: true });
        if (verdict !== 'ok') throw new Error(`the store file ${path} is damaged (${String(verdict)})`);
        checkedAt = Date.now();
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the store file')) throw error;
      throw new Error(`the store file ${path} cannot be read (${errorMessage(error)})`);
    } finally {
      probe.close();
    }
  };
}
