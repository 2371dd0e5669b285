/** Opens the store named by DATABASE_URL: `sqlite:PATH` (embedded default) or `postgres://...`. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { InputError } from '../errors.js';
import { KyselyStore } from './kysely-store.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './store.js';

export async function openStore(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> {
  const store = createStore(databaseUrl);
  if (options.migrate ?? true) await store.migrate();
  return store;
}

function createStore(databaseUrl: string): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new InputError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/nessus-gap.db');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    return new KyselyStore(
      new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) }),
      'sqlite',
    );
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    return new KyselyStore(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  }
  throw new InputError('DATABASE_URL must be sqlite:PATH or postgres://...');
}
